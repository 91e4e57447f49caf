"""Issue 13 item 1: the letters to the customer (6.3), each kind read for
every element it must show, with exact dates and names."""

import contextlib

import pendulum
import pytest
from hypothesis import given, settings

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    Customer,
    FrozenClock,
    Incident,
    InvalidInput,
    Letter,
    LetterKind,
    NotAuthorised,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.errors import PolicyError
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.sequences import command_sequences

from support.builders import DECIDER, KEPT_UP, MANAGER, RECORDS, STAFF, START
from support.letters import (
    APPEAL_REASONS,
    CUSTOMER,
    ENDS_BECAUSE,
    GROUNDS,
    LIFTED_BECAUSE,
    OVERRIDE,
    REASONS,
    REASSIGNED_BECAUSE,
    casework,
    designated,
    pdf_text,
    the_whole_story,
    told,
    words,
)

NO_ACTION_BECAUSE = "Two emails in a week are a reasonable way to ask about a permit."

EVERY_LETTER = (
    "Łucja Nowak",
    "12 Week Street",
    "Maidstone ME14 1RF",
    "Local Government and Social Care Ombudsman: www.lgo.org.uk",
    "An electronic record of your case is kept by the Head of Policy, Communications and "
    "Governance and maintained by the Policy and Information team (section 7.4 of the policy)",
    "A copy of the council's Unreasonable and Unreasonably Persistent Customer Contact Policy "
    "is enclosed",
)
RESTRICTED = (
    "Restricting the number of telephone calls that will be taken: at most 2 calls in any 7 days.",
    "These restrictions apply to your contact with the council's Revenues service",
    "Letters in large print.",
    "be reviewed on",
)
SPOC = (
    "Your single point of contact is Priya Patel. Telephone: 01622 602000. "
    "Email: priya.patel@maidstone.gov.uk."
)
EXPECTED = {
    LetterKind.WARNING: (
        "Date: 28 February 2026",
        "On 30 January 2026 you were warned by letter",
        "30 January 2026: Making excessive demands on the time and resources of staff with "
        "frequent or lengthy phone calls, emails or letters. 23 calls in one day about the "
        "council tax bill.",
        "Calls limited to 10 minutes",
        "If your contacts continue in the same manner, the Head of Policy, Communications and "
        "Governance may decide to treat you as an unreasonable or unreasonably persistent "
        "contact",
        "Mo Manager Manager",
    ),
    LetterKind.DESIGNATION: (
        "Date: 28 February 2026",
        "on 31 January 2026 the council decided to apply its Unreasonable and Unreasonably "
        "Persistent Customer Contact Policy",
        REASONS,
        OVERRIDE,
        SPOC,
        "The restrictions apply until 31 March 2026. That is the last day decided for them "
        "(section 6.4 of the policy): they end then. The council's record of them will still "
        "be reviewed on 30 April 2026 (section 7.2 of the policy)",
        ENDS_BECAUSE,
        "Dev Decider Head of Policy, Communications and Governance",
        *RESTRICTED,
    ),
    LetterKind.REVIEW: (
        "On 7 February 2026 the Head of Policy, Communications and Governance decided: the "
        "restrictions continue.",
        GROUNDS,
        "Incidents recorded since the last decision: 1 incident (section 7.2).",
        SPOC,
        "The restrictions apply until 7 May 2026. They will be reviewed on 7 May 2026",
        *RESTRICTED,
    ),
    LetterKind.APPEAL: (
        "The Director of Finance and Business Improvement has considered your appeal, received "
        "on 14 February 2026",
        "your appeal was dismissed: the restrictions stand.",
        APPEAL_REASONS,
        SPOC,
        "Dir Director Director of Finance and Business Improvement",
        *RESTRICTED,
    ),
    LetterKind.REASSIGNED: (
        "On 21 February 2026 the council named a new officer",
        REASSIGNED_BECAUSE,
        "Designating a single point of contact for you to communicate with: Tom Green.",
        "Your single point of contact is Tom Green. To reach them, contact the Policy and "
        "Information team at Maidstone House, King Street, Maidstone, Kent ME15 6JQ.",
        *RESTRICTED,
    ),
    LetterKind.LIFTED: (
        "On 28 February 2026 the Head of Policy, Communications and Governance lifted the "
        "restrictions",
        LIFTED_BECAUSE,
        "No restrictions under the policy now apply to your contact with the council.",
    ),
    LetterKind.NO_ACTION: (
        "On 28 February 2026 the Head of Policy, Communications and Governance decided that no "
        "action will be taken under the Unreasonable and Unreasonably Persistent Customer "
        "Contact Policy about your contact with the council about parking permit.",
        NO_ACTION_BECAUSE,
        "A record of this decision is kept, as set out below (section 7.4 of the policy).",
    ),
}


