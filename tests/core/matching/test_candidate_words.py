"""The wider routes' word filters (``candidates._sharing_words``, ``_long_street``) look a
record's words up among the candidates only; they must keep exactly the entries the plain
definition keeps, for every kind of word (street words, name words, type words, unknown)."""

from __future__ import annotations

import random

import pytest
from placelink.core.matching import Matcher, candidates
from placelink.core.matching.index import GazetteerIndex
from placelink.core.parse import parse


@pytest.fixture(scope="module")
def index() -> GazetteerIndex:
    from placelink.bench.matching.gazetteer import build_council

    return GazetteerIndex.build(build_council(3000, seed=5))


def _vocabulary(index: GazetteerIndex) -> list[str]:
    words = {t for st in index.streets for t in st.full.split()}
    words |= {t for name in index.building_names for t in name.split()}
    return sorted(words | {"NOWHERE", "FLAT", "ZZZ"})


def _shares(index: GazetteerIndex, entry: int, words: set[str]) -> bool:
    """The plain definition: the entry's street name or one of its names has a record word."""
    sid = int(index.street[entry])
    if sid >= 0 and words & set(index.streets[sid].name.split()):
        return True
    return any(
        code > 0 and words & set(index.building_names[code].split())
        for code in (int(index.building_code[entry]), int(index.org_code[entry]))
    )


def test_sharing_words_keeps_what_the_definition_keeps(index: GazetteerIndex) -> None:
    rnd = random.Random(11)
    vocab = _vocabulary(index)
    n = len(index.uprn)
    kept_some = 0
    for _ in range(400):
        entries = set(rnd.sample(range(n), rnd.randint(1, 300)))
        words = set(rnd.sample(vocab, rnd.randint(0, 6)))
        got = candidates._sharing_words(index, entries, words)
        assert got == {e for e in entries if _shares(index, e, words)}
        kept_some += bool(got)
    assert kept_some > 100  # the draws exercise both outcomes


def test_long_street_keeps_flats_and_named_buildings(index: GazetteerIndex) -> None:
    rnd = random.Random(12)
    vocab = _vocabulary(index)
    matcher = Matcher(index=index)
    longest = sorted(index.by_street.values(), key=len)[-20:]
    flats = sorted(index.flat_codes)
    checked = 0
    for entries in longest:
        for _ in range(10):
            flat = rnd.choice(flats)
            ctx = candidates.context(index, matcher.corrector, parse(f"FLAT {flat}, 1 X ROAD"))
            words = set(rnd.sample(vocab, rnd.randint(0, 5)))
            got = candidates._long_street(index, ctx, entries, words)
            wanted = {r.flat for r in ctx.parsed.readings if r.flat}
            expect = [
                e
                for e in entries
                if index.flat[e] in wanted
                or (
                    int(index.building_code[e]) > 0
                    and words & set(index.building_names[int(index.building_code[e])].split())
                )
            ]
            assert got == expect
            checked += len(expect)
    assert checked > 0
