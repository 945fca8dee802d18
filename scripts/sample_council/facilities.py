"""Schools, libraries and recycling centres: chosen plots that become facility addresses."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import names

PRIMARY_NAMES = (
    "ST MARYS CHURCH OF ENGLAND PRIMARY SCHOOL",
    "BRACKEN HILL PRIMARY SCHOOL",
    "MEADOWSIDE PRIMARY SCHOOL",
    "ST JOSEPHS CATHOLIC PRIMARY SCHOOL",
    "WILLOW BROOK PRIMARY SCHOOL",
    "ORCHARD FIELDS PRIMARY SCHOOL",
    "KINGFISHER INFANT SCHOOL",
    "NORTHBROOK JUNIOR SCHOOL",
)


def _spread(rng: np.random.Generator, xy: np.ndarray, k: int) -> list[int]:
    """Pick *k* indices of *xy* far apart from each other (farthest-point sampling)."""
    if len(xy) == 0 or k <= 0:
        return []
    chosen = [int(rng.integers(len(xy)))]
    dist = np.hypot(*(xy - xy[chosen[0]]).T)
    while len(chosen) < min(k, len(xy)):
        nxt = int(np.argmax(dist))
        chosen.append(nxt)
        dist = np.minimum(dist, np.hypot(*(xy - xy[nxt]).T))
    return chosen


def choose(
    rng: np.random.Generator,
    plots: pd.DataFrame,
    final_key: float,
    target: int,
    centre: tuple[float, float],
) -> dict[int, tuple[str, str, str]]:
    """Map plot order -> (name, classification, facility type) for every facility."""
    built = plots[
        (plots["key"] < final_key * 0.85) & plots["zone"].isin(["inner", "suburb", "village"])
    ]
    town = built[built["settlement"].eq(0)]
    villages = built[built["settlement"].gt(0)]
    out: dict[int, tuple[str, str, str]] = {}
    n_primary = max(3, round(target / 1500))
    n_secondary = max(1, round(target / 9000))
    n_library = max(2, round(target / 6000))
    used: set[str] = set()
    listed = list(PRIMARY_NAMES)

    def name(*candidates: str) -> str:
        """The first candidate not yet taken (a big council runs out of listed names)."""
        for c in candidates:
            if c not in used:
                used.add(c)
                return c
        k = 2
        while f"{candidates[-1]} {k}" in used:
            k += 1
        used.add(f"{candidates[-1]} {k}")
        return f"{candidates[-1]} {k}"

    place = dict(zip(plots["order"], plots["place"], strict=True))
    # Primary schools spread over the town, and one in the biggest village.
    picks = [
        int(town["order"].iat[i]) for i in _spread(rng, town[["x", "y"]].to_numpy(), n_primary - 1)
    ]
    if len(villages):
        biggest = villages["settlement"].value_counts().index[0]
        in_village = villages[villages["settlement"].eq(biggest)]
        picks.append(int(in_village["order"].iat[int(np.argmin(in_village["key"].to_numpy()))]))
    for order in picks:
        first = [listed.pop(0)] if listed else []
        label = name(*first, f"{place[order]} PRIMARY SCHOOL", f"{place[order]} INFANT SCHOOL")
        out[order] = (label, "CE03", "primary school")
    suburb = town[town["zone"].eq("suburb") & ~town["order"].isin(out)]
    for idx in _spread(rng, suburb[["x", "y"]].to_numpy(), n_secondary):
        order = int(suburb["order"].iat[idx])
        label = name(
            f"{names.TOWN} ACADEMY", f"{place[order]} ACADEMY", f"{place[order]} HIGH SCHOOL"
        )
        out[order] = (label, "CE04", "secondary school")
    # The main library in the town centre, branch libraries spread out.
    central = plots[
        plots["zone"].isin(["centre", "inner"])
        & plots["settlement"].eq(0)
        & ~plots["order"].isin(out)
    ]
    main_library = int(central["order"].iat[int(np.argmin(central["key"].to_numpy()))])
    out[main_library] = (name(f"{names.TOWN} LIBRARY"), "CL03", "library")
    others = built[~built["order"].isin(out)]
    for idx in _spread(rng, others[["x", "y"]].to_numpy(), n_library)[1:]:
        order = int(others["order"].iat[idx])
        out[order] = (name(f"{place[order]} LIBRARY"), "CL03", "library")
    rural = plots[plots["zone"].eq("rural") & plots["main"]]
    # The tip sits on a main road a little way out of town.
    from_town = np.hypot(rural["x"].to_numpy() - centre[0], rural["y"].to_numpy() - centre[1])
    rural = rural.iloc[np.argsort(np.abs(from_town - final_key * 1.4), kind="stable")]
    for j in range(max(1, round(target / 40000))):
        order = int(rural["order"].iat[j])
        label = name(
            f"{names.TOWN} HOUSEHOLD WASTE RECYCLING CENTRE",
            f"{place[order]} HOUSEHOLD WASTE RECYCLING CENTRE",
        )
        out[order] = (label, "CC09", "recycling centre")
    return out


def table(rng: np.random.Generator, addresses: pd.DataFrame, facility_plots: dict) -> pd.DataFrame:
    """The facilities layer: one point per facility, set back from its street."""
    rows = []
    by_plot = addresses.drop_duplicates("plot").set_index("plot")
    for n, (plot, (name, _cls, kind)) in enumerate(sorted(facility_plots.items()), start=1):
        if plot not in by_plot.index:
            continue
        a = by_plot.loc[plot]
        if kind == "primary school":
            capacity = int(rng.choice([210, 315, 420, 630]))
        elif kind == "secondary school":
            capacity = int(rng.choice([900, 1050, 1200, 1500]))
        else:
            capacity = None
        rows.append(
            {
                "facility_id": n,
                "name": name.title().replace("Of", "of"),
                "type": kind,
                "capacity": capacity,
                "uprn": int(a["uprn"]),
                "x": a["x"],
                "y": a["y"],
            }
        )
    return pd.DataFrame(rows)
