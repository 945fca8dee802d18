"""The area-by-area plan both ``--engine spark`` and ``--engine local --by-area`` run.

One postcode area's records are matched by one matcher of that area's addresses
(``match_area``: ``areas.area_matcher`` with the country's names, ``match_batch``, and for a
record matched in several areas its top two candidates with their points); the answers of
every area, one row per (record, area), are merged into one answer per record by
``merge`` (``routing.best_across_areas``). Spark runs ``match_area`` inside its executors
(``applyInPandas``), the local engine in a process pool; both merge with ``merge``.

Needs pandas (a base dependency), never pyspark or pyarrow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ..core.matching import MatchResult, Thresholds
from . import routing
from .routing import Evidence, Top

TOP_FIELDS = ("uprn", "points", "score", "possible", "full")

#: The columns of an area's answers (one row per record matched in the area), with their
#: Spark SQL types.
RESULT_COLUMNS = (
    ("rid", "long"),
    ("uprn", "long"),
    ("match_score", "double"),
    ("match_status", "string"),
    ("matched_address", "string"),
    ("match_reason", "string"),
    ("runner_up_uprn", "long"),
    ("margin", "double"),
    ("x", "double"),
    ("y", "double"),
    ("n_areas", "long"),  # the areas the record was matched in; with more than one, each
    # area's top two candidates with their points (``routing.Top``) decide between them
    *(
        (f"{which}_{name}", kind)
        for which in ("top", "second")
        for name, kind in (
            ("uprn", "long"),
            ("points", "double"),
            ("score", "double"),
            ("possible", "double"),
            ("full", "boolean"),
        )
    ),  # fmt: skip
    ("area_uprns", "long"),  # the area's gazetteer size and the Python worker's peak memory,
    ("worker_peak_kb", "long"),  # reported on the progress stream for sizing executors
)
RESULT_NAMES = [name for name, _ in RESULT_COLUMNS]
RESULT_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in RESULT_COLUMNS)
#: One record's merged answer (``merge_frame``): its id, the ``MatchResult`` fields, and
#: the largest area it was matched in and its worker's peak memory.
ANSWER_NAMES = [*RESULT_NAMES[:10], "area_uprns", "worker_peak_kb"]
ANSWER_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in RESULT_COLUMNS
                          if name in ANSWER_NAMES)  # fmt: skip


def peak_kb() -> int:
    """This process's peak resident memory in KB (0 where unknown): Linux's VmHWM, which
    starts afresh at exec (``ru_maxrss`` keeps the peak of the parent a spawned worker was
    forked from before its exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def gazetteer_records(gaz: pd.DataFrame) -> list[dict[str, object]]:
    """The matcher records of an area's gazetteer rows (canonical columns plus x/y)."""
    from ..core.matching.gazetteer_rows import gazetteer_record, matcher_fields

    fields = matcher_fields(list(gaz.columns))
    has_xy = "x" in gaz.columns and "y" in gaz.columns
    return [
        gazetteer_record(r, fields, r["x"] if has_xy else None, r["y"] if has_xy else None)
        for r in gaz.to_dict("records")
    ]


def match_area(
    records: Sequence[Mapping[str, object]],
    recs: pd.DataFrame,
    country: tuple[Mapping[str, str], Mapping[str, frozenset]],
    common: frozenset[str],
    thresholds: Thresholds,
    match_parents: bool = False,
) -> pd.DataFrame:
    """One area's answers (``RESULT_COLUMNS``): its gazetteer *records* in one matcher that
    knows the *country*'s names and *common* building-name words, matching *recs* (``rid``,
    ``text``, ``postcode``, ``n_areas``)."""
    from .areas import NO_CANDIDATE, area_evidence, area_matcher

    if recs.empty:
        return pd.DataFrame({name: [] for name in RESULT_NAMES})
    texts = recs["text"].tolist()
    postcodes = recs["postcode"].tolist()
    many = [k for k, n in enumerate(recs["n_areas"].tolist()) if n > 1]
    evidence: list[Evidence] = [(None, None)] * len(texts)
    if not records:
        results = [NO_CANDIDATE] * len(texts)
    else:
        matcher = area_matcher(records, country, thresholds, match_parents, common)
        results = matcher.match_batch(texts, postcodes, workers=1)
        found = area_evidence(
            matcher, [texts[k] for k in many], [postcodes[k] for k in many],
            [results[k] for k in many],
        )  # fmt: skip
        for k, ev in zip(many, found):
            evidence[k] = ev
    out = pd.DataFrame([r.as_dict() for r in results])
    out.insert(0, "rid", recs["rid"].to_numpy())
    out["n_areas"] = recs["n_areas"].to_numpy()
    for j, which in enumerate(("top", "second")):
        for name in TOP_FIELDS:
            out[f"{which}_{name}"] = pd.Series(
                [getattr(ev[j], name) if ev[j] is not None else None for ev in evidence],
                dtype="object",
            )
    out["area_uprns"] = len(records)
    out["worker_peak_kb"] = peak_kb()
    return out[RESULT_NAMES]


def _none(value: object) -> object:
    return None if value is None or pd.isna(value) else value


def _top(row: object, which: str) -> Top | None:
    uprn = _none(getattr(row, f"{which}_uprn"))
    if uprn is None:
        return None
    return Top(
        int(uprn),
        float(getattr(row, f"{which}_points")),
        float(getattr(row, f"{which}_score")),
        float(getattr(row, f"{which}_possible")),
        bool(getattr(row, f"{which}_full")),
    )


def result_of(row: object) -> MatchResult:
    uprn, runner = _none(row.uprn), _none(row.runner_up_uprn)
    return MatchResult(
        uprn=int(uprn) if uprn is not None else None,
        match_score=float(row.match_score),
        match_status=row.match_status,
        matched_address=row.matched_address or "",
        match_reason=row.match_reason,
        runner_up_uprn=int(runner) if runner is not None else None,
        margin=float(row.margin),
        x=_none(row.x),
        y=_none(row.y),
    )


def merge_rows(rows: Iterable[object], thresholds: Thresholds) -> dict[int, MatchResult]:
    """One ``MatchResult`` per record id from the per-area answer rows (named tuples of
    ``RESULT_COLUMNS``) of those records: every area's row of a record must be among
    them."""
    by_rid: dict[int, list[MatchResult]] = {}
    evidence: dict[int, list[Evidence]] = {}
    for row in rows:
        rid = int(row.rid)  # type: ignore[attr-defined]
        by_rid.setdefault(rid, []).append(result_of(row))
        if row.n_areas > 1:  # type: ignore[attr-defined]
            evidence.setdefault(rid, []).append((_top(row, "top"), _top(row, "second")))
    return {
        rid: routing.best_across_areas(found, thresholds, evidence.get(rid))
        for rid, found in by_rid.items()
    }


def merge(answers: pd.DataFrame, n: int, thresholds: Thresholds) -> list[MatchResult]:
    """One ``MatchResult`` per record id 0..n-1 from the per-area answers."""
    merged = merge_rows(answers.itertuples(index=False), thresholds)
    missing = [i for i in range(n) if i not in merged]
    if missing:
        raise RuntimeError(f"{len(missing)} records got no answer (first: {missing[0]})")
    return [merged[i] for i in range(n)]


def merge_frame(answers: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """``merge`` of every area's rows of some records (``RESULT_COLUMNS``), as one row per
    record (``ANSWER_NAMES``, by record id): what Spark's executors run, so the answers
    are never collected to the driver before they are merged."""
    if answers.empty:
        return pd.DataFrame({name: [] for name in ANSWER_NAMES})
    one = answers[answers["n_areas"] <= 1]
    many = answers[answers["n_areas"] > 1]
    parts = [one[ANSWER_NAMES]]
    if len(many):
        merged = merge_rows(many.itertuples(index=False), thresholds)
        stats = many.groupby("rid")[["area_uprns", "worker_peak_kb"]].max()
        rows = [{"rid": rid, **res.as_dict()} for rid, res in sorted(merged.items())]
        frame = pd.DataFrame(rows)
        frame["area_uprns"] = stats.loc[frame["rid"], "area_uprns"].to_numpy()
        frame["worker_peak_kb"] = stats.loc[frame["rid"], "worker_peak_kb"].to_numpy()
        parts.append(frame[ANSWER_NAMES])
    out = pd.concat(parts, ignore_index=True).sort_values("rid", kind="stable")
    return out.reset_index(drop=True)
