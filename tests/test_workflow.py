"""The lifecycle under random command sequences (contactpolicy.testing.workflow)."""

from hypothesis import settings

from contactpolicy.testing import CaseworkWorkflow

CaseworkWorkflow.TestCase.settings = settings(settings(), stateful_step_count=40)
TestCaseworkWorkflow = CaseworkWorkflow.TestCase
