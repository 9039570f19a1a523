"""Section 4: how complexity is computed, on a worked example with MADE-UP numbers (five
imaginary countries, six products; not real data), with ``policylab.metrics.complexity``.
Learners change the table in the notebook and re-run."""

from __future__ import annotations

import numpy as np
import pandas as pd

from policylab.display import show_table, table_bundle
from policylab.learning.exercises import Exercise
from policylab.metrics.complexity_steps import ComplexitySteps, complexity_steps
from policylab.text import format_value, in_sentence

#: A MADE-UP export matrix (US$ million) for the worked example: five imaginary countries,
#: six products. Not real data. Learners change it in the notebook and re-run.
WORKED_EXAMPLE = pd.DataFrame(
    [[40, 10, 30, 25, 60, 45],
     [30, 20, 25, 15, 5, 0],
     [50, 60, 20, 0, 0, 0],
     [10, 5, 40, 30, 2, 0],
     [90, 0, 0, 0, 0, 0]],
    index=pd.Index(["Country A", "Country B", "Country C", "Country D", "Country E"],
                   name="country"),
    columns=pd.Index(["Fish", "Coffee", "Garments", "Chemicals", "Machinery", "Electronics"],
                     name="product"),
    dtype=float)
EXAMPLE_LABEL = "Worked example (made-up numbers, not real data)"
#: What the step 2 table shows in place of the exercise's RCA (the page never gives an
#: exercise's answer above it).
YOUR_TURN = "? (your turn)"


def worked_example(exports: pd.DataFrame | None = None) -> ComplexitySteps:
    """Every step of the method (``metrics.complexity_steps``) on ``exports`` (default
    ``WORKED_EXAMPLE``); raises ``PolicylabError`` naming a country or product left without
    RCA >= 1."""
    return complexity_steps(WORKED_EXAMPLE if exports is None else exports)


def _rca_cells(example: ComplexitySteps, cell: tuple[str, str], text: str) -> pd.DataFrame:
    """Every RCA to two decimals, ``text`` in the ``(country, product)`` cell."""
    table = example.rca.map(lambda v: f"{v:.2f}").astype(object)
    table.at[cell] = text
    return table


def exercise_cell(example: ComplexitySteps, lesson=None) -> tuple[str, str]:
    """The country and product whose RCA the exercise asks for: the second country's third
    product, or, with a ``lesson``, the first cell from there (of a product the country
    exports) whose RCA as written appears nowhere else on the lesson's page (its tables and
    key messages, ``exercises.shown_elsewhere``), so that the page never seems to give the
    answer."""
    x = example.exports
    first = (x.index[1], x.columns[2])
    if lesson is None:
        return first
    from policylab.lessons.value_chains.exercises import shown_elsewhere, top_rca_text

    top = top_rca_text(lesson)
    cells = [first, *[(c, p) for c in x.index for p in x.columns
                      if x.at[c, p] > 0 and (c, p) != first]]
    return next((cell for cell in cells if not shown_elsewhere(
        lesson, example.rca.at[cell], _rca_cells(example, cell, "").to_string() + "\n" + top)),
        first)


def rca_table(example: ComplexitySteps, lesson=None) -> pd.DataFrame:
    """Step 2 as shown: every RCA to two decimals, except the exercise's, left to the
    learner."""
    return _rca_cells(example, exercise_cell(example, lesson), YOUR_TURN)


def step_tables(example: ComplexitySteps, lesson=None) -> list[tuple]:
    """The steps as ``(frame, caption, note, formats)``, each caption saying it is a worked
    example; step 2 leaves out the exercise's RCA (:func:`exercise_cell`)."""
    note = "Computed here, step by step, by the method of the Atlas of Economic Complexity."
    country, product = exercise_cell(example, lesson)
    table = example.M.copy()
    table["Diversity k_c"] = example.diversity
    table.loc["Ubiquity k_p"] = [*example.ubiquity, np.nan]
    ranks = pd.DataFrame({"ECI": example.eci.round(2), "Diversity": example.diversity})
    ranks = ranks.sort_values("ECI", ascending=False)
    return [
        (example.exports.reset_index(), f"{EXAMPLE_LABEL}: step 1, exports (US$ million)",
         note, None),
        (rca_table(example, lesson).reset_index(),
         f"{EXAMPLE_LABEL}: step 2, RCA = (x_cp / x_c) / (x_p / x), no unit (1 = the same "
         f"share as in all exports); {country}'s RCA in {in_sentence(product)} is left for "
         "the exercise below", note, None),
        (table.reset_index().rename(columns={"index": "country"}),
         f"{EXAMPLE_LABEL}: step 3, M = 1 where RCA ≥ 1; diversity (row sums) and ubiquity "
         "(column sums)", note, {"Diversity k_c": "{:.0f}"}),
        (example.country_matrix.round(3).reset_index(),
         f"{EXAMPLE_LABEL}: step 4, the country-country matrix "
         "M̃_cc' = Σ_p M_cp M_c'p / (k_c k_p) (rows sum to 1)", note, None),
        (ranks.reset_index(),
         f"{EXAMPLE_LABEL}: step 5, ECI = eigenvector of the second-largest eigenvalue "
         f"({example.eigenvalues[1]:.3f}; the largest is {example.eigenvalues[0]:.3f}), "
         "standardised and signed to rise with diversity", note, None)]


def steps_text(example: ComplexitySteps, lesson=None) -> str:
    """The steps' tables as the page writes them (plain text)."""
    return "\n".join(table_bundle(*step)["text/plain"] for step in step_tables(example, lesson))


def show_worked_example(example: ComplexitySteps, lesson=None) -> None:
    """The steps as captioned tables (pass the ``lesson`` whose page shows them, as to
    :func:`worked_example_exercise`)."""
    for step in step_tables(example, lesson):
        show_table(*step)


def worked_example_exercise(example: ComplexitySteps | None = None, lesson=None) -> Exercise:
    """Recompute one RCA of the worked example from its export table (the cell of
    :func:`exercise_cell`)."""
    example = example or worked_example()
    x = example.exports
    country, product = exercise_cell(example, lesson)
    value = float(example.rca.at[country, product])
    cp, c, p, total = (x.at[country, product], x.loc[country].sum(), x[product].sum(),
                       x.to_numpy().sum())
    return Exercise(
        question=(f"{EXAMPLE_LABEL}. From the step 1 table, compute the RCA of {country} in "
                  f"{in_sentence(product)}. Is it 'revealed' competitive in it (RCA ≥ 1)?"),
        answer=value, rel_tolerance=0.02,
        explanation=(f"RCA = ({cp:g} / {c:g}) / ({p:g} / {total:g}) = {format_value(value)}"
                     + (": at least 1, so M = 1." if value >= 1 else ": below 1, so M = 0.")),
        hint="The country's share of the product in its exports, divided by the product's "
             "share in the whole table's exports.",
        solution="RCA (Balassa) = (x_cp / x_c) / (x_p / x). Then change the table in the code "
                 "cell (e.g. give Country E some machinery exports) and re-run: which "
                 "countries' ECI moves, and why?")
