"""One module per notebook (``profile``, ``greening``, ``digital``, ``value_chains``,
``synthesis``) plus ``context``, which holds what every per-country notebook decides once:
the country, its peers, the years, and the record of what was shown, skipped and concluded.

Notebooks call these functions and choose what to show; the functions return figures,
tables and key messages, or record an honest "no data" note instead of raising.
"""
