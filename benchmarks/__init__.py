"""Benchmarks of `supplier`: start-up time and how the commands scale with the store.

Run them all from the checkout with `python -m benchmarks`; see README.md, Benchmarks.
They are not part of the test suite.
"""
