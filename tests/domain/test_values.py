"""What each public value accepts (docs/values.md): every reproduction of
issue 9 about the values themselves, grouped by kind of mistake."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    Assessment,
    Behaviour,
    Channel,
    Command,
    Contact,
    Customer,
    Incident,
    InvalidInput,
    InvalidPolicy,
    Officer,
    Policy,
    Role,
)
from contactpolicy.domain.validation import ISSUE_LENGTH, identifier
from contactpolicy.restrictions import CallLimit, CallTimeLimit, NoFurtherEnquiriesOnIssue

AT = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")
ADDRESS = "Sam Taylor phoned from 07700 900123"


def refused(build: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as error:
        build()
    return error.value


# Flags are real booleans ------------------------------------------------------


def test_an_assessment_of_strings_is_refused_not_read_as_four_affirmations() -> None:
    """Assessment("no", "false", "no", "0") used to pass every 6.2 check:
    now the first flag that is not a bool is refused under 6.2."""
    error = refused(
        lambda: Assessment(
            issue_investigated="no",  # type: ignore[arg-type]
            communications_adequate="false",  # type: ignore[arg-type]
            no_significant_new_information="no",  # type: ignore[arg-type]
            adjustments_considered="0",  # type: ignore[arg-type]
        )
    )
    assert (error.field, error.section) == ("Assessment.issue_investigated", "6.2")
    assert error.message == "must be True or False, got a str of 2 characters"


# A string is never split into characters ---------------------------------------


def test_an_officer_whose_roles_are_a_string_is_refused() -> None:
    """Officer("x", "X", "manager") used to hold the roles m, a, n, g, e, r."""
    error = refused(lambda: Officer("x", "X", "manager"))  # type: ignore[arg-type]
    assert (error.field, error.message) == (
        "Officer.roles",
        "must be a collection such as a list, got a str of 7 characters",
    )


def test_roles_given_as_a_list_or_set_are_kept_as_a_frozenset() -> None:
    """A list, a set or a frozenset of roles all give the same officer."""
    assert Officer("x", "X", [Role.MANAGER]) == Officer("x", "X", {Role.MANAGER})
    assert Officer("x", "X", [Role.MANAGER]).roles == frozenset({Role.MANAGER})


# Optional text given None stays absent; ints are not text ------------------------


def test_none_for_optional_text_is_empty_never_the_word_none() -> None:
    """Customer.contact and Assessment.notes given None are empty, not "None"."""
    assert Customer("CRM-1", "Sam Taylor", None).contact == ""
    passed = Assessment(
        issue_investigated=True,
        communications_adequate=True,
        no_significant_new_information=True,
        adjustments_considered=True,
        notes=None,
    )
    assert passed.notes == ""


def test_an_int_is_not_text() -> None:
    """A number where text belongs is refused, not stored as its digits."""
    error = refused(lambda: Customer("CRM-1", 7))  # type: ignore[arg-type]
    assert (error.field, error.message) == ("Customer.name", "must be text, got an int")


# Text a database cannot keep is refused where it is given -------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Sam\ud800", "must be Unicode text, but holds a lone surrogate"),
        ("Sam\x00", "must not contain the NUL character (U+0000), which databases cannot store"),
    ],
)
def test_a_lone_surrogate_or_nul_is_refused_when_the_value_is_built(
    text: str, message: str
) -> None:
    """A lone surrogate used to raise UnicodeEncodeError from the audit digest."""
    error = refused(lambda: Customer("CRM-1", text))
    assert (error.field, error.message) == ("Customer.name", message)


# No error repeats personal data --------------------------------------------------


def test_an_error_describes_a_refused_value_without_repeating_it() -> None:
    """A description too long for its field is described by its type and
    length, never shown."""
    error = refused(
        lambda: Incident(Behaviour.THREATS, AT, "phone", ADDRESS)  # type: ignore[arg-type]
    )
    assert ADDRESS not in str(error)
    assert str(error) == (
        "[1.2] Incident.channel: must be one channel of 1.2 (face_to_face, telephone, "
        "letter, email, online_form), got a str of 5 characters"
    )


# Numbers and dates within documented bounds -------------------------------------


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: CallLimit(1, pendulum.duration(days=10**6)), "CallLimit.per"),
        (lambda: CallTimeLimit(10**30), "CallTimeLimit.minutes"),
        (lambda: Contact(Channel.EMAIL, datetime(1, 1, 1, tzinfo=UTC)), "Contact.at"),
        (lambda: Contact(Channel.EMAIL, datetime(9999, 12, 31, tzinfo=UTC)), "Contact.at"),
    ],
)
def test_numbers_and_times_beyond_their_bounds_are_refused(build: Any, field: str) -> None:
    """A call limit over a million days, a call time limit of 10**30 minutes
    and contacts in year 1 or 9999 used to overflow later, at every decision."""
    assert refused(build).field == field


def test_a_naive_time_is_refused() -> None:
    """A time without a zone would be read in the machine's zone (7.4)."""
    error = refused(lambda: Contact(Channel.EMAIL, pendulum.naive(2026, 3, 2, 10)))
    assert (error.field, error.message) == (
        "Contact.at",
        "must be time-zone-aware, got a naive time",
    )


