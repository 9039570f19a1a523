"""text.figures: fixed decimals, :g, three significant figures of a share, shortened names."""

from __future__ import annotations

import pytest

from policylab.i18n import using_language
from policylab.narrative.cells import shortened
from policylab.text.figures import fixed, plain, share_figures

NBSP = "\u00a0"


def test_fixed_keeps_its_decimals_and_writes_the_language_marks():
    assert fixed(0.876, 2) == "0.88" and fixed(-0.291, 2) == "-0.29" and fixed(2, 3) == "2.000"
    assert fixed(0.5, 1, "%") == "0.5%"
    with using_language("fr"):
        assert fixed(-0.291, 2) == "\u22120,29" and fixed(0.5, 1, "%") == f"0,5{NBSP}%"


def test_plain_writes_as_python_g():
    assert plain(25.0) == "25" and plain(12.5) == "12.5"
    with using_language("es"):
        assert plain(12.5) == "12,5"


@pytest.mark.parametrize(("share", "written"), [
    (12.345, "12.3%"), (2.0, "2.00%"), (0.0456, "0.0456%"), (100.0, "100%")])
def test_share_figures_keeps_three_significant_figures(share, written):
    assert share_figures(share) == written


def test_share_figures_in_french():
    with using_language("fr"):
        assert share_figures(12.345) == f"12,3{NBSP}%"


def test_shorten_cuts_with_an_ellipsis():
    assert shortened("Coffee", 22) == "Coffee"
    assert shortened("Parts and accessories of motor vehicles", 22) == "Parts and accessories…"
    assert len(shortened("x" * 60, 45)) == 45
