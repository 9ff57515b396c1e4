"""Business logic of the web shell: plain functions over the models, called by views and the CLI."""
