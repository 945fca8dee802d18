"""Numbering rules (BS 7666): PAO/SAO numbers, ranges and suffixes."""

from __future__ import annotations

import numpy as np

from .context import Context, cat, int_text, quoted
from .registry import ERROR, WARNING, Finding, rule

MIN_NUMBER, MAX_NUMBER = 0, 9999
MAX_SUFFIX = 2  # DTF 7.3 suffix field width; BS 7666 suffixes are letters
#: '12', '12A', '12-14', '12A - 12C': a number (or range) typed into a text field.
_ONLY_NUMBER = r"^\s*\d+\s*[A-Za-z]?(?:\s*-\s*\d+\s*[A-Za-z]?)?\s*$"

NUMBER_FIELDS = (
    "pao_start_number",
    "pao_start_suffix",
    "pao_end_number",
    "pao_end_suffix",
    "sao_start_number",
    "sao_start_suffix",
    "sao_end_number",
    "sao_end_suffix",
)


@rule(
    "A12",
    ERROR,
    "No PAO number and no PAO text",
    "The primary addressable object (the building or plot) is identified by a number, a "
    "name (PAO text), or both. With neither, the address cannot be found on the street. "
    "Fix: give the building its number, or its name where it has no number.",
    fields=("pao_start_number", "pao_text"),
    may_be_empty=("pao_text",),
    messages={"no_pao": "{address} has no PAO number and no PAO text"},
)
def pao_missing(ctx: Context) -> Finding:
    bad = np.isnan(ctx.a["pao_start_number"].to_numpy()) & ctx.blank("pao_text")
    return Finding.from_mask(bad, ctx.say("no_pao", address=ctx.uprn_text[bad]), ctx.n)


@rule(
    "A13",
    WARNING,
    "PAO or SAO text that is only a number",
    "Numbers belong in the number fields (start number and suffix), text in the text field. "
    "A PAO or SAO text of '12' or '12A' is a number typed in the wrong place: it will not "
    "sort, range-check or match as a number. Fix: move it to the start number (and suffix) "
    "and clear the text.",
    fields=("pao_text",),
    messages={
        "only_number": "{part} text {text} is only a number: put it in the {part} start number"
    },
)
def text_only_number(ctx: Context) -> Finding:
    msgs = np.full(ctx.n, "", dtype=object)
    bad = np.zeros(ctx.n, dtype=bool)
    for part in ("pao", "sao"):
        values = ctx.column(f"{part}_text")
        hit = values.str.match(_ONLY_NUMBER).to_numpy(dtype=bool)
        text = ctx.say("only_number", part=part.upper(), text=quoted(values.to_numpy()[hit]))
        msgs[hit] = cat(msgs[hit], "; ", text)
        bad |= hit
    return Finding.from_mask(bad, ctx.problems(ctx.uprn_text[bad], msgs[bad]), ctx.n)


class _LazyText:
    """Values turned into message text only for the rows a mask picks."""

    def __init__(self, values: np.ndarray, quote: bool = False) -> None:
        self.values, self.quote = values, quote

    def __getitem__(self, mask: np.ndarray) -> np.ndarray:
        picked = self.values[mask]
        return quoted(picked) if self.quote else int_text(picked)


class _Joined:
    """Number text followed by its suffix, for the rows a mask picks."""

    def __init__(self, numbers: _LazyText, suffixes: np.ndarray) -> None:
        self.numbers, self.suffixes = numbers, suffixes

    def __getitem__(self, mask: np.ndarray) -> np.ndarray:
        return cat(self.numbers[mask], self.suffixes[mask])


