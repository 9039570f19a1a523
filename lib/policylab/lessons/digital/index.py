"""Section 6: the digital-readiness index (computed once per Dataset in
``metrics.digital.composite_scores``): its weights, the country's score and rank."""

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import bar_compare, title_with_subtitle
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import short, source_many, window_text
from policylab.metrics.digital import COMPONENTS, composite_scores
from policylab.narrative import KeyMessage, fmt_number
from policylab.narrative.format import ordinal
from policylab.text import in_sentence, join_list

#: The lesson's one recency window ("2020–2025"), as the coverage section states it.
window = window_text


def weights_table(lesson: Lesson) -> pd.DataFrame:
    """The composite's stated weights and transformations, for the method box."""
    return pd.DataFrame({
        "Component": [lesson.ds.indicator(c.indicator).label for c in COMPONENTS],
        "Weight (%)": [100.0 * c.weight for c in COMPONENTS],
        "Treatment before normalising": [c.why for c in COMPONENTS],
    })


def _missing(lesson: Lesson, text: object, sentence: bool = True) -> list[str]:
    """The labels of the components named in a ``missing`` cell ("a, b"), for a sentence
    or (``sentence`` False) a title."""
    labels = [short(lesson, m) for m in str(text).split(", ") if m]
    return [in_sentence(label) for label in labels] if sentence else labels


def composite_table(lesson: Lesson) -> pd.DataFrame:
    """The index for the focus country and its peers: the full score and rank (complete
    data only), the partial score, the weight behind it and the components missing."""
    everyone = composite_scores(lesson.ds, lesson.end_year)
    scores = everyone.reindex(lesson.codes)
    return pd.DataFrame({
        "Index (complete data, 0–100)": scores["score"].to_numpy(),
        f"Rank of {everyone['score'].notna().sum()}": scores["rank"].array,
        "Partial index (components present)": scores["partial_score"].to_numpy(),
        "Weight present (%)": (100 * scores["weight_used"]).to_numpy(),
        "Missing components": [", ".join(_missing(lesson, text)) or "none"
                               for text in scores["missing"]],
    }, index=pd.Index(list(lesson.names.values()), name="Country"))


def composite_message(lesson: Lesson) -> KeyMessage:
    """The focus country's index and rank, or why it has no full score."""
    scores = composite_scores(lesson.ds, lesson.end_year)
    complete, row = int(scores["score"].notna().sum()), scores.loc[lesson.country]
    rank = None if pd.isna(row["rank"]) else int(row["rank"])
    values = {"score": float(row["score"]), "rank": rank, "count": complete,
              "partial_score": float(row["partial_score"]), "year": lesson.end_year}
    if rank is not None:
        text = (f"On the digital-readiness index (0–100, stated weights, data "
                f"{window(lesson)}), {lesson.name} scores {fmt_number(row['score'])} and "
                f"ranks {ordinal(rank)} of {complete} countries with complete data.")
        return KeyMessage(text, "digital_readiness", values)
    text = (f"{lesson.name} cannot be ranked on the digital-readiness index: it has no figure "
            f"for {window(lesson)} on {', '.join(_missing(lesson, row['missing']))}")
    if not pd.isna(row["partial_score"]):
        text += (f"; over the components it has, its partial index is "
                 f"{fmt_number(row['partial_score'])} (not comparable with full scores)")
    return KeyMessage(text + ".", "digital_readiness", values)


def composite_chart(lesson: Lesson) -> go.Figure | None:
    """The index ranking: the top countries, the focus country and its peers."""
    scores = composite_scores(lesson.ds, lesson.end_year)
    full = scores["score"].dropna()
    if full.empty:
        lesson.skip("Digital-readiness index", "No country has every component in the window.")
        return None
    own = scores.loc[lesson.country]
    if pd.isna(own["score"]):
        missing = _missing(lesson, own["missing"], sentence=False)
        lacking = (join_list(missing) if len(missing) <= 2
                   else f"{len(missing)} of {len(COMPONENTS)} components")
        title = (f"{lesson.name} cannot be ranked on the digital-readiness index: no recent "
                 f"figure on {lacking}")
    else:
        title = (f"{lesson.name} ranks {ordinal(int(own['rank']))} of {len(full)} countries "
                 "on the digital-readiness index")
    names = lesson.ds.countries()["name"].to_dict()
    unranked = [names[c] for c in lesson.peer_codes if pd.isna(scores.at[c, "score"])]
    subtitle = ("Top ten, the focus country and its peers; countries with complete data only"
                + (f" (not ranked: {', '.join(unranked)})" if unranked else ""))
    source = source_many(lesson, [c.indicator for c in COMPONENTS],
                         f"Latest figures {window(lesson)}; weights and method in the "
                         "method box.")
    return bar_compare(full, lesson.country, lesson.peer_codes,
                       title=title_with_subtitle(title, subtitle), unit="index 0–100",
                       source=source, names=names, x_label="Digital-readiness index", limit=10)
