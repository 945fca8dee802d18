"""The quality scorecard: a self-contained HTML page (inline CSS and SVG) a manager can open."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from .registry import ERROR, INFO, RULES, WARNING

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
TEMPLATE = "quality_report.html.j2"
COLOURS = {ERROR: "#c0392b", WARNING: "#e67e22", INFO: "#2980b9"}
PASS_COLOUR = "#2e8b57"
BANDS = ((99.0, "A", "excellent"), (97.0, "B", "good"), (93.0, "C", "fair"), (85.0, "D", "poor"))
CHART_WIDTH, BAR_HEIGHT, LABEL_WIDTH = 720, 18, 60


#: The grade words the page shows (translated like the page's own words).
GRADE_WORDS = (*(word for _limit, _letter, word in BANDS), "needs urgent work")


def band(score: float) -> tuple[str, str]:
    """Letter grade and word for an overall score in percent."""
    for limit, letter, word in BANDS:
        if score >= limit:
            return letter, word
    return "E", "needs urgent work"


def _chart(rows: pd.DataFrame, translate: Callable[[str], str]) -> dict:
    """Bar geometry of the per-rule pass rates, drawn by the template as inline SVG."""
    usable = CHART_WIDTH - LABEL_WIDTH - 60
    bars = []
    for i, row in enumerate(rows.itertuples()):
        share = float(row.pass_percent)
        passing = round(usable * share / 100.0, 1)
        bars.append(
            {
                "y": 10 + i * (BAR_HEIGHT + 6),
                "label": row.rule_id,
                "width": passing,  # the share that passes, in green
                "fail_x": LABEL_WIDTH + passing,  # the rest in the rule's severity colour
                "fail_width": round(usable - passing, 1),
                "colour": COLOURS.get(row.severity, "#7f8c8d"),
                "value": f"{share:.1f}%",
                "title": translate(row.title),
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": 20 + len(bars) * (BAR_HEIGHT + 6),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "usable": usable,
        "pass_colour": PASS_COLOUR,
    }


def _worst(issues: pd.DataFrame, by: list[str], limit: int) -> list[dict]:
    """Places with most problems: counts of errors, warnings and features concerned."""
    if issues.empty:
        return []
    frame = issues.assign(
        errors=(issues["severity"] == ERROR).astype(int),
        warnings=(issues["severity"] == WARNING).astype(int),
        key=issues["layer"] + ":" + issues["feature_key"].astype(str),
    )
    frame = frame[(frame[by[-1]].fillna("").astype(str).str.strip() != "")]
    if frame.empty:
        return []
    grouped = frame.groupby(by, dropna=False, sort=True).agg(
        issues=("rule_id", "size"),
        errors=("errors", "sum"),
        warnings=("warnings", "sum"),
        features=("key", "nunique"),
        rules=("rule_id", lambda s: ", ".join(sorted(set(s)))),
    )
    grouped = grouped.reset_index().sort_values(
        ["errors", "issues", *by], ascending=[False, False, *([True] * len(by))], kind="stable"
    )
    rows = grouped.head(limit).to_dict("records")
    for row in rows:  # missing keys (an address without a USRN) show as blanks
        for name in by:
            row[name] = "" if pd.isna(row[name]) else row[name]
    return rows


def render_report(
    issues: pd.DataFrame,
    summary: pd.DataFrame,
    title: str = "Gazetteer data quality",
    inputs: Mapping[str, str] | None = None,
    thresholds: Mapping[str, object] | None = None,
    worst: int = 10,
    translate: Callable[[str], str] | None = None,
    language: str = "en",
) -> str:
    """The HTML scorecard for *issues* and *summary* from ``run_checks``; *translate* puts
    the page's own words (``_("…")`` in the template) and the rules' titles and
    explanations in the reader's *language* (the Processing algorithm passes its ``tr``:
    core has no Qt); the messages come translated from the run."""
    translate = translate or (lambda text: text)
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    checked = summary[summary["status"] == "checked"].copy()
    total_checks = int(checked["checked"].sum())
    total_failures = int(checked["failures"].sum())
    score = 100.0 * (1 - total_failures / total_checks) if total_checks else 100.0
    letter, word = band(score)
    scored = checked[checked["checked"] > 0]
    rules = []
    for row in summary.itertuples():
        rule = RULES.get(row.rule_id)
        rules.append(
            {
                "id": row.rule_id,
                "severity": row.severity,
                "layer": row.layer,
                "title": translate(row.title),
                "status": row.status,
                "checked": int(row.checked),
                "failures": int(row.failures),
                "pass": "" if np.isnan(row.pass_percent) else f"{row.pass_percent:.1f}%",
                "explanation": translate(rule.explanation) if rule else "",
                "colour": COLOURS.get(row.severity, "#7f8c8d"),
            }
        )
    examples = (
        issues.groupby("rule_id", sort=True).head(3)[["rule_id", "message"]]
        if not issues.empty
        else pd.DataFrame(columns=["rule_id", "message"])
    )
    by_rule: dict[str, list[str]] = {}
    for row in examples.itertuples():
        by_rule.setdefault(row.rule_id, []).append(row.message)
    severity_counts = {
        s: int((issues["severity"] == s).sum()) if not issues.empty else 0
        for s in (ERROR, WARNING, INFO)
    }
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["_"] = translate  # the page's own words: {{ _("Scores by rule") }}
    return env.get_template(TEMPLATE).render(
        language=language,
        title=title,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        score=f"{score:.1f}",
        letter=letter,
        word=translate(word),
        total_checks=f"{total_checks:,}",
        total_failures=f"{total_failures:,}",
        rules_run=len(checked),
        rules_na=int(summary["status"].str.startswith("not applicable").sum()),
        severity_counts=severity_counts,
        colours=COLOURS,
        chart=_chart(scored, translate),
        rules=rules,
        examples=by_rule,
        worst_streets=_worst(issues, ["usrn", "street"], worst),
        worst_areas=_worst(issues, ["area"], worst),
        inputs=dict(inputs or {}),
        thresholds=dict(thresholds or {}),
    )


def write_report(path: str | Path, html: str) -> None:
    """Write the page as UTF-8."""
    Path(path).write_text(html, encoding="utf-8")