ADDRESS = "Maidstone House, King Street, Maidstone, Kent ME15 6JQ"
APPEAL = (
    "If you disagree with this decision or the restrictions attached to it, you may appeal to "
    "the Director of Finance and Business Improvement (section 8.1 of the policy): write to the "
    f"Director of Finance and Business Improvement at {ADDRESS}, quoting our reference {{}}, "
    "saying what you disagree with and why. You may appeal at any time while the restrictions "
    "apply, and you may also send your appeal through {}. Your appeal will be decided within "
    "20 working days of its receipt; the restrictions stay in place until then."
)
REVIEW = (
    "You may also ask for the decision to be reviewed at any time, in particular if you raise "
    "a new issue or have significant new information (sections 6.3 and 7.3 of the policy): "
    f"write to the Policy and Information team at {ADDRESS}, quoting our reference {{}}."
)
RIGHTS = {
    LetterKind.WARNING: (
        "IF YOU DISAGREE WITH THIS WARNING",
        "A warning is not a decision to restrict your contact, so the appeal of section 8.1 of "
        "the policy is not the route for it. If you disagree with this warning, you may "
        "complain through the council's complaints procedure: write to the Policy and "
        f"Information team at {ADDRESS}, quoting our reference {{0}}, saying what you disagree "
        "with and why.",
    ),
    LetterKind.DESIGNATION: (
        "HOW TO HAVE THE DECISION REVIEWED OR APPEAL",
        APPEAL.format("{0}", "Priya Patel"),
        REVIEW,
    ),
    LetterKind.REVIEW: (
        "HOW TO HAVE THE DECISION REVIEWED OR APPEAL",
        APPEAL.format("{0}", "Priya Patel"),
        REVIEW,
    ),
    LetterKind.APPEAL: (
        "WHAT YOU CAN DO NOW",
        "Your appeal has been decided by the Director of Finance and Business Improvement, who "
        "considers appeals under section 8.1 of the policy: the council's own procedure for "
        "this decision ends here. If you remain dissatisfied, you may complain to the "
        "Ombudsman (below).",
        REVIEW,
    ),
    LetterKind.REASSIGNED: (
        "HOW TO HAVE THE DECISION REVIEWED OR APPEAL",
        APPEAL.format("{0}", "Tom Green"),
        REVIEW,
    ),
    LetterKind.NO_ACTION: (
        "IF YOU ARE DISSATISFIED",
        "If you are dissatisfied with how the council handled your case, you may complain "
        f"through the council's complaints procedure: write to the Policy and Information team "
        f"at {ADDRESS}, quoting our reference {{0}}.",
    ),
    LetterKind.LIFTED: (
        "IF YOU ARE DISSATISFIED",
        "If you are dissatisfied with how the council handled your case, you may complain "
        f"through the council's complaints procedure: write to the Policy and Information team "
        f"at {ADDRESS}, quoting our reference {{0}}.",
    ),
}
"""Each kind's rights section, exactly (6.3, 7.3, 8.1): an appeal against a
decision while it restricts; after an appeal, no appeal to the same
Director again; after a lift, nothing to appeal; a warning is no decision."""

APPEALABLE = {LetterKind.DESIGNATION, LetterKind.REVIEW, LetterKind.REASSIGNED}
"""The letters of a decision that may be appealed under 8.1 while it restricts."""


