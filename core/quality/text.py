"""Text rules: clean address text, lengths within the schema, no two live addresses alike."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from ..address_text import format_address
from .context import (
    Context,
    cat,
    duplicates,
    normalised_text,
    quoted,
    spacing_problems,
    stray_characters,
)
from .registry import WARNING, Finding, rule

#: Address text fields the hygiene rules read (those present in the layer).
TEXT_FIELDS = (
    "organisation",
    "sao_text",
    "pao_text",
    "street_description",
    "locality",
    "town",
    "administrative_area",
)
MAX_LENGTH = {f.name: f.length for f in schema.ADDRESS_FIELDS if f.kind == schema.TEXT}
#: Messages of the spacing rules (A16 here, S08 for streets).
SPACING_MESSAGES = {
    "edge_spaces": "{field} {text} has leading or trailing spaces",
    "double_spaces": "{field} {text} has double spaces",
    "stray_characters": "{field} {text} has stray characters",
    "stray_characters_shown": "{field} {text} has stray character(s) {characters}",
}


@rule(
    "A15",
    WARNING,
    "PAO text equal to SAO text",
    "The SAO (the flat or unit) and the PAO (the building) name different things. When both "
    "hold the same text the address repeats itself ('ROSE COURT, ROSE COURT') and is usually "
    "a building entered twice, or a flat that lost its own name or number. Fix: give the SAO "
    "the unit's own name or number, or clear it if the record is the whole building.",
    fields=("pao_text", "sao_text"),
    messages={"same_text": "{address} has the same PAO and SAO text {text}"},
)
def pao_equals_sao(ctx: Context) -> Finding:
    pao = normalised_text(ctx.a["pao_text"])
    sao = normalised_text(ctx.a["sao_text"])
    bad = ((pao == sao) & (pao != "")).to_numpy()
    msg = ctx.say(
        "same_text", address=ctx.uprn_text[bad], text=quoted(ctx.a["pao_text"].to_numpy()[bad])
    )
    return Finding.from_mask(bad, msg, int((~ctx.blank("pao_text") & ~ctx.blank("sao_text")).sum()))


@rule(
    "A16",
    WARNING,
    "Stray characters or bad spacing in address text",
    "Address text (organisation, SAO and PAO text, street, locality, town, administrative "
    "area) holds letters, digits, spaces and the punctuation BS 7666 allows (' - , . & / ( ) "
    '!). Characters such as ? * # @ ; : " _ tabs or line breaks, spaces at the start or end, '
    "or two spaces in a row break matching, sorting and printed labels. Fix: retype the text "
    "without them.",
    fields=("street_description",),
    messages=SPACING_MESSAGES,
)
def text_hygiene(ctx: Context) -> Finding:
    msgs = np.full(ctx.n, "", dtype=object)
    bad = np.zeros(ctx.n, dtype=bool)
    present = np.zeros(ctx.n, dtype=bool)
    for name in TEXT_FIELDS:
        if name not in ctx.a:
            continue
        values = ctx.a[name]
        present |= (values != "").to_numpy()
        edge, double, stray = spacing_problems(values)
        label = ctx.label(name)
        raw = values.to_numpy()
        for mask, key in ((edge, "edge_spaces"), (double, "double_spaces")):
            if mask.any():
                text = ctx.say(key, field=label, text=quoted(raw[mask]))
                msgs[mask] = cat(msgs[mask], "; ", text)
        if stray.any():
            text = ctx.say(
                "stray_characters_shown",
                field=label,
                text=quoted(raw[stray]),
                characters=stray_characters(raw[stray]),
            )
            msgs[stray] = cat(msgs[stray], "; ", text)
        bad |= edge | double | stray
    return Finding.from_mask(bad, ctx.problems(ctx.uprn_text[bad], msgs[bad]), int(present.sum()))


@rule(
    "A17",
    WARNING,
    "Address text longer than the field allows",
    "The GeoPlace data transfer format limits each text field (SAO/PAO text 90 characters, "
    "street description 100, locality, town and administrative area 35, organisation 100). "
    "Longer text is cut off when the gazetteer is exchanged with GeoPlace or other systems. "
    "Fix: shorten the text, using the standard abbreviations only where the convention "
    "allows.",
    fields=("street_description",),
    messages={"too_long": "{field} is {length} characters long (limit {limit})"},
)
def text_length(ctx: Context) -> Finding:
    msgs = np.full(ctx.n, "", dtype=object)
    bad = np.zeros(ctx.n, dtype=bool)
    for name in TEXT_FIELDS:
        if name not in ctx.a or not MAX_LENGTH.get(name):
            continue
        limit = MAX_LENGTH[name]
        lengths = ctx.a[name].str.len().to_numpy()
        long = lengths > limit
        if long.any():
            text = ctx.say(
                "too_long", field=ctx.label(name), length=lengths[long].astype(str), limit=limit
            )
            msgs[long] = cat(msgs[long], "; ", text)
            bad |= long
    return Finding.from_mask(bad, ctx.problems(ctx.uprn_text[bad], msgs[bad]), ctx.n)


def formatted_addresses(ctx: Context) -> pd.Series:
    """The single-line address of each record: the ``address`` column, else built from parts."""
    if "address" in ctx.a:
        text = ctx.a["address"].copy()
        empty = (text.str.strip() == "").to_numpy()
    else:
        text = pd.Series([""] * ctx.n, dtype=object)
        empty = np.ones(ctx.n, dtype=bool)
    if empty.any():
        parts = [c for c in ctx.a.columns if c in MAX_LENGTH or c.endswith(("_number",))]
        records = ctx.a.loc[empty, parts].replace({"": None})
        records = records.astype(object).where(records.notna(), None)
        text[empty] = [format_address(r) for r in records.to_dict("records")]
    return text


@rule(
    "A27",
    WARNING,
    "Two live addresses with the same text",
    "Two live records that print as the same single-line address cannot be told apart by a "
    "resident, a delivery driver or a matching system. Usually one is a duplicate of the "
    "other, or a flat or unit lost the name or number that tells it apart. Fix: retire the "
    "duplicate, or give each unit its own SAO.",
    fields=(),
    messages={
        "same_address": "{address} ({ref}) has the same address {text} as {other} ({other_ref})"
    },
)
def duplicate_text(ctx: Context) -> Finding:
    if "address" not in ctx.a and not {"pao_text", "street_description"} <= set(ctx.a.columns):
        return Finding.none(0)
    text = formatted_addresses(ctx)
    live = ctx.live & (text.str.strip() != "").to_numpy()
    rows = np.flatnonzero(live)
    key = normalised_text(text).where(live, None)
    pos, first, second, _ = duplicates(key.to_numpy(dtype=object))
    if not len(pos):
        return Finding.none(len(rows))
    other = np.where(pos == first, second, first)
    msg = ctx.say(
        "same_address",
        address=ctx.uprn_text[pos],
        ref=ctx.ref[pos],
        text=quoted(text.to_numpy()[pos]),
        other=ctx.uprn_text[other],
        other_ref=ctx.ref[other],
    )
    return Finding(pos, msg, len(rows))
