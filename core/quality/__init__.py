"""Gazetteer data-quality rules (GeoPlace-style checks) over canonical address/street columns."""

from .context import Thresholds
from .engine import ISSUE_COLUMNS, SUMMARY_COLUMNS, run_checks
from .registry import RULES, Finding, Rule, get_rule, ordered, select

__all__ = [
    "ISSUE_COLUMNS",
    "RULES",
    "SUMMARY_COLUMNS",
    "Finding",
    "Rule",
    "Thresholds",
    "get_rule",
    "ordered",
    "run_checks",
    "select",
]
