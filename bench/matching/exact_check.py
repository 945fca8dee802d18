"""The exact pass changes no decision: every record of every unseen cell (both generators,
``unseen.cells``; each also without its postcode, and with it at the end of its text only)
and every floor form, matched with the exact pass and with it turned off (every record
scored), must get the same status and UPRN.

    .venv/bin/python -m bench.matching.exact_check [--n 1500] [--gazetteer 10000]

Prints per generator how many records the exact pass answered and every record whose
decision differs (exit 1 if any).
"""

from __future__ import annotations

import argparse
import sys
import time

# isort: off
from . import run as _run  # noqa: F401  (puts the plugin on sys.path as ``placelink``)

# isort: on
from placelink.core.matching import Matcher
from placelink.core.matching.exact import EXACT_NOTES
from placelink.core.matching.index import PARENT_CLASSES, GazetteerIndex

from .gazetteer import to_components
from .records import generate_with
from .unseen import GENERATORS, cells, floor_forms


def compare(matcher: Matcher, texts: list[str], pcs: list[str]) -> tuple[int, list[tuple]]:
    """(records the exact pass answered, (text, postcode, scored, exact) of each record whose
    status or UPRN differs)."""
    matcher.exact_pass = False
    scored = matcher.match_batch(texts, pcs, workers=1)
    matcher.exact_pass = True
    fast = matcher.match_batch(texts, pcs, workers=1)
    answered = sum(r.match_reason in EXACT_NOTES for r in fast)
    diffs = [
        (t, p, (a.match_status, a.uprn), (b.match_status, b.uprn))
        for t, p, a, b in zip(texts, pcs, scored, fast)
        if (a.match_status, a.uprn) != (b.match_status, b.uprn)
    ]
    return answered, diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1500)
    ap.add_argument("--gazetteer", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    bad = 0
    for gen_name, make in GENERATORS.items():
        t = time.perf_counter()
        gazetteer = make(args.gazetteer, 1)
        components = to_components(gazetteer)
        matcher = Matcher(index=GazetteerIndex.build(gazetteer))
        texts: list[str] = []
        pcs: list[str] = []
        for rec in gazetteer:
            if not str(rec.get("classification") or "").upper().startswith(PARENT_CLASSES):
                for _form, text, code in floor_forms(rec):
                    texts.append(text)
                    pcs.append(code)
        for cell in cells():
            for r in generate_with(
                components, cell.fitted, cell.style, cell.controls, args.seed, args.n
            ):
                texts.extend([r.text, r.text, f"{r.text} {r.postcode}" if r.postcode else r.text])
                pcs.extend([r.postcode, None, None])  # its postcode; none; at the text's end
        answered, diffs = compare(matcher, texts, pcs)
        bad += len(diffs)
        print(
            f"{gen_name}: {len(texts)} records (floor forms and every unseen cell: with its "
            "postcode, without, at the text's end), "
            f"{answered} answered by the exact pass, {len(diffs)} decisions differ "
            f"({time.perf_counter() - t:.0f} s)"
        )
        for d in diffs[:20]:
            print("   ", " | ".join(map(str, d)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
