"""The data vintage the pages and PDF footers print names where the emissions come from and
how far they reach, and what the older emissions files are still used for (issue 14: "OWID
CO2 data to 2018" beside emissions that "reach 2024" read as a contradiction)."""

from __future__ import annotations

import re


def test_vintage_names_edgar_emissions_and_what_older_files_serve(tiny_dataset):
    vintage = tiny_dataset.vintage
    edgar = re.search(r"EDGAR emissions to (\d{4})", vintage)
    assert edgar, vintage
    emissions = tiny_dataset.series("co2_mt")
    assert int(edgar.group(1)) == int(emissions["year"].max())
    for older in ("OWID CO2", "Climate Watch"):
        said = re.search(rf"{older} data to \d{{4}}([^;]*)", vintage)
        assert said and said.group(1).startswith(", only for "), vintage
    assert "CO2 emissions from cement" in vintage
