"""Robustness tests: faults, hostile input, resource exhaustion and leaks (issue 12)."""
