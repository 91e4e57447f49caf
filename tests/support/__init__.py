"""Helpers the tests share: builders of cases, the throwaway PostgreSQL server,
the command line runner, tampering and worker processes, and the stores and
scenes several test files take (token stores, a wrong or rotated key)."""
