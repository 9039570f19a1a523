"""What changed in the material, for facilitators who handed out earlier versions.

The note is written from the pack's manifest, so the years it names are the data's, not
typed: the latest emission year, the published ECI's span, the product panel's year(s). It
is in the current language (``policylab.i18n``).
"""

from __future__ import annotations

from typing import Any

from policylab.i18n import _, pgettext


def what_changed(manifest: dict[str, Any]) -> list[str]:
    """Sentences for the front page and the README's "What changed" section."""
    coverage = manifest.get("coverage", {})
    emissions = coverage.get("co2_mt", {})
    notes = [
        _("Earlier material built the value-chains lesson and the forum's collaboration lists "
          "on a trade sample that was not complete trade: the export mixes, RCA tables, "
          "product space and suggested products in it were wrong for real countries. "
          "Please replace any copies handed out.")
    ]
    notes.append(_("The value-chains lesson and the forum now use {sources}.").format(
        sources=pgettext("between the items of a list", "; ").join(_trade_sources(manifest))))
    if emissions.get("last_year"):
        notes.append(_("Emissions now come from EDGAR through the World Bank and reach "
                       "{last_year}; industry's own CO2 (fuel burnt in industry plus industrial "
                       "processes) is shown beside the power sector's.").format(
                           last_year=emissions["last_year"]))
    return notes


def _trade_sources(manifest: dict[str, Any]) -> list[str]:
    """What the value-chains lesson and the forum read trade from, one phrase each."""
    eci = manifest.get("coverage", {}).get("eci", {})
    panel_years = manifest.get("product_panel", {}).get("years", [])
    sources = [_("export structure by product group from the World Bank's WDI")]
    if eci.get("first_year"):
        sources.append(_("the Growth Lab's published Economic Complexity Index "
                         "({first_year}–{last_year})").format(
                             first_year=eci["first_year"], last_year=eci["last_year"]))
    if panel_years:
        sources.append(_("complete trade by product for {years} (labelled with its year), "
                         "only for countries whose trade totals agree with WDI's").format(
                             years=", ".join(str(y) for y in panel_years)))
    else:
        sources.append(_("no product-level results (no complete product panel in this data)"))
    return sources
