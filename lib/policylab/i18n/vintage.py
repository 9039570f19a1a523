"""The data pack's vintage in the reader's language.

The pack build writes the vintage into the manifest once, in English ("WDI 2026-07 (data to
2025; EDGAR emissions to 2024); OWID CO2 data to 2018, only for CO2 emissions from cement;
..."), and that text stays the pack's key (results files and the batch compare it). A page
in French or Spanish shows :func:`vintage_text`: the same statement written from the
manifest's source list with translated templates, by the rule of ``pack.build._vintage``
(the newest WDI snapshot and year, EDGAR's own last year, what the two older emission files
are still used for, the Growth Lab ECI's last year, the product panel's years).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from policylab.i18n.language import is_source_language
from policylab.i18n.messages import _, pgettext


def vintage_text(manifest: Mapping[str, Any], catalogue: Mapping[str, Any]) -> str:
    """The vintage a reader sees: the manifest's own text in English, else written in the
    current language from its ``sources`` (the English text when they are missing)."""
    stored = str(manifest.get("vintage", ""))
    sources = manifest.get("sources")
    if is_source_language() or not stored or not isinstance(sources, list):
        return stored
    from policylab.raw import growth_lab_eci, trade

    parts = [_wdi_part(sources, catalogue), *_older_parts(sources, catalogue)]
    eci = _last(sources, [growth_lab_eci.RELPATH])
    if eci:
        parts.append(_("Growth Lab ECI to {year}").format(year=eci))
    years = sorted({s["first_year"] for s in sources
                    if str(s.get("file", "")).startswith(f"{trade.FOLDER}/") and "first_year" in s})
    if years:
        parts.append(_("product trade (HS 1992) {years}").format(
            years=", ".join(str(y) for y in years)))
    return pgettext("list of long items", "; ").join(p for p in parts if p)


def _last(sources: list[dict], prefixes: Iterable[str]) -> int | None:
    wanted = tuple(prefixes)
    years = [s["last_year"] for s in sources
             if str(s.get("file", "")).startswith(wanted) and "last_year" in s]
    return max(years) if years else None


def _wdi_part(sources: list[dict], catalogue: Mapping[str, Any]) -> str:
    from policylab.raw.wdi import FOLDER

    folder = f"{FOLDER}/"
    wdi = [s for s in sources if str(s.get("file", "")).startswith(folder)]
    if not wdi:
        return ""
    snapshots = sorted({m.group(1) for s in wdi
                        if (m := re.search(r"snapshot of (\d{4}-\d{2})",
                                           str(s.get("provenance", ""))))})
    edgar = _last(sources, [f"{folder}{ind.source_code}.csv" for ind in catalogue.values()
                            if ind.dataset == "wdi" and "EDGAR" in ind.in_english("source")])
    year = _last(sources, [folder])
    edition = snapshots[-1] if snapshots else ""
    if edgar:
        return _("WDI {edition} (data to {year}; EDGAR emissions to {edgar})").format(
            edition=edition, year=year, edgar=edgar).replace("  ", " ")
    return _("WDI {edition} (data to {year})").format(edition=edition, year=year).replace(
        "  ", " ")


def _older_parts(sources: list[dict], catalogue: Mapping[str, Any]) -> list[str]:
    from policylab.raw import climate_watch, owid_co2
    from policylab.text import in_sentence, join_list

    parts = []
    for path, label, dataset in ((owid_co2.RELPATH, "OWID CO2", "owid_co2"),
                                 (climate_watch.RELPATH, "Climate Watch", "climate_watch")):
        year = _last(sources, [path])
        if not year:
            continue
        uses = [in_sentence(ind.label) for ind in catalogue.values()
                if ind.dataset == dataset and ind.available]
        if uses:
            parts.append(_("{source} data to {year}, only for {uses}").format(
                source=label, year=year, uses=join_list(uses)))
        else:
            parts.append(_("{source} data to {year}").format(source=label, year=year))
    return parts
