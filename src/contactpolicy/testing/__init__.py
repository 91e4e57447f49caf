"""Testing kit for systems that embed contactpolicy.

- :class:`~contactpolicy.testing.workflow.CaseworkWorkflow`: a hypothesis
  stateful test that drives random command sequences by random officers at
  random times and checks the policy's invariants after every step. Subclass
  it to run it against your own store or policy.
"""

from contactpolicy.testing.workflow import CaseworkWorkflow

__all__ = ["CaseworkWorkflow"]
