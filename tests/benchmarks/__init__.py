"""The benchmarks of issue 8's table: the library against raw drivers, bare
python-statemachine and Python's own start-up, each baseline measured in
the same run.

Run ``uv run python tests/benchmarks --quick --json results.json`` (under a
minute) or without ``--quick`` for the full sizes (1M cases on SQLite, 100k
on PostgreSQL). ``docs/performance.md`` explains each row and gives the
figures measured.
"""
