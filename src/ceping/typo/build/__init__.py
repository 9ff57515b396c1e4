"""Scripts that rebuild the shipped typo data from licensed raw sources."""
