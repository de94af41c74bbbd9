"""`supplier onboard`: the guided set-up of the public profile, step by step."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from supplier_cli import onboarding, profile, render, storage
from supplier_cli.errors import Interrupted, InvalidAnswers, UsageError

TOTAL = onboarding.TOTAL_STEPS


def onboard(
    ctx: typer.Context,
    answers: Annotated[
        Optional[str],
        typer.Option("--answers", metavar="FILE",
                     help="Take every answer from a TOML file, without prompts."),
    ] = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Go through every step again.")
    ] = False,
    step: Annotated[
        Optional[int],
        typer.Option("--step", min=1, max=TOTAL, metavar="N", help="Revisit step N only."),
    ] = None,
):
    """Build the public profile, step by step; run it again to resume."""
    store = ctx.obj
    if answers and (restart or step):
        raise UsageError(
            "--answers takes every step from the file; it goes with neither "
            "--restart nor --step.",
            hint="Leave out --restart and --step, or run without --answers.",
        )
    if answers:
        return _from_answers(store, answers)
    from supplier_cli import prompts

    _, meta = store.load_profile()
    steps = _steps_to_run(meta, restart, step)
    if not steps:
        return
    prompts.require_terminal("--answers FILE")

    for number in steps:
        _run_step(store, number)
    render.success("Your public profile is saved. See it with `supplier profile show`.")


def _steps_to_run(meta: dict, restart: bool, step: int | None) -> list[int]:
    if step:
        return [step]
    first = 1 if restart else onboarding.next_step(meta)
    if first is None:
        render.message(
            "Onboarding is complete. Use --restart to go through it again, "
            "or --step N to revisit one step."
        )
        return []
    return list(range(first, TOTAL + 1))


def _run_step(store: storage.Store, number: int) -> None:
    from supplier_cli import wizard

    data, _ = store.load_profile()
    working = copy.deepcopy(data)
    try:
        new_customers = wizard.run_step(number, working, dt.date.today())
    except Interrupted:
        raise Interrupted(
            f"Stopped at step {number} of {TOTAL}; that step was not saved.",
            hint=_how_to_go_on(store, number),
        ) from None

    with store.locked():
        current, meta = store.load_profile()
        for entry in profile.get(working, "diversity.certificates") or []:
            if "sha256" not in entry:
                entry["file"], entry["sha256"] = store.add_certificate(entry["file"])
        known = _connect(store, new_customers)
        merged = onboarding.merge_steps(current, working, [number])
        store.save_profile(merged, onboarding.mark_done(meta, [number]))
    _say_known(known)


def _how_to_go_on(store: storage.Store, number: int) -> str:
    """A step done before (revisited with --restart or --step) is not where a plain
    `supplier onboard` would go on."""
    _, meta = store.load_profile()
    if number in onboarding.completed(meta):
        return (
            "Completed steps are kept. Run `supplier onboard --step "
            f"{number}` to revisit this step."
        )
    return "Completed steps are kept. Run `supplier onboard` to resume."


def _from_answers(store: storage.Store, path: str) -> None:
    from supplier_cli.errors import BadDataFile, NotFound

    try:
        answers = storage.read_toml(Path(path))
    except NotFound:
        raise NotFound(f"--answers {path}: no such file.") from None
    version = answers.get("format", 1)
    if version != 1 or isinstance(version, bool):
        raise BadDataFile(
            f"{path}: 'format' must be 1, not {version!r}.",
            hint="A file from a newer version of supplier is not read; "
            "write it with format = 1.",
        )

    with store.locked():
        current, meta = store.load_profile()
        missing = _missing_files(answers)
        try:
            data, certificates, customers = onboarding.read_answers(
                current, answers, dt.date.today()
            )
        except InvalidAnswers as error:
            raise InvalidAnswers(error.message, error.problems + missing) from None
        if missing:
            raise InvalidAnswers(
                "Some answers are not valid; nothing was saved.", missing
            )
        for entry in certificates:
            entry["file"], entry["sha256"] = store.add_certificate(entry["file"])
        if certificates:
            data.setdefault("diversity", {})["certificates"] = certificates
        known = _connect(store, customers)
        store.save_profile(data, onboarding.mark_done(meta, list(range(1, TOTAL + 1))))

    _say_known(known)
    render.success(f"Saved the public profile from {path}.")


def _connect(store: storage.Store, records: list[dict]) -> list[str]:
    """Save each customer named that is not known yet; the names of the others."""
    known = []
    for record in records:
        if store.load_customer(record["name"]) is None:
            store.save_customer(record)
        else:
            known.append(record["name"])
    return known


def _say_known(names: list[str]) -> None:
    for name in names:
        render.message(
            f"{name} is a customer already; its connection was left as it is."
        )


def _missing_files(answers: dict) -> list[tuple[str, str]]:
    """The certificate files the answers name that do not exist, reported with
    every other invalid answer."""
    diversity = answers.get("diversity")
    entries = diversity.get("certificates") if isinstance(diversity, dict) else None
    if not isinstance(entries, list):
        return []
    return [
        (f"diversity.certificates[{n}].file", f"{entry['file'].strip()}: no such file")
        for n, entry in enumerate(entries, start=1)
        if isinstance(entry, dict)
        and isinstance(entry.get("file"), str)
        and entry["file"].strip()
        and not Path(entry["file"].strip()).expanduser().is_file()
    ]
