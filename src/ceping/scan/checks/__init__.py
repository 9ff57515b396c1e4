"""Checks run on crawled pages; each module has one entry point, listed in the registry."""
