"""The benchmark (not the test suite): `python -m bench` writes BENCHMARKS.md."""
