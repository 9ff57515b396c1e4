"""Offline Chinese typo (错别字) detection."""
