"""Web pages: thin views that read the request, call a use case, render a template."""
