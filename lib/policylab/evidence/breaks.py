"""Series breaks and outliers: the place for issue 11's rule (DESIGN §10, first point).

Not written yet. When it is, it belongs here and nowhere else: a function such as
``breaks(ds, indicator, country) -> list[int]`` (years where a series likely breaks) and
``change_is_sound(ds, indicator, country, first, last) -> bool``, used by lessons,
narrative, results and the forum before they state a change or a trend, and by charts to
mark the break. Until then nothing in the library detects breaks.
"""