@pytest.fixture(scope="module")
def letters() -> dict[LetterKind, Letter]:
    """Every letter of one case told from warning to lift (28 February 2026),
    and the letter of another request of the customer's, decided that day
    with no action (6.1)."""
    work = casework()
    case = the_whole_story(work)
    found: dict[LetterKind, Letter] = {
        kind: work.letter(case.id, kind, by=RECORDS)
        for kind in LetterKind
        if kind is not LetterKind.NO_ACTION
    }
    calls = Incident(Behaviour.REPEAT_ENQUIRIES, work.clock.now(), Channel.EMAIL, "Two emails.")
    declined = work.report(CUSTOMER, "parking permit", [calls], by=MANAGER)
    work.decide_no_action(declined.id, DECIDER, NO_ACTION_BECAUSE)
    found[LetterKind.NO_ACTION] = work.letter(declined.id, LetterKind.NO_ACTION, by=RECORDS)
    return found


@pytest.mark.parametrize("kind", list(LetterKind))
def test_each_letter_shows_every_required_element(
    letters: dict[LetterKind, Letter], kind: LetterKind
) -> None:
    """6.3, 7.4, 8.1: each kind's text names the customer and address as
    recorded, says why, what it means, how long, how to appeal and to whom,
    the Ombudsman, the record and the policy enclosed, with exact dates."""
    text = words(letters[kind].text)
    for element in (*EVERY_LETTER, *EXPECTED[kind]):
        assert words(element) in text, element


def test_the_lifted_letter_leaves_out_what_no_longer_applies(
    letters: dict[LetterKind, Letter],
) -> None:
    """7.2: once the restrictions end the letter lists none and no review date."""
    text = letters[LetterKind.LIFTED].text
    assert "They will be reviewed on" not in text
    assert "Restricting the number" not in text


@pytest.mark.parametrize("kind", list(LetterKind))
def test_the_pdf_holds_the_same_elements(
    letters: dict[LetterKind, Letter], kind: LetterKind
) -> None:
    """The PDF, laid out from the HTML, reads the same words, "Łucja" included."""
    text = pdf_text(letters[kind].pdf())
    for element in (*EVERY_LETTER, *EXPECTED[kind]):
        assert words(element) in text, element


@pytest.mark.parametrize("kind", list(LetterKind))
def test_each_kinds_rights_section_says_exactly_what_the_customer_may_do(
    letters: dict[LetterKind, Letter], kind: LetterKind
) -> None:
    """Reproduction: the appeal-outcome letter sent the customer back to the
    Director who had just decided; the lifted letter offered an appeal
    against restrictions that no longer exist; the warning offered 8.1."""
    text = letters[kind].text
    section = text[: text.index("COMPLAINING TO THE OMBUDSMAN")].rsplit("\n\n\n", 1)[-1]
    start = section.index(RIGHTS[kind][0])
    paragraphs = [words(part) for part in section[start:].split("\n\n") if part.strip()]
    reference = letters[kind].case_id
    assert paragraphs == [each.format(reference) for each in RIGHTS[kind]]


@pytest.mark.parametrize("kind", list(LetterKind))
def test_the_html_is_accessible(letters: dict[LetterKind, Letter], kind: LetterKind) -> None:
    """Plain, accessible HTML: a language, a title, headings, no layout tables."""
    html = letters[kind].html
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>" in html
    assert "<h1>" in html
    assert f"<h2>{RIGHTS[kind][0].capitalize()}</h2>" in html
    assert "<table" not in html


def test_the_warning_is_dated_when_it_was_given(letters: dict[LetterKind, Letter]) -> None:
    """The warning letter is the warning: dated the day it was given (6.3)."""
    assert letters[LetterKind.WARNING].about == pendulum.datetime(
        2026, 1, 30, 10, tz="Europe/London"
    )


def test_html_special_characters_in_a_name_are_escaped() -> None:
    """A name with HTML's special characters is shown, never read as markup."""
    work = casework()
    customer = Customer("CRM-10", 'Zoë <b>"O\'Neil" & Co</b>', "1 High Street")
    case = designated(work, customer)
    letter = work.letter(case.id, "designation", by=RECORDS)
    assert "Zoë &lt;b&gt;&#34;O&#39;Neil&#34; &amp; Co&lt;/b&gt;" in letter.html
    assert "<b>" not in letter.html
    assert 'Dear Zoë <b>"O\'Neil" & Co</b>,' in letter.text
    assert 'Zoë <b>"O\'Neil" & Co</b>' in pdf_text(letter.pdf())


