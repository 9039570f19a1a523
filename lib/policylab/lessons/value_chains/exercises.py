"""The lesson's exercises on real data: export diversity against the peers and the RCA of
the largest export (panel year; unavailable where product-level results may not be shown).
The worked example's exercise is in ``example``."""

from __future__ import annotations

from policylab.evidence import peer_median
from policylab.learning.exercises import Exercise
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains.panel import share_text, status
from policylab.metrics.product_level import top_products
from policylab.text import format_value, in_sentence, possessive, signed


def diversity_exercise(lesson: Lesson) -> Exercise:
    """How many more (or fewer) products with RCA >= 1 than the peers' median, in the
    panel year? Unavailable (NaN) without product-level results or a peer median (at
    least three peers with data)."""
    found = status(lesson)
    year = found.year
    question = (f"From the export-diversity chart ({year}): how many products did "
                f"{lesson.name} export with RCA ≥ 1 in {year}, and how many more than the "
                "median of its peers shown? Give the difference (negative if fewer).")
    own = lesson.ds.latest("diversity", lesson.country) if found.ok else None
    if own is None or own.year != year:
        return Exercise(question=question, answer=float("nan"), unit="products")
    median = peer_median(lesson.ds, "diversity", lesson.peer_codes, year)
    if not median.ok:
        return Exercise(question=question, answer=float("nan"), unit="products",
                        explanation=median.sentence())
    answer = own.value - median.value
    return Exercise(
        question=question, answer=float(answer), unit="products", tolerance=1.0,
        explanation=(f"{lesson.name}: {format_value(own.value, decimals=0)} products in "
                     f"{year}; median of its {median.count} peers with data: "
                     f"{format_value(median.value, decimals=1)}; difference "
                     f"{format_value(own.value, decimals=0)} − "
                     f"{format_value(median.value, decimals=1)} = "
                     f"{signed(answer, decimals=1)}."),
        hint="Read the country's bar, then sort the peers' bars and take the middle one "
             "(the mean of the two middle ones for an even number).",
        solution=("Diversity = number of products with RCA ≥ 1 (after cleaning); the "
                  "difference is the country's count minus the peers' median."))


def rca_exercise(lesson: Lesson) -> Exercise:
    """Recompute the RCA of the country's largest export (panel year) from the table."""
    found = status(lesson)
    top = top_products(lesson.ds, lesson.country, 1) if found.ok else None
    if top is None or top.empty:
        return Exercise(question=f"Compute the RCA of {possessive(lesson.name)} largest "
                                 "export.", answer=float("nan"), unit="")
    row, year = top.iloc[0], found.year
    value = float(row["rca"])
    return Exercise(
        question=(f"In the table of largest exports ({year}), {in_sentence(row['name'])} "
                  f"(HS {row['product']}) makes up {share_text(row['country_share'])} of "
                  f"{possessive(lesson.name)} exports and {share_text(row['world_share'])} "
                  f"of world exports in {year}. Compute its revealed comparative advantage "
                  "(RCA)."),
        answer=value, rel_tolerance=0.02,
        explanation=(f"RCA = share in the country's exports / share in world exports = "
                     f"{share_text(row['country_share'])} / {share_text(row['world_share'])}"
                     f" = {format_value(value)} ({year}): above 1 means the country exports "
                     "relatively more of it than the world does."),
        hint="Divide the first share by the second; the % signs cancel.",
        solution="RCA (Balassa) = (x_cp / x_c) / (x_p / x).")
