"""Web pages: thin views that read the request, call a service and render a template."""