def test_override_reasons_are_shown_in_the_letter() -> None:
    """Issue 12: the reasons for going ahead without a soft precondition are
    in the designation letter, and a continued review's in its letter."""
    work = casework()
    case = designated(work)
    told(work, case.id)
    work.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    work.complete_review(case.id, DECIDER, ReviewOutcome.CONTINUE, GROUNDS, overrides=KEPT_UP)
    designation = words(work.letter(case.id, "designation", by=RECORDS).text)
    review = words(work.letter(case.id, "review", by=RECORDS).text)
    assert f"for these recorded reasons: - {OVERRIDE}" in designation
    reason = KEPT_UP["no_incident_since_decision"]
    assert f"for these recorded reasons: - {reason}" in review
    assert "Incidents recorded since the last decision: 0 incidents (section 7.2)." in review


def test_the_kind_is_the_enum_or_its_value_and_nothing_else() -> None:
    """6.3: ``"designation"`` or ``LetterKind.DESIGNATION``; anything else is
    InvalidInput naming ``kind`` and listing the kinds."""
    work = casework()
    case = designated(work)
    assert work.letter(case.id, "designation", by=RECORDS) == work.letter(
        case.id, LetterKind.DESIGNATION, by=RECORDS
    )
    with pytest.raises(InvalidInput) as refused:
        work.letter(case.id, "apology", by=RECORDS)
    assert (refused.value.field, refused.value.section) == ("kind", "6.3")
    assert "warning, designation, review, appeal, lifted, reassigned" in refused.value.message


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("review", "no_decision"),
        ("appeal", "no_decision"),
        ("lifted", "no_decision"),
        ("reassigned", "no_decision"),
    ],
)
def test_a_kind_the_case_has_not_decided_is_preconditions_not_met(kind: str, code: str) -> None:
    """6.3: a letter about a decision not taken cannot be written."""
    work = casework()
    case = designated(work)
    with pytest.raises(PreconditionsNotMet) as refused:
        work.letter(case.id, kind, by=RECORDS)
    assert refused.value.codes == (code,)
    assert refused.value.failures[0].section == "6.3"


def test_a_case_never_warned_has_no_warning_letter() -> None:
    """6.3: no warning recorded, no warning letter."""
    work = casework()
    threat = Incident(
        Behaviour.THREATS, work.clock.now().subtract(days=1), Channel.TELEPHONE, "Threats."
    )
    case = work.report(CUSTOMER, "council tax", [threat], by=MANAGER)
    with pytest.raises(PreconditionsNotMet) as refused:
        work.letter(case.id, "warning", by=RECORDS)
    assert refused.value.codes == ("no_warning",)


def test_record_communicated_keeps_the_letters_digest() -> None:
    """6.3: the letter sent is recorded by its kind and the SHA-256 of its text."""
    work = casework()
    case = designated(work)
    letter = work.letter(case.id, "designation", by=RECORDS)
    work.record_communicated(case.id, DECIDER, work.clock.now(), Channel.LETTER, letter=letter)
    event = work.history(case.id, by=RECORDS)[-1]
    assert event.data["letter"] == {"kind": "designation", "sha256": letter.sha256}
    assert len(letter.sha256) == 64
    communicated = work.get(case.id, by=RECORDS).decisions[-1].communicated
    assert communicated is not None
    assert communicated.letter is LetterKind.DESIGNATION


def test_a_letter_of_another_decision_is_refused() -> None:
    """6.3: the letter recorded as sent must be the latest decision's."""
    work = casework()
    case = designated(work)
    old = work.letter(case.id, "designation", by=RECORDS)
    told(work, case.id)
    work.lift(case.id, DECIDER, LIFTED_BECAUSE)
    with pytest.raises(PreconditionsNotMet) as refused:
        work.record_communicated(case.id, DECIDER, work.clock.now(), Channel.LETTER, letter=old)
    assert refused.value.codes == ("letter_not_of_decision",)
    assert work.get(case.id, by=RECORDS).decisions[-1].communicated is None