class _DayAhead(tzinfo):
    """A time zone 30 hours ahead of UTC, which ``datetime`` refuses to use."""

    def utcoffset(self, _moment: datetime | None) -> timedelta:
        return timedelta(hours=30)

    def dst(self, _moment: datetime | None) -> None:
        return None

    def tzname(self, _moment: datetime | None) -> str:
        return "+30"


def test_a_time_zone_a_day_or_more_from_utc_is_refused_naming_the_field() -> None:
    """Python raises ValueError for such an offset; the time is refused as input."""
    error = refused(lambda: Contact(Channel.EMAIL, datetime(2026, 1, 1, tzinfo=_DayAhead())))
    assert (error.field, error.section, error.message) == (
        "Contact.at",
        "7.4",
        "must have a time zone whose offset from UTC is less than a day",
    )


LONDON_YEAR = st.integers(0, 365 * 24 * 4 - 1).map(
    lambda quarter_hours: pendulum.datetime(2026, 1, 1, tz="Europe/London").add(
        minutes=15 * quarter_hours
    )
)


@given(at=LONDON_YEAR, fold=st.sampled_from([0, 1]))
def test_every_instant_of_the_year_is_kept_in_utc_and_compares_equal(
    at: pendulum.DateTime, fold: int
) -> None:
    """Any London time of 2026, the hour the clocks go back included (either
    fold), is kept as the same instant in UTC, the form every store reads
    back."""
    given_at = at.replace(fold=fold)
    contact = Contact(Channel.EMAIL, given_at)
    assert contact.at.tzinfo == pendulum.UTC
    assert contact.at.timestamp() == given_at.timestamp()
    assert contact.at == given_at


# Identifiers and issues are normalised ------------------------------------------


@pytest.mark.parametrize("typed", ["CRM-2001", " CRM-2001", "CRM-2001 ", "\tCRM-2001\n"])
def test_surrounding_space_is_not_part_of_a_reference(typed: str) -> None:
    """A reference is kept without the space typed around it."""
    assert Customer(typed, "Sam Taylor").id == "CRM-2001"


def test_a_reference_is_kept_in_unicode_nfc() -> None:
    """An accent typed as a combining mark is the same reference as the
    precomposed letter."""
    assert identifier("Ren\u0065\u0301", "customer_id", "7.4") == "Ren\u00e9"


def test_a_reference_longer_than_200_characters_is_refused() -> None:
    """Every store keeps the same identifiers: none over 200 characters."""
    error = refused(lambda: Customer("C" * 201, "Sam Taylor"))
    assert error.message == "must be at most 200 characters, got a str of 201 characters"


def test_an_issue_restricted_is_kept_trimmed() -> None:
    """The issue of a no-further-enquiries restriction is kept without the
    space around it."""
    assert NoFurtherEnquiriesOnIssue("  Council tax bill ").issue == "Council tax bill"


