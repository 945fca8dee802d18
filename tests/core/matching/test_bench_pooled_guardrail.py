"""The unseen suite's Review guardrail pooled over its cells: counts, not shares, added."""

from __future__ import annotations

from placelink.bench.matching.unseen import pooled_guardrail


def test_the_pooled_guardrail_adds_counts_per_generator_and_in_all() -> None:
    table = [  # (generator, cell, n, pl, uam, wrong queued, right queued, wrong, right)
        ("gazetteer", "all6", 5000, None, None, 0.5, 0.01, 4, 4000),
        ("gazetteer2", "all6", 5000, None, None, 6 / 8, 0.02, 8, 4000),
        ("gazetteer2", "v2", 5000, None, None, 0.0, 0.0, 0, 100),
    ]
    line = pooled_guardrail(table)
    assert "gazetteer 50.0 % of 4 wrong, 1.00 % of 4,000 right" in line
    assert "gazetteer2 75.0 % of 8 wrong, 1.95 % of 4,100 right" in line
    assert "all cells 66.7 % of 12 wrong, 1.48 % of 8,100 right" in line