def _part_problems(ctx: Context, part: str) -> tuple[np.ndarray, np.ndarray]:
    label = part.upper()
    start = ctx.column(f"{part}_start_number").to_numpy()
    end = ctx.column(f"{part}_end_number").to_numpy()
    s_suffix = ctx.column(f"{part}_start_suffix").str.strip()
    e_suffix = ctx.column(f"{part}_end_suffix").str.strip()
    has_start, has_end = ~np.isnan(start), ~np.isnan(end)
    msgs = np.full(ctx.n, "", dtype=object)
    bad = np.zeros(ctx.n, dtype=bool)

    def add(mask: np.ndarray, key: str, **values: object) -> None:
        nonlocal bad
        if mask.any():
            picked = {k: v if isinstance(v, (str, int)) else v[mask] for k, v in values.items()}  # type: ignore[index]
            msgs[mask] = cat(msgs[mask], "; ", ctx.say(key, part=label, **picked))
            bad |= mask

    start_t, end_t = _LazyText(start), _LazyText(end)
    for name, value, has, value_t in (
        ("start", start, has_start, start_t),
        ("end", end, has_end, end_t),
    ):
        out = has & ((value < MIN_NUMBER) | (value > MAX_NUMBER) | (value != np.round(value)))
        add(out, f"{name}_outside", value=value_t, low=MIN_NUMBER, high=MAX_NUMBER)
    add(has_end & ~has_start, "end_without_start", end=end_t)
    add(has_end & has_start & (end < start), "end_below_start", start=start_t, end=end_t)
    same_number = has_end & has_start & (end == start)
    same = same_number & (e_suffix.str.upper() == s_suffix.str.upper()).to_numpy()
    add(same, "range_same", start=start_t, end=end_t)
    backwards = (
        same_number
        & ~same
        & (s_suffix != "").to_numpy()
        & (e_suffix != "").to_numpy()
        & (e_suffix.str.upper() < s_suffix.str.upper()).to_numpy()
    )
    add(
        backwards,
        "range_backwards",
        start=_Joined(start_t, s_suffix.to_numpy()),
        end=_Joined(end_t, e_suffix.to_numpy()),
    )
    for name, suffix, has in (("start", s_suffix, has_start), ("end", e_suffix, has_end)):
        present = (suffix != "").to_numpy()
        text = _LazyText(suffix.to_numpy(), quote=True)
        add(present & ~has, f"{name}_suffix_alone", suffix=text)
        long = present & (suffix.str.len() > MAX_SUFFIX).to_numpy()
        add(long, f"{name}_suffix_long", suffix=text, limit=MAX_SUFFIX)
        letters = suffix.str.fullmatch(r"[A-Za-z]+").to_numpy(dtype=bool)
        add(present & ~long & ~letters, f"{name}_suffix_not_letter", suffix=text)
    return bad, msgs


@rule(
    "A14",
    ERROR,
    "PAO/SAO numbers or suffixes invalid",
    f"BS 7666 numbers are whole numbers from {MIN_NUMBER} to {MAX_NUMBER}; a range has a start "
    "and an end above it (an end number needs a start number); a suffix is a letter (at most "
    f"{MAX_SUFFIX}) that follows a number. Typical faults: an end number without a start, a "
    "range that runs backwards (14–12), a suffix with no number, '12' typed as a suffix. Fix: "
    "re-key the number, range and suffix from the street nameplate or building.",
    fields=("pao_start_number",),
    messages={
        "start_outside": "{part} start number {value} is outside {low}–{high}",
        "end_outside": "{part} end number {value} is outside {low}–{high}",
        "end_without_start": "{part} has an end number ({end}) but no start number",
        "end_below_start": "{part} end number {end} is below the start number {start}",
        "range_same": "{part} range {start} to {end} ends where it starts",
        "range_backwards": "{part} range {start} to {end} runs backwards",
        "start_suffix_alone": "{part} start suffix {suffix} has no start number",
        "end_suffix_alone": "{part} end suffix {suffix} has no end number",
        "start_suffix_long": "{part} start suffix {suffix} is longer than {limit} characters",
        "end_suffix_long": "{part} end suffix {suffix} is longer than {limit} characters",
        "start_suffix_not_letter": "{part} start suffix {suffix} is not a letter",
        "end_suffix_not_letter": "{part} end suffix {suffix} is not a letter",
    },
)
def numbers(ctx: Context) -> Finding:
    bad_p, msg_p = _part_problems(ctx, "pao")
    bad_s, msg_s = _part_problems(ctx, "sao")
    bad = bad_p | bad_s
    joined = cat(msg_p[bad], msg_s[bad])
    return Finding.from_mask(bad, ctx.problems(ctx.uprn_text[bad], joined), ctx.n)
