"""Write the quality-rules table into README.md from the rule registry (``make readme``).

The table sits between ``<!-- rules:start -->`` and ``<!-- rules:end -->``; a test checks
that README.md is up to date with the registry.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rules_table() -> str:
    sys.path.insert(0, str(ROOT / "build" / "pluginpath"))
    from placelink.core.quality import ordered

    lines = ["| id | severity | rule | what it means and how to fix it |", "|---|---|---|---|"]
    for rule in ordered():
        explanation = " ".join(rule.explanation.split()).replace("|", "/")
        lines.append(f"| {rule.id} | {rule.severity} | {rule.title} | {explanation} |")
    return "\n".join(lines)


def updated(readme: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{rules_table()}\n{END}{tail}"


def main() -> int:
    path = ROOT / "README.md"
    path.write_text(updated(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated the rules table in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
