"""Canonical address records from the plots: numbering, buildings, flats, shops and life cycle."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from . import names

#: Ways a converted house's flats are written (sao_text, sao number) per flat index.
CONVERSION_STYLES = ("letters", "floors", "numbers", "sao_numbers")
FLOORS = ("GROUND FLOOR FLAT", "FIRST FLOOR FLAT", "SECOND FLOOR FLAT", "TOP FLOOR FLAT")
#: Per zone: (house classes, chance of a converted house, of a block of flats, of a named
#: numbered house, of a business).
MIX = {
    "centre": (("RD04", "RD04"), 0.16, 0.025, 0.02, 0.05),
    "inner": (("RD04", "RD03"), 0.09, 0.015, 0.03, 0.0),
    "village": (("RD02", "RD03"), 0.02, 0.0, 0.12, 0.0),
    "suburb": (("RD03", "RD02"), 0.015, 0.012, 0.04, 0.0),
}


def _date(rng: np.random.Generator, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=int(rng.integers(0, max((end - start).days, 1))))


def number_plots(
    rng: np.random.Generator, plots: pd.DataFrame, streets: pd.DataFrame
) -> pd.DataFrame:
    """House numbers: odd on the left, even on the right, rising along the street.

    Closes are numbered consecutively up one side and back down the other; country lanes
    and some village streets have names instead of numbers.
    """
    kinds = streets.set_index("usrn")["kind"]
    plots = plots.sort_values(
        ["usrn", "side", "along"], ascending=[True, False, True], kind="stable"
    )
    plots = plots.reset_index(drop=True)
    kind = kinds.loc[plots["usrn"]].to_numpy()
    rank = plots.groupby(["usrn", "side"], sort=False).cumcount().to_numpy()
    left = plots["side"].to_numpy() == 1
    number = np.where(left, 2 * rank + 1, 2 * rank + 2)
    # Closes: 1..n up the left, n+1.. back down the right.
    n_left = plots[left].groupby("usrn").size()
    n_left = n_left.reindex(plots["usrn"]).fillna(0).to_numpy().astype(int)
    n_right = (
        plots[~left].groupby("usrn").size().reindex(plots["usrn"]).fillna(0).to_numpy().astype(int)
    )
    close_number = np.where(left, rank + 1, n_left + n_right - rank)
    number = np.where(kind == "close", close_number, number)
    # Unnumbered: country lanes and tracks, and a third of village side streets.
    sizes = plots.groupby("usrn").size()
    village_streets = streets.loc[
        streets["kind"].isin(["street", "close", "crescent"])
        & streets["locality"].isin(names.VILLAGES),
        "usrn",
    ]
    named_only = set(streets.loc[streets["kind"].isin(["lane", "track"]), "usrn"])
    named_only |= {u for u in village_streets if rng.random() < 0.35 and sizes.get(u, 0) <= 14}
    plots["number"] = np.where(plots["usrn"].isin(named_only), 0, number)
    plots["order"] = np.arange(len(plots))
    return plots


def build(
    rng: np.random.Generator,
    plots: pd.DataFrame,
    streets: pd.DataFrame,
    target: int,
    facility_plots: dict[int, tuple[str, str, str]],
) -> pd.DataFrame:
    """Expand plots into address records (one per UPRN) until about *target* exist."""
    street = {
        int(u): (d, loc)
        for u, d, loc in zip(
            streets["usrn"], streets["street_description"], streets["locality"], strict=True
        )
    }
    high_streets = set(
        streets.loc[
            streets["kind"].eq("high")
            | streets["street_description"].isin(["MARKET PLACE", "SHEEP STREET"]),
            "usrn",
        ]
    )
    block_names = list(rng.permutation(names.BLOCK_NAMES))
    extra_blocks = [f"{b} {t}" for t in ("HOUSE", "COURT", "LODGE") for b in names.BASES]
    n_blocks = 0
    house_names = names.HOUSE_NAMES + tuple(
        f"{b} {kind}" for kind in ("COTTAGE", "HOUSE", "LODGE") for b in names.BASES
    )
    farm_names = list(names.FARM_NAMES)
    shops = _organisations(rng)
    records: list[dict] = []
    uprn = 100_091_000_000 + int(rng.integers(1000, 9000))

    def next_uprn() -> int:
        nonlocal uprn
        uprn += int(rng.integers(1, 12))
        return uprn

    def base(plot: tuple, **values: object) -> dict:
        description, locality = street[int(plot.usrn)]
        rec = {
            "uprn": next_uprn(),
            "parent_uprn": None,
            "usrn": int(plot.usrn),
            "street_description": description,
            "locality": locality,
            "town": names.TOWN,
            "administrative_area": names.ADMIN_AREA,
            "x": plot.x,
            "y": plot.y,
            "plot": plot.order,
            "along": plot.along,
            "key": plot.key,
            "zone": plot.zone,
        }
        rec.update(values)
        return rec

    # Development order: nearest the settlement centres first; country houses always.
    always = plots["zone"].eq("rural") | plots["order"].isin(list(facility_plots))
    priority = np.where(always, -1.0, plots["key"].to_numpy())
    order = np.argsort(priority, kind="stable")
    used_names: dict[int, set[str]] = {}
    rows = list(plots.itertuples(index=False))
    for i in order:
        if len(records) >= target:
            break
        plot = rows[i]
        num = int(plot.number) or None
        zone = plot.zone
        pao = {"pao_start_number": num}
        if plot.order in facility_plots:
            name, cls, _ = facility_plots[plot.order]
            records.append(
                base(
                    plot,
                    pao_text=name,
                    classification=cls,
                    organisation=name,
                    pao_start_number=None,
                )
            )
            continue
        r = rng.random()
        taken = used_names.setdefault(int(plot.usrn), set())
        if num is None:
            # Named-only houses and farms.
            pool = farm_names if zone == "rural" and rng.random() < 0.4 else list(house_names)
            free = [n for n in pool if n not in taken] or [n for n in house_names if n not in taken]
            hname = str(rng.choice(free))
            taken.add(hname)
            records.append(base(plot, pao_text=hname, classification="RD02"))
            continue
        if plot.usrn in high_streets and zone in ("centre", "inner"):
            _shop(rng, records, base, plot, pao, shops)
            continue
        houses, p_conv, p_block, p_name, p_office = MIX.get(zone, MIX["suburb"])
        cls = houses[0] if r < 0.5 else houses[1]
        u = rng.random()
        if u < p_block:
            # Listed names first, then made-up ones; a big town reuses them on other streets.
            bname = block_names.pop() if block_names else extra_blocks[n_blocks % len(extra_blocks)]
            n_blocks += 1
            _block(rng, records, base, plot, pao, bname)
        elif u < p_block + p_conv:
            _conversion(rng, records, base, plot, pao)
        elif u < p_block + p_conv + p_office:
            cls_o, org = _take(rng, shops)
            records.append(base(plot, **pao, classification=cls_o, organisation=org))
        elif u < p_block + p_conv + p_office + p_name:
            free = [n for n in house_names if n not in taken]
            hname = str(rng.choice(free)) if free else None
            taken.add(hname)
            records.append(
                base(plot, **pao, pao_text=hname, classification="RD02" if cls != "RD04" else cls)
            )
        else:
            records.append(base(plot, **pao, classification=cls))
        # Infill with a suffix (12A) now and then.
        if rng.random() < 0.012 and zone != "rural":
            rec = base(plot, **pao, pao_start_suffix="A", classification="RD02")
            rec["x"] += 3.0 * plot.nx
            rec["y"] += 3.0 * plot.ny
            records.append(rec)
    frame = pd.DataFrame(records)
    return frame


def _shop(rng, records, base, plot, pao, shops) -> None:
    """A shop with a flat or two above: a parent shell, the shop and the flats."""
    cls, org = _take(rng, shops)
    if rng.random() < 0.1:
        pao = {**pao, "pao_end_number": pao["pao_start_number"] + 2}  # 12-14 High Street
    if rng.random() < 0.35:
        records.append(base(plot, **pao, classification=cls, organisation=org))
        return
    parent = base(plot, **pao, classification="PP", postal_address="N")
    records.append(parent)
    records.append(
        base(plot, **pao, classification=cls, organisation=org, parent_uprn=parent["uprn"])
    )
    flats = int(rng.integers(1, 3))
    style = rng.choice(["floors", "letters", "numbers"])
    for k in range(flats):
        records.append(
            base(plot, **pao, **_flat(style, k), classification="RD06", parent_uprn=parent["uprn"])
        )


def _flat(style: str, k: int) -> dict:
    if style == "floors":
        return {"sao_text": ("FIRST FLOOR FLAT", "SECOND FLOOR FLAT", "TOP FLOOR FLAT")[min(k, 2)]}
    if style == "letters":
        return {"sao_text": f"FLAT {'ABCDEF'[k]}"}
    if style == "numbers":
        return {"sao_text": "FLAT", "sao_start_number": k + 1}
    return {"sao_start_number": k + 1}


def _conversion(rng, records, base, plot, pao) -> None:
    """A house converted into flats: parent shell plus 2-4 flats."""
    parent = base(plot, **pao, classification="PP", postal_address="N")
    records.append(parent)
    flats = int(rng.integers(2, 5))
    style = str(rng.choice(CONVERSION_STYLES))
    basement = style == "floors" and rng.random() < 0.3
    for k in range(flats):
        if style == "floors":
            sao = {"sao_text": ("BASEMENT FLAT", *FLOORS)[k] if basement else FLOORS[k]}
        else:
            sao = _flat(style, k)
        records.append(base(plot, **pao, **sao, classification="RD06", parent_uprn=parent["uprn"]))


def _block(rng, records, base, plot, pao, bname) -> None:
    """A purpose-built block: a named parent shell and its flats."""
    numbered = rng.random() < 0.5
    pao = {**pao, "pao_text": bname}
    if not numbered:
        pao["pao_start_number"] = None
    parent = base(plot, **pao, classification="PP", postal_address="N")
    records.append(parent)
    flats = int(rng.integers(6, 25))
    style = "numbers" if rng.random() < 0.7 else "sao_numbers"
    for k in range(flats):
        records.append(
            base(plot, **pao, **_flat(style, k), classification="RD06", parent_uprn=parent["uprn"])
        )
    if rng.random() < 0.3:  # allocated parking spaces: addressable, but nobody lives there
        for k in range(int(rng.integers(4, 13))):
            space = {"sao_text": "PARKING SPACE", "sao_start_number": k + 1}
            records.append(
                base(
                    plot,
                    **pao,
                    **space,
                    classification="RC01",
                    parent_uprn=parent["uprn"],
                    postal_address="N",
                )
            )


def finish(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    """Life cycle (status, state, dates, RPC) and the optional fields of every record."""
    n = len(frame)
    frame = frame.copy()
    frame["logical_status"] = 1
    frame["blpu_state"] = np.where(
        frame["classification"].eq("PP"), 2, np.where(rng.random(n) < 0.02, 3, 2)
    )
    frame["rpc"] = np.where(rng.random(n) < 0.9, 1, 2)
    start = np.array([_date(rng, dt.date(1998, 1, 1), dt.date(2012, 12, 31)) for _ in range(n)])
    later = np.array([_date(rng, dt.date(2004, 1, 1), dt.date(2021, 12, 31)) for _ in range(n)])
    is_child = frame["parent_uprn"].notna().to_numpy()
    frame["start_date"] = np.where(is_child & (rng.random(n) < 0.5), later, start)
    # The newest estate plots are still being built: provisional (6) records.
    town = ~frame["zone"].eq("rural") & frame["organisation"].isna()
    cutoff = frame.loc[town, "key"].quantile(0.96)
    newest = town & (frame["key"] >= cutoff)
    new_plots = frame.loc[newest, "plot"].unique()
    provisional = frame["plot"].isin(new_plots[rng.random(len(new_plots)) < 0.7]).to_numpy()
    frame.loc[provisional, "logical_status"] = 6
    frame.loc[provisional, "blpu_state"] = np.where(rng.random(int(provisional.sum())) < 0.7, 1, 6)
    frame.loc[provisional, "rpc"] = 2
    new_dates = np.array(
        [
            _date(rng, dt.date(2024, 3, 1), dt.date(2025, 9, 30))
            for _ in range(int(provisional.sum()))
        ]
    )
    frame.loc[provisional, "start_date"] = new_dates
    # A few demolished houses kept as historical (8) records.
    simple = (
        frame["classification"].isin(["RD02", "RD03", "RD04"])
        & ~provisional
        & frame["parent_uprn"].isna()
    )
    historic = simple.to_numpy() & (rng.random(n) < 0.006)
    frame.loc[historic, "logical_status"] = 8
    frame.loc[historic, "blpu_state"] = 4
    frame["end_date"] = None
    frame.loc[historic, "end_date"] = [
        _date(rng, dt.date(2013, 1, 1), dt.date(2023, 12, 31)) for _ in range(int(historic.sum()))
    ]
    frame["last_update_date"] = [
        max(s, e or s, _date(rng, dt.date(2015, 1, 1), dt.date(2025, 10, 31)))
        for s, e in zip(frame["start_date"], frame["end_date"], strict=True)
    ]
    frame["language"] = "ENG"
    frame["official_flag"] = "Y"
    if "postal_address" not in frame:
        frame["postal_address"] = None
    postal = np.where(frame["logical_status"].eq(1), "Y", "N")
    frame["postal_address"] = frame["postal_address"].fillna(pd.Series(postal, index=frame.index))
    frame["alternatives"] = None
    frame["source"] = names.SOURCE
    return frame


def _organisations(rng: np.random.Generator) -> list[tuple[str, str]]:
    """Shuffled (classification, name) for every business the town could have."""
    orgs = [(cls, f"{s} {t}") for s in names.SURNAMES for cls, t in names.TRADES]
    orgs = [orgs[i] for i in rng.permutation(len(orgs))]
    pubs = [("CR06", p) for p in names.PUBS]
    return pubs + orgs


def _take(rng: np.random.Generator, orgs: list[tuple[str, str]]) -> tuple[str, str]:
    """Take an organisation (pubs first come up now and then); reuse names once all are used."""
    if len(orgs) > 1:
        return orgs.pop(int(rng.integers(len(orgs))) if rng.random() < 0.9 else 0)
    return orgs[0]