# A policy is checked whole when it is built ---------------------------------------


def test_a_policy_built_in_code_reports_every_problem_at_once() -> None:
    """An empty name, a role that is not one and a period of 0 months are
    three problems of one InvalidPolicy, which is an InvalidInput."""
    with pytest.raises(InvalidInput) as error:
        Policy(name="", permissions={Command.LIFT: ["king"]}, initial_period_months=0)
    assert isinstance(error.value, InvalidPolicy)
    assert [problem.field for problem in error.value.problems] == [
        "Policy.name",
        "Policy.permissions.lift",
        "Policy.initial_period_months",
    ]


def test_a_policy_takes_lists_and_names_where_sets_and_members_belong() -> None:
    """A list of behaviours, a role by its name and a command by its name are
    converted, never left to fail half-way through a case."""
    policy = Policy(
        immediate_action_behaviours=[Behaviour.THREATS],
        permissions={"lift": ["manager"]},
    )
    assert policy.immediate_action_behaviours == frozenset({Behaviour.THREATS})
    assert policy.permissions[Command.LIFT] == frozenset({Role.MANAGER})


def test_a_permission_for_no_command_is_refused_not_ignored() -> None:
    """A permissions key that names no command used to be silently ignored."""
    with pytest.raises(InvalidPolicy) as error:
        Policy(permissions={"fly": ["manager"]})
    assert error.value.problems[0].field == "Policy.permissions"


def test_a_policy_file_saved_as_cp1252_is_refused_naming_the_encoding(tmp_path: Path) -> None:
    """A file saved in Windows' cp1252 used to raise UnicodeDecodeError."""
    path = tmp_path / "policy.toml"
    path.write_bytes('name = "Borough of Sm\u00eeth"\n'.encode("cp1252"))
    error = refused(lambda: Policy.from_toml(path))
    assert error.message == "is not UTF-8 text (byte 21 cannot be read); save it as UTF-8"


def test_a_policy_from_nothing_is_refused_not_maidstone() -> None:
    """from_toml(None) used to raise TypeError and from_mapping([]) to give
    Maidstone's policy."""
    assert refused(lambda: Policy.from_toml(None)).field == "path"  # type: ignore[arg-type]
    error = refused(lambda: Policy.from_mapping([]))  # type: ignore[arg-type]
    assert error.message.startswith("must be a table of the policy's keys, got a list of 0 items")


def test_a_policy_built_in_code_refuses_a_time_zone_that_is_not_text() -> None:
    """Policy(timezone=5) is refused when built, as a file giving 5 is."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy(timezone=5)  # type: ignore[arg-type]
    assert [problem.field for problem in refused.value.problems] == ["Policy.timezone"]


def test_a_contacts_issue_and_department_are_bounded_as_a_cases_issue_is() -> None:
    """The contact log keeps a contact's issue and department: each is at
    most ISSUE_LENGTH characters, like the issue of a case."""
    at = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")
    with pytest.raises(InvalidInput) as refused:
        Contact(Channel.TELEPHONE, at, "Revenues", "x" * (ISSUE_LENGTH + 1))
    assert refused.value.field == "Contact.issue"
    with pytest.raises(InvalidInput) as refused:
        Contact(Channel.TELEPHONE, at, "R" * (ISSUE_LENGTH + 1))
    assert refused.value.field == "Contact.department"


def test_a_policy_file_reports_every_problem_at_once() -> None:
    """A wrong type, an unknown key and values out of range are refused
    together, not one per attempt."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping(
            {
                "name": "",
                "initial_period_months": -1,
                "timezone": "Mars/Base",
                "review_interval_months": "six",
                "bogus": 1,
            }
        )
    assert [problem.field for problem in refused.value.problems] == [
        "Policy.review_interval_months",
        "",
        "Policy.name",
        "Policy.initial_period_months",
        "Policy.timezone",
    ]
    assert "extra fields found (bogus)" in str(refused.value)
