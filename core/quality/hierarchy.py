"""Parent/child rules: parent UPRNs that exist, are live, form no cycle and agree with the child."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .context import ENDED_STATUSES, Context, cat, int_text, normalised_text, quoted
from .registry import ERROR, WARNING, Finding, rule

_PAO = ("pao_start_number", "pao_start_suffix", "pao_end_number", "pao_end_suffix", "pao_text")


def parent_rows(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """(children, parents): rows of records whose parent UPRN is in the layer, and that parent."""
    parent = ctx.a["parent_uprn"].to_numpy()
    has = ~np.isnan(parent)
    found = ctx.row_of_uprn.reindex(parent[has]).to_numpy()
    ok = ~np.isnan(found)
    children = np.flatnonzero(has)[ok]
    return children, found[ok].astype(np.int64)


@rule(
    "A22",
    ERROR,
    "Parent UPRN not in the gazetteer",
    "A parent UPRN links a flat or unit to the building that contains it, and must be the "
    "UPRN of a record in the same gazetteer. A parent that is not there was deleted, never "
    "created, or mistyped. Fix: correct the parent UPRN, or create the parent (building) "
    "record.",
    fields=("uprn", "parent_uprn"),
    messages={"missing_parent": "{address} has parent UPRN {parent}, which is not in the layer"},
)
def parent_missing(ctx: Context) -> Finding:
    parent = ctx.a["parent_uprn"].to_numpy()
    has = ~np.isnan(parent)
    bad = has & ~np.isin(parent, ctx.row_of_uprn.index.to_numpy())
    msg = ctx.say("missing_parent", address=ctx.uprn_text[bad], parent=int_text(parent[bad]))
    return Finding.from_mask(bad, msg, int(has.sum()))


@rule(
    "A23",
    ERROR,
    "Live child of a historic or rejected parent",
    "A live record (logical status 1, 3, 5 or 6) cannot sit inside a building whose own "
    "record is historic or rejected (7, 8 or 9): either the building still exists, or its "
    "flats and units went with it. Fix: re-instate the parent, re-parent the child to the "
    "building that replaced it, or retire the child.",
    fields=("uprn", "parent_uprn", "logical_status"),
    messages={
        "ended_parent": "{address} is live but its parent {parent} has logical status {status}"
    },
)
def parent_not_live(ctx: Context) -> Finding:
    children, parents = parent_rows(ctx)
    status = ctx.a["logical_status"].to_numpy()
    live_child = ctx.live[children]
    dead = live_child & np.isin(status[parents], ENDED_STATUSES)
    rows, prow = children[dead], parents[dead]
    msg = ctx.say(
        "ended_parent",
        address=ctx.uprn_text[rows],
        parent=ctx.uprn_text[prow],
        status=ctx.int_text(status[prow]),
    )
    return Finding(rows, msg, int(live_child.sum()))


@rule(
    "A24",
    ERROR,
    "Parent/child cycle",
    "Following parent UPRNs upwards must end at a top-level record. A record that is its own "
    "parent, or a chain that comes back on itself (A's parent is B, B's parent is A), has no "
    "top and breaks every hierarchy-based report. Fix: clear the parent UPRN of the record "
    "that is really the top-level building.",
    fields=("uprn", "parent_uprn"),
    messages={
        "own_parent": "{address} is its own parent",
        "cycle": "{address} has parent {parent}, in a cycle of {length} records that never "
        "reaches a top-level parent",
    },
)
def parent_cycle(ctx: Context) -> Finding:
    children, parents = parent_rows(ctx)
    n = ctx.n
    graph = coo_matrix((np.ones(len(children)), (children, parents)), shape=(n, n)).tocsr()
    _, labels = connected_components(graph, directed=True, connection="strong")
    sizes = np.bincount(labels, minlength=n)
    in_cycle = sizes[labels] > 1
    in_cycle[children[children == parents]] = True
    rows = np.flatnonzero(in_cycle)
    parent_of = np.full(n, -1, dtype=np.int64)
    parent_of[children] = parents
    length = np.where(parent_of[rows] == rows, 1, sizes[labels[rows]])
    msg = np.where(
        parent_of[rows] == rows,
        ctx.say("own_parent", address=ctx.uprn_text[rows]),
        ctx.say(
            "cycle",
            address=ctx.uprn_text[rows],
            parent=ctx.uprn_text[parent_of[rows]],
            length=length.astype(str),
        ),
    )
    return Finding(rows, msg, len(children))


def _pao_text(ctx: Context, rows: np.ndarray) -> np.ndarray:
    def col(name: str) -> np.ndarray:
        return ctx.column(name).to_numpy()[rows]

    number = int_text(col("pao_start_number"), "")
    end = int_text(col("pao_end_number"), "")
    rng = cat(
        number,
        col("pao_start_suffix"),
        np.where(end == "", "", cat("-", end)),
        col("pao_end_suffix"),
    )
    return np.array(
        [" ".join(p for p in (t.strip(), r) if p) for t, r in zip(col("pao_text"), rng)],
        dtype=object,
    )


@rule(
    "A25",
    WARNING,
    "Child's PAO differs from its parent's",
    "A flat or unit (the child) is addressed as part of its building (the parent), so it "
    "repeats the parent's PAO: 'FLAT 2, 10 HIGH STREET' has the PAO '10' of the building "
    "'10 HIGH STREET'. A different PAO means the child points at the wrong parent, or one of "
    "the two was renumbered alone. Fix: re-parent the child, or make the PAOs agree.",
    fields=("uprn", "parent_uprn", "pao_start_number"),
    may_be_empty=("pao_start_number",),
    messages={
        "pao_differs": "{address} has PAO {pao} but its parent {parent} has PAO {parent_pao}"
    },
)
def parent_pao(ctx: Context) -> Finding:
    children, parents = parent_rows(ctx)
    differs = np.zeros(len(children), dtype=bool)
    for name in _PAO:
        values = ctx.column(name).to_numpy()
        c, p = values[children], values[parents]
        if values.dtype == object:
            differs |= (
                normalised_text(pd.Series(c, dtype=object)).to_numpy()
                != normalised_text(pd.Series(p, dtype=object)).to_numpy()
            )
        else:
            differs |= ~((c == p) | (np.isnan(c) & np.isnan(p)))
    rows, prow = children[differs], parents[differs]
    msg = ctx.say(
        "pao_differs",
        address=ctx.uprn_text[rows],
        pao=quoted(_pao_text(ctx, rows)),
        parent=ctx.uprn_text[prow],
        parent_pao=quoted(_pao_text(ctx, prow)),
    )
    return Finding(rows, msg, len(children))


@rule(
    "A26",
    WARNING,
    "Child's USRN differs from its parent's",
    "A flat or unit is normally addressed from the same street as the building that contains "
    "it. A child on a different USRN from its parent points at the wrong parent, or at the "
    "wrong street. Fix: re-parent the child or correct its USRN (a building with entrances "
    "on two streets keeps its units on the street of their own entrance: accept those).",
    fields=("uprn", "parent_uprn", "usrn"),
    messages={
        "usrn_differs": "{address} has USRN {usrn} but its parent {parent} has USRN {parent_usrn}"
    },
)
def parent_usrn(ctx: Context) -> Finding:
    children, parents = parent_rows(ctx)
    usrn = ctx.a["usrn"].to_numpy()
    c, p = usrn[children], usrn[parents]
    differs = ~((c == p) | (np.isnan(c) & np.isnan(p)))
    rows, prow = children[differs], parents[differs]
    msg = ctx.say(
        "usrn_differs",
        address=ctx.uprn_text[rows],
        usrn=ctx.int_text(usrn[rows]),
        parent=ctx.uprn_text[prow],
        parent_usrn=ctx.int_text(usrn[prow]),
    )
    return Finding(rows, msg, len(children))
