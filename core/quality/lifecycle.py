"""Life-cycle rules: logical status, BLPU state, start and end dates, closed streets."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .context import CLOSED_STREET_STATE, ENDED_STATUSES, LIVE_STATUSES, Context, cat, int_text
from .registry import ERROR, WARNING, Finding, rule

#: Valid logical status codes of a BLPU/LPI.
LOGICAL_STATUSES = (1, 3, 5, 6, 7, 8, 9)
#: Valid BLPU state codes.
BLPU_STATES = (1, 2, 3, 4, 5, 6, 7)
#: Which BLPU states each logical status allows (statuses not listed allow any state).
STATE_FOR_STATUS: dict[int, tuple[int, ...]] = {1: (1, 2, 3), 6: (1, 5, 6, 7), 8: (4, 7)}
#: Messages of the date rules (A06 for addresses, S14 for streets).
DATE_MESSAGES = {
    "not_a_date": "{field} {value} is not a date",
    "in_future": "{field} {value} is in the future",
    "end_before_start": "end date {end} is before start date {start}",
}


def _list(codes: tuple[int, ...]) -> str:
    return ", ".join(map(str, codes))


def _codes(values: np.ndarray) -> np.ndarray:
    return int_text(values)


@rule(
    "A04",
    ERROR,
    "Logical status invalid or incompatible with the BLPU state",
    "The logical status says where a record is in its life (1 approved, 3 alternative, "
    "5 candidate, 6 provisional, 7/9 rejected, 8 historic) and must be one of those codes. "
    "Where a BLPU state is recorded it must agree with the status: an approved record (1) is "
    "under construction, in use or unoccupied (state 1, 2 or 3); a provisional one (6) is "
    "1, 5, 6 or 7; a historic one (8) is 4 or 7. Fix: correct the status or the state so "
    "that they describe the object as it is on the ground.",
    fields=("logical_status",),
    messages={
        "no_status": "{address} has no logical status",
        "bad_status": "{address} has logical status {status}, which is not a valid code "
        "({codes})",
        "bad_state": "{address} has BLPU state {state}, which is not a valid code ({codes})",
        "state_clash": "{address} has logical status {status} with BLPU state {state}; "
        "status {status} allows state {allowed}",
    },
)
def status_state(ctx: Context) -> Finding:
    status = ctx.a["logical_status"].to_numpy()
    missing = np.isnan(status)
    invalid = ~missing & ~np.isin(status, LOGICAL_STATUSES)
    msgs = np.full(ctx.n, "", dtype=object)
    msgs[missing] = ctx.say("no_status", address=ctx.uprn_text[missing])
    msgs[invalid] = ctx.say(
        "bad_status",
        address=ctx.uprn_text[invalid],
        status=_codes(status[invalid]),
        codes=_list(LOGICAL_STATUSES),
    )
    bad = missing | invalid
    if "blpu_state" in ctx.a:
        state = ctx.a["blpu_state"].to_numpy()
        has_state = ~np.isnan(state) & ~bad
        bad_state = has_state & ~np.isin(state, BLPU_STATES)
        msgs[bad_state] = ctx.say(
            "bad_state",
            address=ctx.uprn_text[bad_state],
            state=_codes(state[bad_state]),
            codes=_list(BLPU_STATES),
        )
        bad |= bad_state
        for code, allowed in STATE_FOR_STATUS.items():
            clash = has_state & ~bad_state & (status == code) & ~np.isin(state, allowed)
            msgs[clash] = ctx.say(
                "state_clash",
                address=ctx.uprn_text[clash],
                status=code,
                state=_codes(state[clash]),
                allowed=_list(allowed),
            )
            bad |= clash
    return Finding.from_mask(bad, msgs[bad], ctx.n)


@rule(
    "A05",
    ERROR,
    "End date on a live record, or none on a historic one",
    "A record that is still current (logical status 1, 3, 5 or 6) has no end date; a record "
    "that has been retired or rejected (7, 8 or 9) must say when, with an end date. Fix: "
    "remove the end date from the live record (or retire it properly), or add the date the "
    "historic record ended.",
    fields=("logical_status", "end_date"),
    may_be_empty=("end_date",),
    messages={
        "live_ended": "{address} is live (logical status {status}) but has end date {end}",
        "ended_no_date": "{address} has logical status {status} (historic or rejected) but no "
        "end date",
    },
)
def end_date_status(ctx: Context) -> Finding:
    status = ctx.a["logical_status"].to_numpy()
    end = ctx.a["end_date"]
    has_end = (end.notna() | (ctx.a["end_date__raw"].str.strip() != "")).to_numpy()
    live_end = np.isin(status, LIVE_STATUSES) & has_end
    ended_none = np.isin(status, ENDED_STATUSES) & ~has_end
    msgs = np.full(ctx.n, "", dtype=object)
    msgs[live_end] = ctx.say(
        "live_ended",
        address=ctx.uprn_text[live_end],
        status=_codes(status[live_end]),
        end=ctx.a["end_date__raw"].to_numpy()[live_end],
    )
    msgs[ended_none] = ctx.say(
        "ended_no_date", address=ctx.uprn_text[ended_none], status=_codes(status[ended_none])
    )
    bad = live_end | ended_none
    checked = int(np.isin(status, LIVE_STATUSES + ENDED_STATUSES).sum())
    return Finding.from_mask(bad, msgs[bad], checked)


def date_problems(
    ctx: Context, frame: pd.DataFrame, keys: np.ndarray, today: pd.Timestamp, n: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """Unreadable dates, dates in the future and end before start, in *frame*'s date columns
    (messages from ``DATE_MESSAGES``)."""
    msgs: list[np.ndarray] = []
    bad = np.zeros(n, dtype=bool)
    checked = np.zeros(n, dtype=bool)
    names = [c for c in ("start_date", "end_date", "last_update_date", "state_date") if c in frame]
    for name in names:
        value, raw = frame[name], frame[f"{name}__raw"]
        has_raw = (raw.str.strip() != "").to_numpy()
        checked |= has_raw
        unreadable = has_raw & value.isna().to_numpy()
        future = (value > today).to_numpy()
        label = ctx.label(name)
        part = np.full(n, "", dtype=object)
        text = ctx.say("not_a_date", field=label, value=raw.to_numpy()[unreadable])
        part[unreadable] = cat("; ", text)
        part[future] = cat("; ", ctx.say("in_future", field=label, value=raw.to_numpy()[future]))
        msgs.append(part)
        bad |= unreadable | future
    if "start_date" in frame and "end_date" in frame:
        start, end = frame["start_date"], frame["end_date"]
        before = (end < start).to_numpy()
        part = np.full(n, "", dtype=object)
        text = ctx.say(
            "end_before_start",
            end=frame["end_date__raw"].to_numpy()[before],
            start=frame["start_date__raw"].to_numpy()[before],
        )
        part[before] = cat("; ", text)
        msgs.append(part)
        bad |= before
    joined = cat(*msgs) if msgs else np.full(n, "", dtype=object)
    return bad, ctx.problems(keys[bad], joined[bad]), int(checked.sum())


@rule(
    "A06",
    ERROR,
    "Dates unreadable, in the future, or end before start",
    "Start, end and last-update dates record when the object and its address came into and "
    "went out of use. A date in the future, a date that cannot be read (not YYYY-MM-DD), or "
    "an end date before the start date make the history impossible. Fix: enter the real "
    "dates as YYYY-MM-DD.",
    fields=("start_date",),
    messages=DATE_MESSAGES,
)
def address_dates(ctx: Context) -> Finding:
    today = pd.Timestamp(ctx.thresholds.today)
    bad, text, checked = date_problems(ctx, ctx.a, ctx.uprn_text, today, ctx.n)
    return Finding.from_mask(bad, text, checked)


@rule(
    "A11",
    WARNING,
    "Live address on a closed street",
    "A street with state 4 is permanently closed (no longer exists or is no longer "
    "maintained), so a live address (logical status 1, 3, 5 or 6) cannot be reached from it. "
    "Fix: move the address to the street that now serves it, or retire the address if the "
    "property has gone.",
    fields=("usrn", "logical_status"),
    needs=("streets.state",),
    messages={
        "closed_street": "{address} is live but its street, USRN {usrn}, is closed (state {state})"
    },
)
def closed_street(ctx: Context) -> Finding:
    assert ctx.s is not None
    street = ctx.address_street
    on_street = (street >= 0) & ctx.live
    state = np.full(ctx.n, np.nan)
    state[on_street] = ctx.s["state"].to_numpy()[street[on_street]]
    bad = on_street & (state == CLOSED_STREET_STATE)
    msg = ctx.say(
        "closed_street",
        address=ctx.uprn_text[bad],
        usrn=int_text(ctx.a["usrn"].to_numpy()[bad]),
        state=CLOSED_STREET_STATE,
    )
    return Finding.from_mask(bad, msg, int(on_street.sum()))


@rule(
    "S11",
    ERROR,
    "Street end date without state 4, or state 4 without an end date",
    "A street that has closed (state 4) records the date it closed in its end date, and only "
    "closed streets have an end date. Fix: set state 4 on the street that ended, or remove "
    "the end date from the street that is still open; add the end date to a closed street.",
    fields=("state", "end_date"),
    may_be_empty=("end_date",),
    messages={
        "end_not_closed": "{street} has end date {end} but state {state}, not {closed} (closed)",
        "closed_no_end": "{street} has state {closed} (closed) but no end date",
    },
)
def street_end_state(ctx: Context) -> Finding:
    assert ctx.s is not None
    state = ctx.s["state"].to_numpy()
    has_end = (ctx.s["end_date"].notna() | (ctx.s["end_date__raw"].str.strip() != "")).to_numpy()
    closed = state == CLOSED_STREET_STATE
    end_open = has_end & ~closed
    closed_none = closed & ~has_end
    msgs = np.full(len(state), "", dtype=object)
    keys = ctx.usrn_text
    msgs[end_open] = ctx.say(
        "end_not_closed",
        street=keys[end_open],
        end=ctx.s["end_date__raw"].to_numpy()[end_open],
        state=ctx.int_text(state[end_open]),
        closed=CLOSED_STREET_STATE,
    )
    msgs[closed_none] = ctx.say(
        "closed_no_end", street=keys[closed_none], closed=CLOSED_STREET_STATE
    )
    bad = end_open | closed_none
    return Finding.from_mask(bad, msgs[bad], len(state))


@rule(
    "S14",
    ERROR,
    "Street dates unreadable, in the future, or end before start",
    "A street's start, end and state dates must be real dates (YYYY-MM-DD), not in the "
    "future, and a street cannot end before it starts. Fix: enter the real dates.",
    fields=("start_date",),
    messages=DATE_MESSAGES,
)
def street_dates(ctx: Context) -> Finding:
    assert ctx.s is not None
    today = pd.Timestamp(ctx.thresholds.today)
    bad, text, checked = date_problems(ctx, ctx.s, ctx.usrn_text, today, len(ctx.s))
    return Finding.from_mask(bad, text, checked)
