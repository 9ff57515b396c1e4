"""The Shanghai 2012 campaign, rebuilt as sample data."""
