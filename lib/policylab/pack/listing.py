"""``policylab list countries|indicators``: the codes and ids a user can ask for."""

from __future__ import annotations

from policylab.catalogue import TOPICS, load_catalogue
from policylab.errors import PolicylabError


def list_command(what: str) -> int:
    if what == "countries":
        from policylab.pack.dataset import load

        table = load().countries()
        for iso3, row in table.sort_values("name").iterrows():
            print(f"{iso3}  {row['name']:<40} {row['region']:<28} {row['income_group']}")
        print(f"{len(table)} countries")
        return 0
    if what == "indicators":
        catalogue = load_catalogue()
        for topic in TOPICS:
            print(f"{topic}:")
            for ind in (i for i in catalogue.values() if i.topic == topic):
                pending = "" if ind.available else f"  [not available: {ind.note}]"
                print(f"  {ind.id:<30} {ind.label_with_unit}{pending}")
        print(f"{len(catalogue)} indicators")
        return 0
    raise PolicylabError(f"cannot list {what!r}: choose countries or indicators")
