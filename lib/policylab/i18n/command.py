"""The ``extract`` and ``check`` commands, shared by ``python -m policylab.i18n`` and the
``policylab i18n`` subcommand, so both print the same report and exit the same way."""

from __future__ import annotations

from policylab.i18n.language import check_language


def i18n_command(command: str, languages: list[str] | None = None,
                 summary: bool = False) -> int:
    """Run ``extract`` (0) or ``check`` (0 when complete, 1 when anything is missing)."""
    chosen = tuple(check_language(code) for code in languages) if languages else None
    if command == "extract":
        from policylab.i18n.extraction import extract

        print("\n".join(extract(languages=chosen).lines()))
        return 0
    from policylab.i18n.checks import check

    result = check(languages=chosen)
    lines = result.lines()
    print("\n".join(lines[:len(result.checked)] if summary else lines))
    return 0 if result.ok else 1
