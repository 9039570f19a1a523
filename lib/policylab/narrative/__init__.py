"""Numbers and sentences for readers: formatting (``format``) and key messages (``messages``).

Every figure in the material's text is produced here from the data, with its year, so that
a sentence and the chart beside it can never disagree, and a missing value becomes an
honest sentence rather than "nan".
"""

from policylab.narrative.format import fmt_number, fmt_quantity, fmt_year_range
from policylab.narrative.messages import (
    KeyMessage,
    change_message,
    level_vs_group_message,
    missing_message,
    old_data_message,
    rank_message,
)

__all__ = [
    "KeyMessage",
    "change_message",
    "fmt_number",
    "fmt_quantity",
    "fmt_year_range",
    "level_vs_group_message",
    "missing_message",
    "old_data_message",
    "rank_message",
]
