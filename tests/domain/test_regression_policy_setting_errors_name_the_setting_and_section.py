"""Regression: a policy file's errors were cluttered and unevenly named. A
wrong value for a key that was accepted ended with the whole list
"Accepted keys: name, titles, permissions, ..."; a value of the wrong
type was named ``policy.bank_holidays`` with no section ("policy.
bank_holidays: must be str, got an int") where every other problem said
``[8.1] Policy.bank_holidays``. Now every problem with a setting's value
names it ``Policy.<key>`` with the section it carries out
(:data:`~contactpolicy.domain.policy.SECTIONS`), in words ("must be
text"), and the accepted keys are listed only for a key that is not one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.domain.policy import SECTIONS, Policy
from contactpolicy.errors import InvalidPolicy


def test_a_wrong_type_in_a_file_is_named_as_the_other_problems_are(tmp_path: Path) -> None:
    """The reported file's line: the setting, its section, the kind in words."""
    path = tmp_path / "policy.toml"
    path.write_text("bank_holidays = 5\n", encoding="utf-8")
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_toml(path)
    assert str(refused.value) == f"{path}: [8.1] Policy.bank_holidays: must be text, got an int"


def test_a_wrong_value_for_a_known_key_does_not_list_the_keys(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text('bank_holidays = "wales"\n', encoding="utf-8")
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_toml(path)
    assert str(refused.value) == (
        f"{path}: [8.1] Policy.bank_holidays: must be 'england-and-wales', 'scotland', "
        "'northern-ireland' or 'none'"
    )


def test_an_unknown_key_still_lists_the_accepted_keys() -> None:
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping({"holidays": "wales", "review_interval_months": "6"})
    message = str(refused.value)
    assert message.startswith(
        "policy: [6.4] Policy.review_interval_months: must be a whole number, got a str of "
        "1 character; extra fields found (holidays). Accepted keys: name, titles, permissions, "
    )
    assert message.endswith(", letter_templates, letterhead, signatory")


def test_every_setting_has_a_section() -> None:
    assert set(SECTIONS) == {field.name for field in Policy.__attrs_attrs__}
    assert set(SECTIONS.values()) == {"6.1", "6.2", "6.3", "6.4", "7.2", "7.4", "8.1"}


@given(
    st.sampled_from(sorted(SECTIONS)),
    st.floats(allow_nan=False) | st.datetimes() | st.dates().map(lambda day: [[day]]),
)
def test_a_value_of_the_wrong_kind_names_its_setting_and_section(key: str, value: object) -> None:
    """For every setting, a value of a kind no setting takes (a number with
    a fraction, a date and time, a list of lists) is refused naming
    ``Policy.<key>`` and the setting's section, never listing the keys."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping({key: value})
    problems = refused.value.problems
    assert [(problem.field.split("[")[0], problem.section) for problem in problems] == [
        (f"Policy.{key}", SECTIONS[key])
    ] * len(problems)
    assert len(problems) >= 1
    assert "Accepted keys" not in str(refused.value)


def test_a_list_in_place_of_a_behaviour_is_refused_not_a_crash() -> None:
    """A list where a behaviour's name belongs was a TypeError (a set
    cannot hold it) before it could be reported; now it is one problem."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping({"immediate_action_behaviours": [["threats"]]})
    assert str(refused.value) == (
        "policy: [6.3] Policy.immediate_action_behaviours[0]: must be text, one of: "
        "scatter_gun, excessive_demands, repeat_enquiries, refusing_decision, "
        "refusing_to_specify_grounds, refusing_timescales, covert_recording, "
        "falsified_documents, offensive_remarks, physical_contact_or_assault, intimidation, "
        "threats, excessive_swearing, other; got a list of 1 item"
    )
