"""Indicator framework: the tree of indicators, its YAML form and its validation."""
