"""Run the selected rules over a gazetteer: one issue row per problem, one summary row per rule."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from time import perf_counter

import numpy as np
import pandas as pd

from .context import Context, Thresholds, normalised_postcodes
from .registry import ADDRESSES, Finding, Rule, select

ISSUE_COLUMNS = (
    "rule_id",
    "severity",
    "title",
    "message",
    "layer",
    "feature_key",
    "usrn",
    "street",
    "area",
    "source_ref",
    "x",
    "y",
)
SUMMARY_COLUMNS = (
    "rule_id",
    "severity",
    "layer",
    "title",
    "status",
    "checked",
    "failures",
    "pass_percent",
    "seconds",
)
CHECKED, NOT_APPLICABLE, CANCELLED = "checked", "not applicable", "cancelled"

Progress = Callable[[int, int, Rule], None]


class _Labels:
    """Per-feature columns every issue carries (key, street, area), computed once per layer."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._address: dict[str, np.ndarray] | None = None
        self._street: dict[str, np.ndarray] | None = None

    def _col(self, frame: pd.DataFrame, name: str, numeric: bool) -> np.ndarray:
        if name in frame:
            return frame[name].to_numpy()
        return np.full(len(frame), np.nan if numeric else "", dtype=float if numeric else object)

    def address(self) -> dict[str, np.ndarray]:
        if self._address is None:
            a = self.ctx.a
            area = np.full(len(a), "", dtype=object)
            if "postcode" in a:
                norm = normalised_postcodes(self.ctx)
                area = norm.str[:-2].fillna("").to_numpy(dtype=object)
            if "town" in a:
                area = np.where(area == "", a["town"].str.strip().to_numpy(), area)
            self._address = {
                "feature_key": self.ctx.uprn,
                "usrn": self._col(a, "usrn", True),
                "street": self._col(a, "street_description", False),
                "area": area,
                "source_ref": a["source_ref"].to_numpy(),
                "x": a["x"].to_numpy(),
                "y": a["y"].to_numpy(),
            }
        return self._address

    def street(self) -> dict[str, np.ndarray]:
        if self._street is None:
            s = self.ctx.s
            assert s is not None
            x, y = self.ctx.street_anchor
            usrn = self._col(s, "usrn", True)
            self._street = {
                "feature_key": usrn,
                "usrn": usrn,
                "street": self._col(s, "street_description", False),
                "area": self._col(s, "town", False),
                "source_ref": s["source_ref"].to_numpy(),
                "x": x,
                "y": y,
            }
        return self._street


def _issues(rule: Rule, finding: Finding, labels: _Labels) -> pd.DataFrame:
    rows = finding.rows
    base = labels.address() if rule.layer == ADDRESSES else labels.street()
    data: dict[str, object] = {
        "rule_id": rule.id,
        "severity": rule.severity,
        "title": rule.title,
        "message": finding.messages,
        "layer": rule.layer,
    }
    for name, values in base.items():
        data[name] = values[rows]
    if finding.x is not None and finding.y is not None:
        data["x"], data["y"] = np.asarray(finding.x, float), np.asarray(finding.y, float)
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(rows)))
    for name in ("feature_key", "usrn"):
        frame[name] = frame[name].astype("Int64")
    return frame


def _summary_row(rule: Rule, status: str, checked: int, failures: int, seconds: float) -> dict:
    share = 100.0 * (checked - failures) / checked if checked else np.nan
    return {
        "rule_id": rule.id,
        "severity": rule.severity,
        "layer": rule.layer,
        "title": rule.title,
        "status": status,
        "checked": checked,
        "failures": failures,
        "pass_percent": round(share, 2) if checked else np.nan,
        "seconds": round(seconds, 3),
    }


def run_checks(
    addresses: pd.DataFrame,
    streets: pd.DataFrame | None = None,
    boundary: object | None = None,
    postcodes: pd.DataFrame | None = None,
    rules: str | Sequence[str] | None = None,
    thresholds: Thresholds | Mapping[str, object] | None = None,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    translate: Callable[[str], str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check *addresses* (and *streets*) against the chosen rules.

    addresses: canonical address columns (optional ones may be absent) plus ``x``, ``y`` and,
    to make messages specific, ``source_ref`` ("line 3 of file.csv"). streets: canonical
    street columns plus ``geometry`` (shapely). boundary: a shapely (Multi)Polygon. postcodes:
    ``postcode``, ``x``, ``y``. rules: ids, ranges or wildcards (``"A01,A05-A08,S*"``), None
    for all. Returns (issues, summary): one issue per failing record per rule, ordered by
    rule then record; one summary row per chosen rule, with "not applicable" and the reason
    when the inputs or fields it needs are absent. thresholds: a Thresholds, or a mapping of
    some of its field names (``{"street_distance": 100}``). translate: English message
    template → the same in the reader's language (the Processing algorithm passes its ``tr``;
    see ``messages``); the messages are in English without it.
    """
    if isinstance(thresholds, Mapping):
        thresholds = Thresholds(**thresholds)  # type: ignore[arg-type]
    ctx = Context(addresses, streets, boundary, postcodes, thresholds, translate)
    chosen = select(rules)
    labels = _Labels(ctx)
    issue_frames: list[pd.DataFrame] = []
    summary: list[dict] = []
    for index, rule in enumerate(chosen):
        if is_cancelled is not None and is_cancelled():
            summary.extend(_summary_row(r, CANCELLED, 0, 0, 0.0) for r in chosen[index:])
            break
        reason = ctx.missing_inputs(rule.layer, rule.fields, rule.needs, rule.may_be_empty)
        if reason:
            summary.append(_summary_row(rule, f"{NOT_APPLICABLE}: {reason}", 0, 0, 0.0))
        else:
            start = perf_counter()
            ctx.rule = rule
            try:
                finding = rule.check(ctx)
            finally:
                ctx.rule = None
            if len(finding.rows):
                issue_frames.append(_issues(rule, finding, labels))
            elapsed = perf_counter() - start
            summary.append(_summary_row(rule, CHECKED, finding.checked, len(finding.rows), elapsed))
        if progress is not None:
            progress(index + 1, len(chosen), rule)
    if issue_frames:
        issues = pd.concat(issue_frames, ignore_index=True)
    else:
        issues = pd.DataFrame({c: pd.Series(dtype=object) for c in ISSUE_COLUMNS})
    return issues.loc[:, list(ISSUE_COLUMNS)], pd.DataFrame(summary, columns=list(SUMMARY_COLUMNS))
