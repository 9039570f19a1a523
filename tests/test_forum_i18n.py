"""The forum synthesis in French and Spanish: its sentences, labels and numbers come from
the catalogue and the text layer (the forum helper's part of issue 15)."""

import pandas as pd

from policylab.forum.agenda import forum_agenda
from policylab.i18n import using_language
from policylab.lessons.synthesis import scorecard
from policylab.lessons.synthesis.frame import DEFAULT_TITLE, forum_title


class _Ds:
    """The few Dataset members ``left_out_text`` reads."""

    newest_year = 2025

    def name(self, iso3):
        return {"KEN": "Kenya", "GHA": "Ghana"}[iso3]


class _Current:
    cutoff = 2020
    left_out = pd.DataFrame(columns=["country", "notebook", "indicator", "value", "year",
                                     "flags"])


def test_recency_window_note_in_french_and_english():
    with using_language("fr"):
        text = scorecard.left_out_text(_Ds(), _Current())
    assert text.startswith("**Fenêtre de récence.**")
    assert "2020 ou après (5 ans avant 2025" in text
    english = scorecard.left_out_text(_Ds(), _Current())
    assert english.startswith("**Recency window.** The scorecard")


def test_default_title_follows_the_language_and_a_custom_title_does_not():
    with using_language("es"):
        assert forum_title(DEFAULT_TITLE).startswith("Foro de política industrial")
        assert forum_title("Green forum") == "Green forum"
    assert forum_title(DEFAULT_TITLE) == DEFAULT_TITLE


def test_collaboration_session_in_french_with_a_french_number():
    areas = pd.DataFrame([{"product": "1904", "name": "Cereal meals", "pci": -0.456,
                           "n_countries": 2, "countries": ("GHA", "KEN"),
                           "ranks": {"GHA": 1, "KEN": 3}, "year": 2022}])
    empty = pd.DataFrame(columns=["flag", "label", "megatrend", "n_countries", "share",
                                  "countries", "evidence"])
    with using_language("fr"):
        item = forum_agenda(empty, pd.DataFrame(), areas, [], catalogue={})[0]
    assert item.title == "Collaboration\u00a0: produits que plusieurs pays pourraient développer"
    assert "complexité du produit en 2022\u00a0: \u22120,46" in item.evidence


def test_groupings_table_names_the_groups_in_the_language():
    """The forum's groupings table once showed "Lower middle income" on French pages."""
    from policylab.lessons.synthesis.collaboration import groupings_table

    class _Countries(_Ds):
        def countries(self):
            return pd.DataFrame({"region": ["Sub-Saharan Africa"] * 2,
                                 "income_group": ["Lower middle income"] * 2},
                                index=pd.Index(["KEN", "GHA"], name="iso3"))

    results = [{"country": c, "notebook": "00_industrial_profile", "flags": [], "headline": {}}
               for c in ("KEN", "GHA")]
    with using_language("fr"):
        names = set(groupings_table(_Countries(), results).iloc[:, 1])
    assert names == {"Afrique subsaharienne", "Revenu intermédiaire, tranche inférieure"}
    english = set(groupings_table(_Countries(), results).iloc[:, 1])
    assert english == {"Sub-Saharan Africa", "Lower middle income"}
