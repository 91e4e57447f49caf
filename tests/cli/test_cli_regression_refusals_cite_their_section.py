"""At the command line as in Python and over HTTP: a blank initial measure
is refused under the record's section (7.4), a command refused in the
case's state cites the section of the command, and an appeal made at the
point of contact after the lift is dealt with by ``read --reason``, not
offered as one to record (8.1)."""

from support.command_line import CommandLine


def test_a_blank_measure_names_the_records_section(command: CommandLine) -> None:
    case_id = command.report()
    ran = command("--as", "jsmith", "warn", case_id, "--method", "letter", "--measure", " ")
    assert (ran.status, ran.err) == (
        2,
        "error: [7.4] --measure: is empty or only white space; give the text\n",
    )


def test_an_appeal_after_the_lift_is_read_with_a_reason(command: CommandLine) -> None:
    case_id = command.told()
    lifted = command("--as", "apatel", "lift", case_id, "--reason", "Contact is reasonable.")
    assert lifted.status == 0, lifted.err
    contact_id = command.checked("letter", "appeal")
    queue = command("--as", "lwong", "todo", "--json")
    assert queue.status == 0, queue.err
    [summary] = [each["summary"] for each in queue.json if each["kind"] == "appeal_to_record"]
    assert summary.endswith(
        "cannot be recorded on the case, which is lifted: an appeal is recorded only on a "
        "case designated or under review (8.1). Deal with it otherwise, and record how it was "
        "dealt with, with the reason (record_read with a reason; contactpolicy read --reason)."
    )
    appealed = command(
        "--as",
        "lwong",
        "appeal",
        "record",
        case_id,
        "--grounds",
        "Unfair.",
        "--contact-id",
        str(contact_id),
    )
    assert (appealed.status, " ".join(appealed.err.split())) == (
        1,
        "refused: [8.1] cannot run 'appeal record': the case is lifted; it is possible only "
        "when the case is designated or under review; 'contactpolicy show' says what is "
        "possible now",
    )
    read = command(
        "--as",
        "lwong",
        "read",
        str(contact_id),
        "--outcome",
        "nothing_new",
        "--reason",
        "The restrictions were lifted before the appeal.",
    )
    assert read.status == 0, read.err
    queue = command("--as", "lwong", "todo", "--json")
    assert [each["kind"] for each in queue.json if each["kind"] == "appeal_to_record"] == []
