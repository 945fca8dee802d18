"""Classification rule: AddressBase classification codes present, known and specific enough."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np

from .context import Context, quoted
from .registry import WARNING, Finding, rule

CODES_CSV = Path(__file__).resolve().with_name("classification_codes.csv")
#: Primary classes whose codes should reach the tertiary level (4 characters, e.g. RD04, CR08).
NEEDS_TERTIARY = ("R", "C")


@cache
def classification_codes() -> dict[str, str]:
    """The OS AddressBase classification scheme: code → description."""
    with CODES_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["description"] for row in csv.DictReader(handle)}


@rule(
    "A08",
    WARNING,
    "Classification missing, unknown or not specific enough",
    "Every record carries a code from the AddressBase classification scheme (primary, "
    "secondary, tertiary and sometimes quaternary levels, e.g. R → RD → RD04 Terraced). A "
    "missing or unknown code hides what the property is; residential and commercial "
    "properties (R…, C…) should be classified to the tertiary level (4 characters, e.g. "
    "RD06 flat, CR08 shop), because services, council tax and emergency planning depend on "
    "it. Fix: classify the property with the most specific code that fits.",
    fields=("classification",),
    messages={
        "missing": "{address} has no classification code",
        "unknown": "{address} has classification {code}, which is not an AddressBase "
        "classification code",
        "not_specific": "{address} is classified only as {code} ({description}): give the "
        "tertiary code (e.g. RD04, CR08)",
    },
)
def classification(ctx: Context) -> Finding:
    codes = classification_codes()
    raw = ctx.a["classification"]
    value = raw.str.strip()
    missing = (value == "").to_numpy()
    unique = value.unique()
    known_map = {v: v in codes for v in unique}
    known = value.map(known_map).to_numpy(dtype=bool)
    unknown = ~missing & ~known
    short = known & value.str[:1].isin(NEEDS_TERTIARY).to_numpy() & (value.str.len() < 4).to_numpy()
    msgs = np.full(ctx.n, "", dtype=object)
    msgs[missing] = ctx.say("missing", address=ctx.uprn_text[missing])
    msgs[unknown] = ctx.say(
        "unknown", address=ctx.uprn_text[unknown], code=quoted(raw.to_numpy()[unknown])
    )
    described = value[short].map(codes).to_numpy()
    msgs[short] = ctx.say(
        "not_specific",
        address=ctx.uprn_text[short],
        code=value.to_numpy()[short],
        description=described,
    )
    bad = missing | unknown | short
    return Finding.from_mask(bad, msgs[bad], ctx.n)
