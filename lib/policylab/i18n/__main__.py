"""``python -m policylab.i18n extract|check``: the catalogue tooling from a shell.

``extract`` writes the templates and updates the French and Spanish catalogues;
``check`` lists what is untranslated, fuzzy, identical to the English or stale, and exits
1 when anything is (2 for an error the user can act on, as the CLI does).
"""

from __future__ import annotations

import argparse
import sys

from policylab.errors import PolicylabError
from policylab.i18n.command import i18n_command
from policylab.i18n.language import LANGUAGES, SOURCE_LANGUAGE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policylab.i18n",
                                     description="Translation catalogues of policylab.")
    parser.add_argument("command", choices=("extract", "check"))
    parser.add_argument("--language", action="append", metavar="CODE",
                        help="only this language (repeatable); default: every translation "
                             f"({', '.join(c for c in LANGUAGES if c != SOURCE_LANGUAGE)})")
    parser.add_argument("--summary", action="store_true",
                        help="check: counts per language and catalogue, not every entry")
    args = parser.parse_args(argv)
    try:
        return i18n_command(args.command, args.language, args.summary)
    except PolicylabError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
