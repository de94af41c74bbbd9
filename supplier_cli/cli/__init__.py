"""The `supplier` command: global options, the command groups, and the one place
where errors become messages and exit codes."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from supplier_cli import __version__, render
from supplier_cli.errors import Interrupted, InvalidAnswers, SupplierError, UsageError
from supplier_cli.storage import Store, resolve_root


def _not_utf8(arg: str) -> bool:
    """True when the shell passed bytes that are not UTF-8 (kept as surrogates)."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class SupplierGroup(TyperGroup):
    """Maps the tool's errors to a message on stderr and the documented exit code."""

    def parse_args(self, ctx, args):
        for arg in args:
            if _not_utf8(arg):
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                render.error(
                    f"The argument '{shown}' is not valid UTF-8 text.",
                    "Set your terminal to UTF-8, or type the value again.",
                )
                raise typer.Exit(UsageError.exit_code)
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Interrupted as error:
            render.message(error.message)
            if error.hint:
                render.message(error.hint)
            raise typer.Exit(error.exit_code) from None
        except SupplierError as error:
            problems = error.problems if isinstance(error, InvalidAnswers) else ()
            render.error(error.message, error.hint, problems)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            render.error("Stopped; nothing more was changed.")
            raise typer.Exit(130) from None


app = typer.Typer(
    cls=SupplierGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
    help="Keep your company's details straight with every customer that buys from you.",
)


def _version(value: bool) -> None:
    if value:
        print(f"supplier {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    profiles: Annotated[
        Optional[str],
        typer.Option(
            "--profiles",
            metavar="DIR",
            help="The store folder (default: $SUPPLIER_PROFILES, "
            "else your user data folder).",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say what was done and where.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Keep your company's details straight with every customer that buys from you."""
    render.safe_streams()
    store = Store(resolve_root(profiles))
    ctx.obj = store
    store.verbose = verbose
    if store.loose_permissions():
        render.notice(
            f"Warning: others may read {store.root}; run `chmod 700 {store.root}`."
        )


@app.command()
def path(ctx: typer.Context) -> None:
    """Print the folder where the store lives."""
    print(ctx.obj.root)


def _register() -> None:
    from supplier_cli.cli import customers, entities, onboard, profile, requests

    app.command(name="onboard")(onboard.onboard)
    app.add_typer(profile.app, name="profile")
    app.add_typer(requests.app, name="requests")
    app.add_typer(customers.app, name="customers")
    app.add_typer(entities.app, name="entities")


_register()


def main() -> None:
    app(prog_name="supplier")
