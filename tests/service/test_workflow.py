"""The lifecycle under random command sequences (contactpolicy.testing.workflow),
on the in-memory store and, as an integrator would run it, on SQLite."""

import shutil
import tempfile
from pathlib import Path

from hypothesis import settings

from contactpolicy.stores import SQLiteStore, Store
from contactpolicy.testing import CaseworkWorkflow

CaseworkWorkflow.TestCase.settings = settings(settings(), stateful_step_count=40)
TestCaseworkWorkflow = CaseworkWorkflow.TestCase


class SQLiteWorkflow(CaseworkWorkflow):
    """The same workflow, each run on a new SQLite file."""

    def make_store(self) -> Store:
        self.folder = Path(tempfile.mkdtemp())
        return SQLiteStore(self.folder / "cases.db")

    def teardown(self) -> None:
        if hasattr(self, "folder"):
            shutil.rmtree(self.folder)


SQLiteWorkflow.TestCase.settings = settings(settings(), max_examples=10, stateful_step_count=30)
TestSQLiteWorkflow = SQLiteWorkflow.TestCase
