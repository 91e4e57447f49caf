"""Helpers the tests share: builders of cases, the throwaway PostgreSQL server,
the command line runner, tampering and worker processes."""
