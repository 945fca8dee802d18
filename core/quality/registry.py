"""The registry of data-quality rules: stable ids, severities, titles, explanations, checks."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .messages import COMMON_MESSAGES, placeholders

if TYPE_CHECKING:
    from .context import Context

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
ADDRESSES, STREETS = "addresses", "streets"


@dataclass
class Finding:
    """What one rule found: the failing rows of its layer, one message each, and the count checked.

    ``x``/``y`` (same length as ``rows``) place the issue when the feature's own point will not
    do (a street's issue is placed on its geometry by the engine unless the rule says where).
    """

    rows: np.ndarray
    messages: np.ndarray
    checked: int
    x: np.ndarray | None = None
    y: np.ndarray | None = None

    @classmethod
    def from_mask(
        cls,
        mask: np.ndarray | pd.Series,
        messages: pd.Series | Sequence[str] | np.ndarray,
        checked: int,
    ) -> Finding:
        """Rows where *mask* is true; *messages* holds one message per true row, in order."""
        rows = np.flatnonzero(np.asarray(mask, dtype=bool))
        texts = np.asarray(messages, dtype=object)
        if len(texts) != len(rows):
            raise ValueError(f"{len(texts)} messages for {len(rows)} failing rows")
        return cls(rows, texts, int(checked))

    @classmethod
    def none(cls, checked: int) -> Finding:
        """Nothing failed."""
        return cls(np.empty(0, dtype=np.int64), np.empty(0, dtype=object), int(checked))


@dataclass(frozen=True)
class Rule:
    """One data-quality rule.

    ``fields`` are columns of the rule's own layer it cannot work without; ``needs`` names other
    inputs: ``"streets"``, ``"boundary"``, ``"postcodes"`` or ``"streets.<column>"`` /
    ``"addresses.<column>"`` for a column of the other layer. A rule whose fields or inputs are
    absent, or whose fields are empty in every record (the source does not carry them: e.g.
    OS Open UPRN has no street or status), is reported as not applicable rather than run;
    ``may_be_empty`` names fields that must exist but may be empty everywhere.
    ``messages`` holds the templates of the rule's per-problem messages, by key, in English
    with named placeholders (``"{address} has no USRN"``); the check fills them in with
    ``ctx.say(key, address=…)`` for all failing rows at once, in the run's language.
    """

    id: str
    layer: str
    severity: str
    title: str
    explanation: str
    check: Callable[[Context], Finding] = field(repr=False, compare=False)
    fields: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    may_be_empty: tuple[str, ...] = ()
    #: The module of ``core/quality`` that holds the rule (``identity``, ``streets``…).
    family: str = ""
    messages: Mapping[str, str] = field(default_factory=dict, compare=False)


RULES: dict[str, Rule] = {}

_ID = re.compile(r"^[AS]\d{2}$")


def rule(
    id: str,
    severity: str,
    title: str,
    explanation: str,
    fields: Sequence[str] = (),
    needs: Sequence[str] = (),
    may_be_empty: Sequence[str] = (),
    messages: Mapping[str, str] | None = None,
) -> Callable[[Callable[[Context], Finding]], Callable[[Context], Finding]]:
    """Register the decorated check function as rule *id* (``A..`` addresses, ``S..`` streets)
    with the templates of its messages (see ``Rule``)."""
    if not _ID.match(id):
        raise ValueError(f"rule id {id!r} is not A00/S00")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {id}: severity {severity!r} is not one of {SEVERITIES}")
    templates = dict(messages or {})
    for key, template in templates.items():
        if key in COMMON_MESSAGES:
            raise ValueError(f"rule {id}: message key {key!r} is a shared message's")
        placeholders(template)  # a template whose placeholders cannot be read fails here

    def register(check: Callable[[Context], Finding]) -> Callable[[Context], Finding]:
        if id in RULES:
            raise ValueError(f"rule {id} is registered twice")
        layer = ADDRESSES if id.startswith("A") else STREETS
        RULES[id] = Rule(
            id,
            layer,
            severity,
            title,
            explanation,
            check,
            tuple(fields),
            tuple(needs),
            tuple(may_be_empty),
            check.__module__.rsplit(".", 1)[-1],
            templates,
        )
        return check

    return register


def get_rule(rule_id: str) -> Rule:
    """The rule with id *rule_id* (``A20``, ``s03``): its title, explanation (what it
    means and how to fix it), severity, layer, needs and the family module that holds its
    check. KeyError naming the known ids when there is none."""
    found = RULES.get(str(rule_id).strip().upper())
    if found is None:
        raise KeyError(f"no data-quality rule {rule_id!r} (known: {', '.join(sorted(RULES))})")
    return found


def ordered() -> list[Rule]:
    """Every registered rule, addresses first, by id."""
    return [RULES[key] for key in sorted(RULES)]


def select(spec: str | Sequence[str] | None) -> list[Rule]:
    """The rules named by *spec*: ``None``/empty for all, else ids, ranges and wildcards.

    ``"A01,A05-A08,S*"`` or ``["A01", "S03"]``; case-insensitive; an unknown id raises
    ValueError naming it.
    """
    if spec is None:
        return ordered()
    items = re.split(r"[,;\n]+", spec) if isinstance(spec, str) else list(spec)
    items = [item.strip().upper() for item in items if item and item.strip()]
    if not items:
        return ordered()
    ids = sorted(RULES)
    chosen: set[str] = set()
    for item in items:
        item = item.split("—")[0].replace(" ", "")  # also accept "A01 — Duplicate UPRN"
        if item in ("*", "ALL"):
            chosen.update(ids)
        elif item.endswith("*"):
            prefix = item[:-1]
            matched = [i for i in ids if i.startswith(prefix)]
            if not matched:
                raise ValueError(f"no rule matches {item!r}")
            chosen.update(matched)
        elif "-" in item:
            low, high = (part.strip() for part in item.split("-", 1))
            for end in (low, high):
                if end not in RULES:
                    raise ValueError(f"unknown rule id {end!r} in {item!r}")
            chosen.update(i for i in ids if low <= i <= high)
        elif item in RULES:
            chosen.add(item)
        else:
            raise ValueError(f"unknown rule id {item!r} (known: {', '.join(ids)})")
    return [RULES[i] for i in ids if i in chosen]


# Importing the rule families registers their rules (they import ``rule`` from this module).
from . import (  # noqa: E402
    classification,
    hierarchy,
    identity,
    lifecycle,
    location,
    numbering,
    postcodes,
    streets,
    text,
)

__all__ = [
    "ADDRESSES",
    "ERROR",
    "INFO",
    "RULES",
    "SEVERITIES",
    "STREETS",
    "WARNING",
    "Finding",
    "Rule",
    "classification",
    "get_rule",
    "hierarchy",
    "identity",
    "lifecycle",
    "location",
    "numbering",
    "ordered",
    "postcodes",
    "rule",
    "select",
    "streets",
    "text",
]
