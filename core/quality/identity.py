"""Identifier rules: UPRNs and USRNs present, unique, and references that resolve."""

from __future__ import annotations

import numpy as np

from .context import Context, duplicates, int_text
from .registry import ERROR, Finding, rule


def duplicate_messages(
    ctx: Context, keys: np.ndarray, refs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose key repeats another row's, and a message naming where the other copy is
    (the rule's ``first_copy`` and ``later_copy`` messages).

    Missing keys (NaN) are not duplicates. Later copies point at the first; the first copy
    points at the next one and says how many copies there are.
    """
    refs = np.asarray(refs, dtype=object)
    rows, first, second, size = duplicates(np.asarray(keys, dtype=np.float64))
    key_text = int_text(np.asarray(keys, dtype=np.float64)[rows])
    later = ctx.say("later_copy", key=key_text, ref=refs[rows], first=refs[first])
    head = ctx.say(
        "first_copy", key=key_text, ref=refs[rows], count=size.astype(str), next=refs[second]
    )
    return rows, np.where(rows == first, head, later)


@rule(
    "A01",
    ERROR,
    "UPRN missing or duplicated",
    "Every addressable object has one Unique Property Reference Number, and no two records of "
    "the layer may share it. A repeated UPRN usually means a record was copied or an import "
    "was loaded twice; a missing one means the record cannot be referenced by any other "
    "system. Fix: keep one record per UPRN (merge or retire the copy) and give every record "
    "its UPRN.",
    fields=("uprn",),
    messages={
        "first_copy": "UPRN {key} ({ref}) is used by {count} records; the next is {next}",
        "later_copy": "UPRN {key} ({ref}) duplicates the UPRN of {first}",
        "no_uprn": "The address at {ref} has no UPRN (or it is not a number)",
    },
)
def duplicate_uprn(ctx: Context) -> Finding:
    rows, messages = duplicate_messages(ctx, ctx.uprn, ctx.ref)
    missing = np.flatnonzero(np.isnan(ctx.uprn))
    miss_msg = ctx.say("no_uprn", ref=ctx.ref[missing])
    order = np.argsort(np.concatenate([rows, missing]), kind="stable")
    return Finding(
        np.concatenate([rows, missing])[order],
        np.concatenate([messages, miss_msg])[order],
        ctx.n,
    )


@rule(
    "A09",
    ERROR,
    "USRN missing",
    "Every address (LPI) is on a street and carries that street's Unique Street Reference "
    "Number; without it the address cannot be tied to the street gazetteer (NSG). Fix: give "
    "the record the USRN of the street it is addressed from.",
    fields=("usrn",),
    messages={"no_usrn": "{address} has no USRN"},
)
def usrn_missing(ctx: Context) -> Finding:
    mask = np.isnan(ctx.a["usrn"].to_numpy())
    return Finding.from_mask(mask, ctx.say("no_usrn", address=ctx.uprn_text[mask]), ctx.n)


@rule(
    "A10",
    ERROR,
    "USRN not in the street gazetteer",
    "An address's USRN must be the USRN of a street in the street gazetteer (the STREETS "
    "layer). A USRN that is not there points at a street that was never recorded, was "
    "deleted, or was mistyped. Fix: correct the USRN, or add the missing street.",
    fields=("usrn",),
    needs=("streets.usrn",),
    messages={"unknown_usrn": "{address} has USRN {usrn}, which is not in STREETS"},
)
def usrn_unknown(ctx: Context) -> Finding:
    usrn = ctx.a["usrn"].to_numpy()
    has = ~np.isnan(usrn)
    mask = has & (ctx.address_street < 0)
    messages = ctx.say("unknown_usrn", address=ctx.uprn_text[mask], usrn=int_text(usrn[mask]))
    return Finding.from_mask(mask, messages, int(has.sum()))


@rule(
    "S01",
    ERROR,
    "USRN missing or duplicated",
    "Every street has one Unique Street Reference Number and no two street records share it. "
    "A repeated USRN splits one street across records (or gives two streets one number); a "
    "missing one leaves the street impossible to reference. Fix: merge the records of one "
    "street, or renumber the street that took another's USRN.",
    fields=("usrn",),
    messages={
        "first_copy": "USRN {key} ({ref}) is used by {count} records; the next is {next}",
        "later_copy": "USRN {key} ({ref}) duplicates the USRN of {first}",
        "no_usrn": "The street at {ref} has no USRN (or it is not a number)",
    },
)
def duplicate_usrn(ctx: Context) -> Finding:
    assert ctx.s is not None
    usrn = ctx.s["usrn"].to_numpy()
    refs = ctx.s["source_ref"].to_numpy(dtype=object)
    rows, messages = duplicate_messages(ctx, usrn, refs)
    missing = np.flatnonzero(np.isnan(usrn))
    miss_msg = ctx.say("no_usrn", ref=refs[missing])
    all_rows = np.concatenate([rows, missing])
    order = np.argsort(all_rows, kind="stable")
    return Finding(all_rows[order], np.concatenate([messages, miss_msg])[order], len(usrn))
