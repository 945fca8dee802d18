"""Precision and recall of PlaceLink over a grid of decision thresholds (one matching pass).

    .venv/bin/python -m bench.matching.sweep [--profiles default,stress,nopostcode]

Matches every record once with all thresholds at zero (so each record keeps its best
candidate, score and margin), then applies each (min_score, min_margin) pair offline.
"""

from __future__ import annotations

import argparse

from .run import _plugin_on_path

_plugin_on_path()

from placelink.core.matching import Matcher, Thresholds  # noqa: E402

from .gazetteer import build_council, to_components  # noqa: E402
from .records import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profiles", default="default,stress,nopostcode")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scores", default="45,50,55,60,65,70")
    ap.add_argument("--margins", default="2,4,6,8,10")
    args = ap.parse_args()
    gazetteer = build_council()
    components = to_components(gazetteer)
    matcher = Matcher(gazetteer, thresholds=Thresholds(min_score=0, min_margin=0, min_ambiguous=0))
    for profile in args.profiles.split(","):
        records = generate(components, profile, args.seed)
        results = matcher.match_batch(
            [r.text for r in records], [r.postcode for r in records], workers=2
        )
        rows = [
            (r.truth, res.uprn, res.match_score, res.margin)
            for r, res in zip(records, results, strict=False)
            if not r.unresolvable
        ]
        print(f"\n{profile}: precision / recall % (rows: min_score, columns: min_margin)")
        margins = [float(m) for m in args.margins.split(",")]
        print("        " + "".join(f"{m:>16.0f}" for m in margins))
        for s in (float(x) for x in args.scores.split(",")):
            cells = []
            for m in margins:
                picked = [(t, u) for t, u, sc, mg in rows if u is not None and sc >= s and mg >= m]
                tp = sum(t == u for t, u in picked)
                cells.append(f"{100 * tp / max(len(picked), 1):7.2f}/{100 * tp / len(rows):6.2f}")
            print(f"{s:6.0f}  " + "  ".join(cells))


if __name__ == "__main__":
    main()
