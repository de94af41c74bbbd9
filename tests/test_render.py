"""The rendering layer, on its own."""

from __future__ import annotations

import pytest

from supplier_cli import render


@pytest.fixture
def narrow(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    render.out.cache_clear()
    render.err.cache_clear()
    yield
    render.out.cache_clear()
    render.err.cache_clear()


def test_messages_are_not_broken_into_lines_so_commands_can_be_pasted(narrow, capsys):
    """Pins a hint whose pasteable command was cut in two by a newline at the
    terminal's width; the terminal wraps long lines itself."""
    command = "`supplier requests record 'Acme Manufacturing' SIM-2026-0042 --applied`"

    render.error("SIM-2026-0042 is approved and cannot be updated yet.", command)
    render.message(f"Then run {command}.")

    assert capsys.readouterr().err.splitlines() == [
        "Error: SIM-2026-0042 is approved and cannot be updated yet.",
        command,
        f"Then run {command}.",
    ]


def test_user_text_in_a_message_is_never_read_as_markup(narrow, capsys):
    render.message("Saved [bold]Zoë & Fils [EU] SARL[/bold] :smile:")

    assert capsys.readouterr().err == "Saved [bold]Zoë & Fils [EU] SARL[/bold] :smile:\n"


def test_a_review_title_is_not_folded_to_the_width_of_a_narrow_table(capsys):
    """Pins a review whose title broke over two lines ("...against what" / "the
    customer has on file") because the table under it was narrow."""
    render.out.cache_clear()

    render.changes(
        "Review: your answers against what the customer has on file",
        [("+", "Certified?", "", "yes")],
    )

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Review: your answers against what the customer has on file"
    assert lines[-1] == render.CHANGE_LEGEND
    render.out.cache_clear()


def test_a_header_longer_than_the_terminal_is_never_cut(narrow, capsys):
    """Pins step and section headers cut with "…" at 40 columns ("Tell us about
    your busin…"); a section title is the customer's text."""
    render.step_header(2, 8, "Tell us about your business")
    render.section_header(1, 3, "Remit-to address [EU] :bank: for Zoë & Fils")

    out = capsys.readouterr().out
    assert "Step 2 of 8: Tell us about your business" in out
    assert "Section 1 of 3: Remit-to address [EU] :bank: for Zoë & Fils" in out
    assert "…" not in out


def test_a_list_of_tables_and_other_values_is_shown_as_text():
    """Regression: a hand-edited answer [{}, []] was taken for certificates and
    `requests show` failed with an AttributeError."""
    assert render.display([{}, []]) == "{}, []"
    assert render.display([{"classification": "Woman-owned", "number": "W-1"}]) == (
        "Woman-owned · W-1"
    )


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_json_on_a_stdout_that_cannot_encode_the_text_stays_json(monkeypatch, encoding):
    # Regression: with PYTHONIOENCODING=ascii, `customers list --json` printed
    # "Zo\xeb & Fils", the stream's escape for what it cannot encode, which is no
    # JSON escape: the output did not parse.
    import io
    import json

    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding=encoding, errors="backslashreplace")
    monkeypatch.setattr("sys.stdout", stream)
    data = [{"name": "Zoë & Fils [EU] SARL"}, {"name": "株式会社サンプル 🏭"}]

    render.print_json(data)
    stream.flush()

    assert json.loads(buffer.getvalue().decode(encoding)) == data