def test_without_a_letter_record_communicated_works_as_before() -> None:
    """Existing callers: no ``letter`` records no digest."""
    work = casework()
    case = designated(work)
    case = work.record_communicated(case.id, DECIDER, work.clock.now(), Channel.LETTER)
    assert "letter" not in work.history(case.id, by=RECORDS)[-1].data
    assert case.decisions[-1].communicated is not None
    assert case.decisions[-1].communicated.letter is None


def test_only_an_officer_who_may_decide_or_record_it_has_a_letter_written() -> None:
    """Need-to-know: a letter holds the case file; a member of staff may not
    have one written, the records team may."""
    work = casework()
    case = designated(work)
    with pytest.raises(NotAuthorised) as refused:
        work.letter(case.id, "designation", by=STAFF)
    assert refused.value.section == "6.3"
    assert work.letter(case.id, "designation", by=RECORDS).kind is LetterKind.DESIGNATION


@settings(max_examples=25, deadline=None)
@given(command_sequences(max_steps=12))
def test_any_letter_of_any_reachable_case_shows_the_appeal_route(steps: list) -> None:  # type: ignore[type-arg]
    """Whatever story a case has, each letter is written with the appeal
    route (8.1) exactly when it is about a decision that restricts and is
    not itself the appeal's outcome, or refused with a typed error because the case has no such
    decision yet, or its restrictions lapsed or ended (the letter would say they apply); never
    an untyped error. A customer drawn with no contact details has them
    recorded first, as every letter is refused without them (6.3)."""
    clock = FrozenClock(steps[0].at)
    work = Casework(MemoryStore(), clock=clock)
    case = steps[0].run(work, clock)
    for step in steps[1:]:
        with contextlib.suppress(PolicyError):
            case = step.run(work, clock, case.id)
    if not work.get(case.id).customer.contact:
        work.rectify(case.id, RECORDS, "customer.contact", "12 Week Street", "Address given.")
    for kind in LetterKind:
        try:
            letter = work.letter(case.id, kind, by=RECORDS)
        except PreconditionsNotMet as error:
            refused = error.codes
        else:
            refused = ()
        if refused:
            stopped = {("restrictions_lapsed",), ("restrictions_ended",)}
            assert refused in {("no_warning",), ("no_decision",), *stopped}
            continue
        text = words(letter.text)
        offered = "you may appeal to the Director of Finance and Business Improvement" in text
        restricting = "HOW LONG THE RESTRICTIONS WILL LAST" in text
        assert offered == (restricting and kind in APPEALABLE)
        assert "Local Government and Social Care Ombudsman" in letter.html


def test_a_warning_about_a_behaviour_with_no_incident_named_is_written() -> None:
    """6.3: a behaviour warned about without an incident of it reads in the
    policy's words, with no date; the warning letter is written, not refused
    for a missing date."""
    work = casework()
    threat = Incident(Behaviour.THREATS, START.subtract(days=1), Channel.TELEPHONE, "Threats.")
    case = work.report(CUSTOMER, "council tax", [threat], by=MANAGER)
    work.warn(
        case.id,
        MANAGER,
        Channel.LETTER,
        at=threat.occurred_at,
        behaviours=[Behaviour.THREATS, Behaviour.EXCESSIVE_DEMANDS],
    )
    text = work.letter(case.id, "warning", by=RECORDS).text
    assert (
        "- Making excessive demands on the time and resources of staff with frequent or "
        "lengthy phone calls, emails or letters.\n"
    ) in text


def test_a_case_whose_own_details_say_no_appeal_still_has_its_letters() -> None:
    """The check for wording that takes the appeal away reads a council's
    templates against the probe case only: a customer's address or a
    recorded reason may say anything."""
    work = casework()
    case = designated(work, Customer("CRM-13", "Sam Taylor", "No Appeal Farm\nMaidstone"))
    assert "No Appeal Farm" in work.letter(case.id, "designation", by=RECORDS).text
