"""The six restrictions of 5.1 validate themselves when built."""

from typing import Any

import pendulum
import pytest

from contactpolicy import Channel, InvalidInput
from contactpolicy import restrictions as r

SECONDS: Any = 86400
EMAIL: Any = "email"


@pytest.mark.parametrize(
    ("build", "field", "message"),
    [
        (lambda: r.CallTimeLimit(0), "CallTimeLimit.minutes", "from 1 to 1440, got 0"),
        (lambda: r.CallTimeLimit(True), "CallTimeLimit.minutes", "got a bool"),
        (lambda: r.CallTimeLimit(1441), "CallTimeLimit.minutes", "from 1 to 1440, got 1441"),
        (lambda: r.CallTimeLimit(10**30), "CallTimeLimit.minutes", "got a number too large"),
        (lambda: r.CallLimit(0, pendulum.duration(days=1)), "CallLimit.calls", "got 0"),
        (lambda: r.CallLimit(1001, pendulum.duration(days=1)), "CallLimit.calls", "got 1001"),
        (
            lambda: r.CallLimit(3, pendulum.duration(minutes=5)),
            "CallLimit.per",
            "from one hour to 366 days",
        ),
        (
            lambda: r.CallLimit(1, pendulum.duration(days=10**6)),
            "CallLimit.per",
            "from one hour to 366 days",
        ),
        (lambda: r.CallLimit(3, pendulum.duration(months=1)), "CallLimit.per", "months vary"),
        (lambda: r.CallLimit(3, SECONDS), "CallLimit.per", "must be a pendulum.Duration"),
        (
            lambda: r.SingleContactMethod(EMAIL),
            "SingleContactMethod.channel",
            "face_to_face, telephone",
        ),
        (lambda: r.SinglePointOfContact(""), "SinglePointOfContact.officer_id", "non-empty"),
        (
            lambda: r.SinglePointOfContact("x" * 201),
            "SinglePointOfContact.officer_id",
            "at most 200 characters",
        ),
        (lambda: r.ReadAndFile("  "), "ReadAndFile.officer_id", "non-empty"),
        (lambda: r.NoFurtherEnquiriesOnIssue(""), "NoFurtherEnquiriesOnIssue.issue", "non-empty"),
    ],
)
def test_invalid_restrictions_are_refused(build: object, field: str, message: str) -> None:
    """A restriction that could not be applied as written is InvalidInput under 5.1."""
    with pytest.raises(InvalidInput) as error:
        build()  # type: ignore[operator]
    assert error.value.field == field
    assert error.value.section == "5.1"
    assert message in error.value.message


def test_valid_restrictions_keep_their_values() -> None:
    """Valid values are kept as given."""
    assert r.CallLimit(3, pendulum.duration(weeks=1)).per == pendulum.duration(days=7)
    assert r.SingleContactMethod(Channel.EMAIL).channel is Channel.EMAIL
    assert len(r.KINDS) == 6
