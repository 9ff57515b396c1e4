"""Scoring: sources to indicator scores, totals, grades and statistics."""
