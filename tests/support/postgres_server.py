"""The throwaway PostgreSQL server, owned by the testing kit
(:mod:`contactpolicy.testing.postgres_server`), for the benchmarks."""

from contactpolicy.testing.postgres_server import INSTALL_HINT, ServerUnavailable, database, server

__all__ = ["INSTALL_HINT", "ServerUnavailable", "database", "server"]
