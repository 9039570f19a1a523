"""The text layer: how numbers and words about them are written, in one place.

``numbers``: the one decimal rule (:func:`format_value`), signs, units, missing values.
``words``: possessives, indicator labels inside sentences, lists of names.
Tables (``display``), chart labels (``charts.template``) and sentences (``narrative``) all
delegate here, so one figure reads the same wherever it is shown.
"""

from policylab.text.numbers import (
    MINUS,
    MISSING,
    decimals_for,
    format_value,
    is_missing,
    signed,
    with_unit,
    year_range,
)
from policylab.text.words import (
    country_in_sentence,
    in_sentence,
    is_acronym,
    join_list,
    possessive,
    sentence_start,
)

__all__ = ["MINUS", "MISSING", "country_in_sentence", "decimals_for", "format_value",
           "in_sentence", "is_acronym", "is_missing", "join_list", "possessive",
           "sentence_start", "signed", "with_unit", "year_range"]
