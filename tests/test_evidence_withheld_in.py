"""``evidence.breaks.withheld_in``: which series of a computed figure forbids reading its
change, named."""

from __future__ import annotations

from types import SimpleNamespace

from policylab.evidence import breaks
from policylab.evidence.breaks import why_not_short, withheld_in


def test_withheld_in_names_the_first_series_that_forbids(monkeypatch) -> None:
    reasons = {"gdp_const_usd": "", "agriculture_share_gdp": "likely series break in 2009",
               "industry_share_gdp": "2015 is a likely outlier"}
    seen = []

    def fake_withheld(ds, indicator, country, first, last, *, words):
        assert (country, first, last, words) == ("KEN", 2000, 2020, why_not_short)
        seen.append(indicator)
        return reasons[indicator]

    class Pack:
        @staticmethod
        def indicator(indicator):
            return SimpleNamespace(label={"agriculture_share_gdp": "Agriculture, value added "
                                          "(% of GDP)"}.get(indicator, "GDP"))

    monkeypatch.setattr(breaks, "withheld", fake_withheld)
    assert withheld_in(Pack, tuple(reasons), "KEN", 2000, 2020) == \
        "likely series break in 2009 in agriculture, value added"
    assert seen == ["gdp_const_usd", "agriculture_share_gdp"]  # stops at the first reason
    assert withheld_in(Pack, ("gdp_const_usd",), "KEN", 2000, 2020) is None
