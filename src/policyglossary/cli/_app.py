"""The command group, its error boundary and the options commands share.

Library errors become `Error: …` on stderr and exit status 2 in one place (`_Group.invoke`).
Modules a command needs are imported inside it, so `--help` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from .._version import __version__
from ..errors import PolicyGlossaryError, TermBaseError

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """Turns every toolkit error into `Error: …` and exit 2; restores SIGPIPE behaviour."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["policyglossary.argv"] = list(args)  # the command line, for reports' info
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TermBaseError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Error: the term base has {len(exc.problems)} problem"
                       f"{'s' if len(exc.problems) != 1 else ''}; run `policyglossary lint`",
                       err=True)
            ctx.exit(2)
        except PolicyGlossaryError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            # Ctrl-C: 128 + SIGINT, as shells report it (click would say "Aborted!" and 1)
            click.echo("Interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # `policyglossary … | head` closed the pipe: stop quietly, as other tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)


def termbase_option(function: F) -> F:
    return click.option(
        "--termbase", "-t", "termbase", type=click.Path(path_type=Path),
        help="Term base: a canonical glossary folder or a TBX/XLSX/CSV/TSV term base file. "
             "Default: $POLICYGLOSSARY_TERMBASE, else ./glossary/, else the bundled one.",
    )(function)


def use_color(stream: Any = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def echo_lines(lines: Iterable[str]) -> None:
    for line in lines:
        click.echo(line)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from ..matching.automaton import backend

    click.echo(f"policyglossary, version {__version__}\nmatcher: {backend()}")
    ctx.exit()


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.option("--version", "-V", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version, help="Show the version and the matcher in use, and exit.")
def main() -> None:
    """Term base, consistency checker and CAT-tool exchange for Chinese policy texts
    translated into English."""



def write_output(chunks: Iterable[str], output: Path | None) -> None:
    """Stream a report to `output` (atomically) or to standard output, in large pieces."""
    from itertools import islice

    from ..fsutil import atomic_write

    pieces = iter(chunks)
    groups = iter(lambda: "".join(islice(pieces, 1000)), "")
    if output is not None:
        with atomic_write(output) as handle:
            for group in groups:
                handle.write(group.encode("utf-8"))
    else:
        for group in groups:
            click.echo(group, nl=False)
