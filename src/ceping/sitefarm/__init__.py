"""Synthetic government sites with planted defects, served on loopback: for the demo, the tests
and the benchmarks (never for scanning real sites)."""
