"""Command line: ``policylab data fetch|build|status``, ``policylab build``, ``policylab list``.

This module only parses arguments and hands over to the module that owns the behaviour;
``PolicylabError`` becomes a one-line message and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from policylab import __version__
from policylab.errors import PolicylabError


def _positive_int(text: str) -> int:
    """A count of seconds or workers: 0 or less would silently switch a safeguard off."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {value}")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse with its errors in one line, like every other policylab error: the usage
    block it prints first is left to --help (the exit code stays 2). Subcommands' parsers
    are of this class too (argparse makes them with the parent's class)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"policylab: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="policylab", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"policylab {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="fetch raw files, build the data pack, show its status")
    dsub = data.add_subparsers(dest="data_command", required=True)
    fetch = dsub.add_parser("fetch", help="download the raw layout from the publishers")
    fetch.add_argument("--raw", help="raw folder to write (default: POLICYLAB_RAW or data/raw)")
    fetch.add_argument("--only", nargs="+", metavar="SOURCE", help="only these sources")
    fetch.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    build = dsub.add_parser("build", help="build the data pack from the raw files")
    build.add_argument("--raw", help="raw folder (default: POLICYLAB_RAW or data/raw)")
    build.add_argument("--pack", help="pack folder (default: POLICYLAB_PACK or data/pack)")
    status = dsub.add_parser("status", help="what is in the data pack")
    status.add_argument("--pack", help="pack folder (default: POLICYLAB_PACK or data/pack)")
    status.add_argument("--raw", help="raw folder, to say which sources are offline-only")

    wb = sub.add_parser("build", help="build a workshop's material from a workshop file")
    wb.add_argument("workshop", help="params/workshops/<name>.yml")
    wb.add_argument("--jobs", type=_positive_int, default=0,
                    help="parallel workers (default: cores)")
    wb.add_argument("--force", action="store_true", help="rebuild outputs that are up to date")
    wb.add_argument("--only", nargs="+", metavar="COUNTRY", help="only these countries")
    wb.add_argument("--timeout", type=_positive_int, default=600, help="seconds per notebook")
    wb.add_argument("--no-zip", action="store_true", help="do not write output/<workshop>.zip")
    wb.add_argument("--pdf", action="store_true",
                    help="also print PDF briefs (<ISO3>/brief.pdf, forum/forum_brief.pdf) "
                         "with Chromium")
    wb.add_argument("--language", action="append", metavar="CODE",
                    help="build in this language (en, fr, es; repeat for several, one tree "
                         "each under the output folder); default: the workshop file's")
    wb.add_argument("--scheduler", metavar="ADDRESS",
                    help="run the notebooks on a Dask cluster: a scheduler address "
                         "(tcp://host:8786) or local:N for N local worker processes "
                         "(needs the dask extra: pip install 'policylab[dask]')")

    i18n = sub.add_parser("i18n", help="translation catalogues: extract new strings, report "
                                       "untranslated ones")
    i18n.add_argument("i18n_command", choices=["extract", "check"])
    i18n.add_argument("--language", action="append", metavar="CODE",
                      help="only this language (repeatable; default: fr and es)")
    i18n.add_argument("--summary", action="store_true",
                      help="check: counts per language and catalogue only")

    ls = sub.add_parser("list", help="list what a user can ask for")
    ls.add_argument("what", choices=["countries", "notebooks", "indicators"])
    return p


def _run(args: argparse.Namespace) -> int:
    if args.command == "data":
        if args.data_command == "fetch":
            from policylab.fetch import fetch_command

            return fetch_command(raw=args.raw, only=args.only, timeout=args.timeout)
        if args.data_command == "build":
            from policylab.pack.build import build_command

            return build_command(raw=args.raw, pack=args.pack)
        from policylab.pack.status import status_command

        return status_command(pack=args.pack, raw=args.raw)
    if args.command == "build":
        from policylab.batch.run import build_command as workshop_build

        return workshop_build(
            args.workshop,
            jobs=args.jobs,
            force=args.force,
            only=args.only,
            timeout=args.timeout,
            make_zip=not args.no_zip,
            pdf=args.pdf,
            languages=args.language,
            scheduler=args.scheduler,
        )
    if args.command == "i18n":
        from policylab.i18n.command import i18n_command

        return i18n_command(args.i18n_command, args.language, args.summary)
    if args.what == "notebooks":
        from policylab.batch.notebooks import list_notebooks_command

        return list_notebooks_command()
    from policylab.pack.listing import list_command

    return list_command(args.what)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except PolicylabError as exc:
        print(f"policylab: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("policylab: interrupted", file=sys.stderr)
        return 130
