"""The explorer's view: one indicator's trend chart and key message for a state."""

from __future__ import annotations

from policylab.display import note
from policylab.lessons.common import Lesson
from policylab.lessons.profile.trends import peer_message, trend_chart, trend_message

#: What the explorer offers: label -> indicator id.
EXPLORER_INDICATORS = {
    "Industry (with mining, utilities, construction), share of GDP": "industry_share_gdp",
    "Investment (gross capital formation), share of GDP": "investment_share_gdp",
    "Manufacturing share of GDP": "mva_share_gdp",
    "Manufacturing value added per person": "mva_per_capita",
    "Manufactures share of merchandise exports": "manuf_share_merch_exports",
    "Medium/high-tech share of manufacturing": "mht_share_mva",
}
#: The explorer starts on a measure that no other chart of the notebook shows, so that its
#: static (printed) rendering adds a view instead of repeating section 1.
EXPLORER_START = "industry_share_gdp"


def view(lesson: Lesson, indicator: str) -> None:
    """Draw the comparison chart and key message for one explorer state."""
    lesson.show(trend_chart(lesson, indicator))
    note(f"**Key message.** {trend_message(lesson, indicator).text} "
         f"{peer_message(lesson, indicator).text}")
