"""At the command line: ``warn --behaviour threats`` named the calls on file
(its incidents defaulted to all), so the letter listed the calls while the
record said threats, and calls that went on did not count (6.3); and
``designate --service`` pasted with a customer's name and telephone number
repeated them in the refusal (5.1). Each refusal writes nothing."""

from __future__ import annotations

from support.command_line import DESIGNATE, CommandLine

WARN = ("--as", "jsmith", "warn")


def test_a_warning_names_no_incident_of_a_behaviour_it_does_not_warn_about(
    command: CommandLine,
) -> None:
    """The reproduction: with only excessive demands on file, a warning
    about threats names no incident, and one naming incident 1 is refused
    naming it; neither writes anything (status 1)."""
    case_id = command.report()
    before = command.record()
    ran = command(*WARN, case_id, "--method", "letter", "--behaviour", "threats")
    assert (ran.status, ran.out, ran.err) == (
        1,
        "",
        "refused: cannot run 'warn': the policy requires\n"
        "  - [6.3] a warning names the incidents it is about, of the behaviours it warns "
        "about (left out, those on file of its behaviours): it names none "
        "(warning_incidents_missing)\n",
    )
    ran = command(*WARN, case_id, "--method", "letter", "--incident", "1", "--behaviour", "threats")
    assert (ran.status, ran.out, ran.err) == (
        1,
        "",
        "refused: cannot run 'warn': the policy requires\n"
        "  - [6.3] a warning names only incidents of the behaviours it warns about, as the "
        "customer's letter lists them as what the council is concerned about and a "
        "designation counts contact in the same manner by those behaviours: incident 1 "
        "(excessive_demands) is of none of them; warn about its behaviour too (--behaviour), "
        "or leave it out (--incident) (incident_not_warned_about)\n",
    )
    assert command.record() == before


def test_a_service_that_is_no_team_is_named_by_its_number_not_as_typed(
    command: CommandLine,
) -> None:
    """The reproduction: a name and telephone number in ``--service`` are
    refused naming the service's number and the teams, status 1."""
    case_id = command.warned()
    before = command.record()
    designate = ("--as", "apatel", "designate", case_id, *DESIGNATE[:-2])
    ran = command(
        *designate, "--service", "Revenues and Benefits", "--service", "Kay Poe 07700900123"
    )
    assert (ran.status, ran.out, ran.err) == (
        1,
        "",
        "refused: cannot run 'designate': the policy requires\n"
        "  - [5.1] each service named (--service) must be one of the council's teams, "
        "'Policy and Information' or 'Revenues and Benefits': service 2 of the 2 named "
        "matches none, so the restrictions would apply at no contact for it and no manager "
        "would be told of them (9.1) (unknown_service)\n",
    )
    assert command.record() == before
