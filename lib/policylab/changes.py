"""What changed in the material, for facilitators who handed out earlier versions.

The note is written from the pack's manifest, so the years it names are the data's, not
typed: the latest emission year, the published ECI's span, the product panel's year(s).
"""

from __future__ import annotations

from typing import Any


def what_changed(manifest: dict[str, Any]) -> list[str]:
    """Sentences for the front page and the README's "What changed" section."""
    coverage = manifest.get("coverage", {})
    emissions = coverage.get("co2_mt", {})
    eci = coverage.get("eci", {})
    panel_years = manifest.get("product_panel", {}).get("years", [])
    notes = [
        "Earlier material built the value-chains lesson and the forum's collaboration lists "
        "on a trade sample that was not complete trade: the export mixes, RCA tables, "
        "product space and suggested products in it were wrong for real countries. "
        "Please replace any copies handed out."
    ]
    sources = ["export structure by product group from the World Bank's WDI"]
    if eci.get("first_year"):
        sources.append(f"the Growth Lab's published Economic Complexity Index "
                       f"({eci['first_year']}–{eci['last_year']})")
    if panel_years:
        years = ", ".join(str(y) for y in panel_years)
        sources.append(f"complete trade by product for {years} (labelled with its year), "
                       "only for countries whose trade totals agree with WDI's")
    else:
        sources.append("no product-level results (no complete product panel in this data)")
    notes.append("The value-chains lesson and the forum now use " + "; ".join(sources) + ".")
    if emissions.get("last_year"):
        notes.append(f"Emissions now come from EDGAR through the World Bank and reach "
                     f"{emissions['last_year']}; industry's own CO2 (fuel burnt in industry "
                     "plus industrial processes) is shown beside the power sector's.")
    return notes
