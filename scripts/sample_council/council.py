"""Generate the whole sample council in memory: ``generate(seed, addresses) -> Council``."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon

from . import addresses as addr
from . import facilities, plots, postcodes, records, streets
from .network import grow

DEFAULT_SEED = 20251125
DEFAULT_ADDRESSES = 5000
ROOT = Path(__file__).resolve().parents[2]


def plugin() -> ModuleType:
    """The plugin package as ``placelink`` (the checkout folder has another name)."""
    if "placelink" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "placelink", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
        )
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["placelink"] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["placelink"]


def _build(
    rngs: list[np.random.Generator], net_seed: int, addresses: int, headroom: float, seed: int
) -> tuple:
    """Network, streets, plots, raw address records and the share of plots used."""
    land = grow(net_seed, addresses, headroom)
    pieces = streets.name_streets(rngs[1], land)
    usrns = streets.make_usrns(rngs[1], len(pieces))
    segments = streets.node(pieces, usrns)
    n_comp, _, _ = streets.components(segments["geometry"].to_numpy())
    if n_comp != 1:
        raise RuntimeError(f"seed {seed}: the street network fell into {n_comp} parts")
    street_table = streets.street_table(rngs[2], pieces, usrns, segments, land)
    layout = plots.lay_out(rngs[3], land, street_table, segments)
    info = street_table.set_index("usrn")
    layout["main"] = info.loc[layout["usrn"], "kind"].isin(["main"]).to_numpy()
    layout["place"] = (
        info.loc[layout["usrn"], "locality"]
        .fillna(info.loc[layout["usrn"], "street_description"])
        .to_numpy()
    )
    layout = addr.number_plots(rngs[3], layout, street_table)
    facility_plots = facilities.choose(rngs[4], layout, land.final_key, addresses, land.centre)
    frame = addr.build(rngs[4], layout, street_table, addresses, facility_plots)
    fill = frame["plot"].nunique() / len(layout)  # share of the plots built on
    return land, street_table, segments, facility_plots, frame, fill


@dataclass
class Council:
    """Every layer and table of the sample council (geometry columns hold shapely objects)."""

    seed: int
    boundary: Polygon
    streets: pd.DataFrame
    segments: pd.DataFrame
    addresses: pd.DataFrame
    facilities: pd.DataFrame
    postcodes: pd.DataFrame
    records: pd.DataFrame
    truth: pd.DataFrame


def generate(
    seed: int = DEFAULT_SEED, addresses: int = DEFAULT_ADDRESSES, n_records: int | None = None
) -> Council:
    """Grow a council of about *addresses* addresses; the same arguments give the same council."""
    plugin()
    from placelink.core.address_text import format_address

    seeds = np.random.SeedSequence(seed).spawn(8)
    # Grow, lay out and fill. A town too small for the addresses is grown again bigger; one
    # that leaves many plots (whole streets) empty is grown again smaller.
    headroom, best = 1.0, None
    for _attempt in range(6):
        rngs = [np.random.default_rng(s) for s in seeds]
        built = _build(rngs, int(seeds[0].generate_state(1)[0]), addresses, headroom, seed)
        got, fill = len(built[4]), built[5]
        if got >= addresses and (best is None or fill > best[5]):
            best = built
        if got < addresses:
            headroom *= addresses / got * 1.01
        elif fill < 0.95:
            headroom *= fill + 0.02
        else:
            break
    land, street_table, segments, facility_plots, frame, _ = best or built
    frame = addr.finish(rngs[5], frame)
    frame["postcode"] = postcodes.assign(rngs[5], frame)
    for f in ("sao_start_number", "sao_end_number", "pao_start_number", "pao_end_number"):
        frame[f] = (
            pd.array(frame.get(f), dtype="Int64")
            if f in frame
            else pd.array([None] * len(frame), dtype="Int64")
        )
    for f in (
        "sao_start_suffix",
        "sao_end_suffix",
        "sao_text",
        "pao_start_suffix",
        "pao_end_suffix",
        "pao_text",
        "organisation",
    ):
        if f not in frame:
            frame[f] = None
        frame[f] = frame[f].astype(object).where(frame[f].notna(), None)
    frame["parent_uprn"] = pd.array(frame["parent_uprn"], dtype="Int64")
    plain = frame.astype(object).where(frame.notna(), None)  # pd.NA → None
    frame["address"] = [format_address(r) for r in plain.to_dict("records")]
    frame = frame.sort_values("uprn", kind="stable").reset_index(drop=True)
    frame["geometry"] = shapely.points(frame["x"].to_numpy(), frame["y"].to_numpy())

    facility_table = facilities.table(rngs[6], frame, facility_plots)
    live = frame[frame["logical_status"].ne(8)]
    pc = live.groupby("postcode", sort=True).agg(x=("x", "mean"), y=("y", "mean")).reset_index()
    pc["x"], pc["y"] = pc["x"].round(0), pc["y"].round(0)
    pc["positional_quality"] = 10
    pc["geometry"] = shapely.points(pc["x"].to_numpy(), pc["y"].to_numpy())
    n_records = n_records if n_records is not None else round(addresses * 0.3)
    recs, truth = records.make(rngs[7], frame, street_table, n_records)
    segments = streets.split_long(segments)  # ESU-like pieces of at most 50 m
    return Council(
        seed, land.boundary, street_table, segments, frame, facility_table, pc, recs, truth
    )


__all__ = ["DEFAULT_ADDRESSES", "DEFAULT_SEED", "Council", "generate"]
