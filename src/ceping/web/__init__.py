"""Django shell: settings, models (the schema), admin, views, API; request handling only."""
