"""Policy configuration: the Maidstone preset and another council's variant."""

from pathlib import Path

import pendulum
import pytest

from contactpolicy import MAIDSTONE, Behaviour, Command, InvalidInput, Policy, Role


def test_maidstone_is_the_policy_as_written() -> None:
    """The preset carries the titles, periods and time zone of the policy text."""
    assert Policy() == MAIDSTONE
    assert MAIDSTONE.name == "Maidstone Borough Council"
    assert MAIDSTONE.title(Role.DECISION_MAKER) == "Head of Policy, Communications and Governance"
    assert MAIDSTONE.title(Role.APPEAL_DECIDER) == "Director of Finance and Business Improvement"
    assert MAIDSTONE.title(Role.RECORDS) == "Policy and Information team"
    assert (MAIDSTONE.initial_period_months, MAIDSTONE.review_interval_months) == (3, 3)
    assert MAIDSTONE.timezone == "Europe/London"
    assert MAIDSTONE.immediate_action_behaviours == {
        Behaviour.PHYSICAL_CONTACT_OR_ASSAULT,
        Behaviour.THREATS,
    }
    assert MAIDSTONE.require_reasonable_adjustments is True
    assert MAIDSTONE.retention_months == 24
    assert MAIDSTONE.contact_retention_months == 12


@pytest.mark.parametrize(
    ("decided", "first", "due"),
    [
        (pendulum.datetime(2026, 1, 31, 12, tz="UTC"), True, pendulum.date(2026, 4, 30)),
        (pendulum.datetime(2027, 11, 30, 12, tz="UTC"), True, pendulum.date(2028, 2, 29)),
        (pendulum.datetime(2026, 5, 31, 23, 30, tz="UTC"), False, pendulum.date(2026, 9, 1)),
    ],
)
def test_periods_are_calendar_months_in_the_policys_time_zone(
    decided: pendulum.DateTime, first: bool, due: pendulum.Date
) -> None:
    """6.4, 7.2: three calendar months, from the decision's date in London."""
    assert MAIDSTONE.review_due(decided, first=first) == due


def test_from_toml_overrides_what_it_names(tmp_path: Path) -> None:
    """A council's file changes only what it names; the rest stays Maidstone's."""
    path = tmp_path / "policy.toml"
    path.write_text(
        """
name = "Example District Council"
letterhead = "Example District Council\\nMarket Square, Exampleton EX1 1AA"
initial_period_months = 6
timezone = "Europe/London"
immediate_action_behaviours = ["threats"]
require_reasonable_adjustments = true
[titles]
decision_maker = "Monitoring Officer"
[permissions]
designate = ["decision_maker", "head_of_service"]
""",
        encoding="utf-8",
    )
    policy = Policy.from_toml(path)
    assert policy.name == "Example District Council"
    assert policy.initial_period_months == 6
    assert policy.review_interval_months == 3
    assert policy.immediate_action_behaviours == {Behaviour.THREATS}
    assert policy.title(Role.DECISION_MAKER) == "Monitoring Officer"
    assert policy.title(Role.RECORDS) == "Policy and Information team"
    assert policy.permissions[Command.DESIGNATE] == {Role.DECISION_MAKER, Role.HEAD_OF_SERVICE}
    assert policy.permissions[Command.LIFT] == {Role.DECISION_MAKER}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('nmae = "x"', "extra fields found (nmae)"),
        (
            "initial_period_months = '3'",
            "[6.4] Policy.initial_period_months: must be a whole number, got a str of 1 character",
        ),
        ("initial_period_months = 0", "[6.4] Policy.initial_period_months: must be a whole number"),
        ("retention_months = 0", "[7.2] Policy.retention_months"),
        ("contact_retention_months = 121", "[7.2] Policy.contact_retention_months"),
        ('timezone = "Mars/Olympus"', "must be an IANA time zone"),
        ('[titles]\nboss = "x"', "'boss' is not one of: staff, manager, head_of_service"),
        ('[titles]\nrecords = " "', "Policy.titles.records: must be non-empty text"),
        ("[permissions]\nlift = []", "must name at least one role"),
        ('[permissions]\nlift = ["king"]', "'king' is not one of"),
        ('[permissions]\nfly = ["staff"]', "'fly' is not one of: report, add_incident"),
        ('immediate_action_behaviours = ["rudeness"]', "'rudeness' is not one of: scatter_gun"),
        (
            "require_reasonable_adjustments = 1",
            "[6.2] Policy.require_reasonable_adjustments: must be true or false, got an int",
        ),
        ('titles = "x"', "[6.1] Policy.titles: must be a table, got a str of 1 character"),
        (
            '[permissions]\nlift = "manager"',
            "[6.1] Policy.permissions['lift']: must be a list, got a str of 7 characters",
        ),
        (
            'immediate_action_behaviours = "threats"',
            "[6.3] Policy.immediate_action_behaviours: must be a list, got a str of 7 characters",
        ),
    ],
)
def test_from_toml_rejects_unknown_or_invalid_keys(tmp_path: Path, text: str, message: str) -> None:
    """Every mistake is InvalidInput naming the key and the value; the
    accepted keys are listed only for a key that is not one of them."""
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as error:
        Policy.from_toml(path)
    assert message in str(error.value)
    listed = "Accepted keys: name, titles, permissions" in str(error.value)
    assert listed == message.startswith("extra fields found")


def test_from_toml_reports_all_problems_at_once(tmp_path: Path) -> None:
    """Two wrong keys give one error naming both."""
    path = tmp_path / "policy.toml"
    path.write_text('nmae = "x"\nreview_interval_months = "six"\n', encoding="utf-8")
    with pytest.raises(InvalidInput) as error:
        Policy.from_toml(path)
    assert "review_interval_months" in str(error.value)
    assert "extra fields found (nmae)" in str(error.value)


def test_from_toml_rejects_a_missing_or_malformed_file(tmp_path: Path) -> None:
    """An unreadable file or invalid TOML is InvalidInput naming the file."""
    with pytest.raises(InvalidInput, match="cannot read the policy file"):
        Policy.from_toml(tmp_path / "absent.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("name = ", encoding="utf-8")
    with pytest.raises(InvalidInput, match="is not valid TOML"):
        Policy.from_toml(broken)
