"""Vectorised scoring of many (record, candidate) pairs at once.

The same rules as ``scoring.Scorer`` (the reference, used for explanations and type-ahead),
computed with numpy over all pairs of a batch: text similarities once per unique
(record, street) and (record, building name), numbers and flats per (pair, reading).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from ..normalise import is_street_type
from ..parse import flat_digits, floor_keys_near, is_floor_key
from .candidates import has_house
from .index import GazetteerIndex
from .names import other_town, town_with_street
from .scoring import (
    EXTENDED_NAME_SIM,
    ORG_LACKING_SIM,
    OTHER_NUMBER_NAME_SIM,
    SCATTERED_NAME_SIM,
    SHADOWED_STREET_SIM,
    STREET_ONLY_NAME_SIM,
    Scorer,
    Weights,
    all_written,
    lacks_name_word,
    name_extended,
    name_extenders,
    name_in_words,
    names_shorter,
    numbers_written,
    shortened_sim,
    sub_building_words,
    unit_kinds,
    written_apart,
)

_UNSEEN = -7  # a record flat or suffix the gazetteer never uses: equal to nothing


@dataclass
class PairScores:
    """Per pair: points, best possible points, score 0-100 and the reading used."""

    points: np.ndarray
    possible: np.ndarray
    score: np.ndarray
    reading: np.ndarray


@dataclass
class Tables:
    """Per-street and per-name facts the batch scorer reads, built once per index."""

    full: list[str]
    name: list[str]
    name_words: list[list[str]]
    type: list[str]
    full_words: list[frozenset[str]]
    locality: list[str]
    town: list[str]
    #: building/organisation name code → its words without ``THE``
    name_toks: list[tuple[str, ...]]
    #: name code → id of its first word (-1: none)
    first_id: np.ndarray
    #: sorted ``first word id * n_streets + street`` for names whose first word is in the
    #: street's name (a shortened building name that is really the street)
    first_in_street: np.ndarray
    #: flat code → words of a named part of a building (``scoring.sub_building_words``)
    flat_words: list[tuple[str, ...]]
    #: sorted ``name code * n_streets + street`` for names sharing a word with their
    #: street's name (``FAIRVIEW``, ``FAIRVIEW LANE``: ``scoring.written_apart``)
    name_in_street: np.ndarray


def tables_of(index: GazetteerIndex) -> Tables:
    """The index's ``Tables`` (built on first use, kept on the index, never pickled)."""
    cached = index.__dict__.get("_batch_tables")
    if cached is not None:
        return cached
    streets = index.streets
    n_streets = max(len(streets), 1)
    name_toks = [tuple(t for t in name.split() if t != "THE") for name in index.building_names]
    ids: dict[str, int] = {}
    first_id = np.asarray(
        [ids.setdefault(t[0], len(ids)) if t else -1 for t in name_toks], dtype=np.int64
    )
    keys = {
        ids[t] * n_streets + sid
        for sid, st in enumerate(streets)
        for t in st.name.split()
        if t in ids
    }
    tables = Tables(
        full=[st.full for st in streets],
        name=[st.name for st in streets],
        name_words=[st.name.split() for st in streets],
        type=[st.type for st in streets],
        full_words=[frozenset(st.full.split()) for st in streets],
        locality=[st.locality for st in streets],
        town=[st.town for st in streets],
        name_toks=name_toks,
        first_id=first_id,
        first_in_street=np.asarray(sorted(keys), dtype=np.int64),
        flat_words=_flat_words(index),
        name_in_street=_name_in_street(
            index, name_toks, name_words_of=[st.name.split() for st in streets]
        ),
    )
    index.__dict__["_batch_tables"] = tables
    return tables


def _flat_words(index: GazetteerIndex) -> list[tuple[str, ...]]:
    """Per flat code, the words of a named part of a building (() for other keys)."""
    out: list[tuple[str, ...]] = [()] * (len(index.flat_codes) + 1)
    for flat, code in index.flat_codes.items():
        out[code] = sub_building_words(flat)
    return out


def _name_in_street(
    index: GazetteerIndex, name_toks: list[tuple[str, ...]], name_words_of: list[list[str]]
) -> np.ndarray:
    """Sorted keys ``name code * n_streets + street`` of the index's (name, street) pairs
    whose name shares a word with the street's name."""
    n_streets = max(len(index.streets), 1)
    street = index.street.astype(np.int64)
    keys = []
    for codes in (index.building_code, index.org_code):
        c = codes.astype(np.int64)
        has = c > 0
        keys.append(np.unique(c[has] * n_streets + street[has]))
    pairs = np.unique(np.concatenate(keys)) if keys else np.zeros(0, np.int64)
    out = [
        k
        for k, code, sid in zip(
            pairs.tolist(), (pairs // n_streets).tolist(), (pairs % n_streets).tolist()
        )
        if set(name_toks[code]) & set(name_words_of[sid])
    ]
    return np.asarray(out, dtype=np.int64)


def _named_parts(
    tables: Tables, scorers: list[Scorer], rec: np.ndarray, c_flat: np.ndarray
) -> np.ndarray:
    """Per row, whether the record writes every word of the candidate's named part of a
    building (``Scorer.names_part``), once per unique (record, flat code)."""
    out = np.zeros(len(c_flat), dtype=bool)
    words = tables.flat_words
    has = np.asarray([bool(words[c]) for c in c_flat.tolist()], dtype=bool) if len(c_flat) else out
    if not has.any():
        return out
    n_codes = max(len(words), 1)
    uniq, inv = np.unique(rec[has] * n_codes + c_flat[has], return_inverse=True)
    named = np.asarray(
        [
            all(t in scorers[k].word_set for t in words[c])
            for k, c in zip((uniq // n_codes).tolist(), (uniq % n_codes).tolist())
        ],
        dtype=bool,
    )
    out[has] = named[inv]
    return out


def _type_after(
    words: list[str], name: list[str], stype: str, place_words: set[str]
) -> tuple[str, bool]:
    """``Scorer._type_after_name`` on precomputed words (see there)."""
    k = len(name)
    standing = False
    first = name[0]
    for i in range(len(words) - k + 1):
        if words[i] != first or words[i : i + k] != name:
            continue
        nxt = words[i + k] if i + k < len(words) else ""
        if nxt == stype:
            return "", True
        if stype and nxt and is_street_type(nxt):
            return nxt, True
        if not nxt or nxt in place_words:
            standing = True
    return "", standing


def _places(
    index: GazetteerIndex,
    tables: Tables,
    named: set[str],
    sid: int,
    w: Weights,
    spelled_towns: frozenset[str] = frozenset(),
    street_written: bool = True,
) -> float:
    """``Scorer.places_part`` points (*street_written*: the record writes the street, or
    the address has none)."""
    loc, town = tables.locality[sid], tables.town[sid]
    omits = bool(loc) and street_written
    if not named:
        return w.locality_omitted if omits else 0.0
    mine = {p for p in (loc, town) if p}
    if not named & mine:
        if town_with_street(named, spelled_towns):
            return w.place_contradiction + w.named_town_street
        return w.place_contradiction
    if other_town(index, named, index.streets[sid], spelled_towns):
        return w.town_contradiction
    pts = w.place_agree
    if omits and loc not in named:
        pts += w.locality_omitted_named
    if any(index.places.get(p) == "locality" for p in named - mine):
        pts += w.locality_contradiction
    return pts


#: Place points kept per index before the memo is emptied.
PLACE_MEMO_SIZE = 200_000


def _place_memo(
    index: GazetteerIndex, w: Weights
) -> dict[tuple[frozenset[str], frozenset[str], int, bool], float]:
    """``_places`` points by (places named, towns spelled, street, street written), kept on
    the index for weights *w* (records name the same places; emptied when large)."""
    kept = index.__dict__.get("_place_memo")
    if kept is None or kept[0] is not w or len(kept[1]) > PLACE_MEMO_SIZE:
        kept = index.__dict__["_place_memo"] = (w, {})
    return kept[1]


def _street_columns(
    index: GazetteerIndex,
    tables: Tables,
    scorers: list[Scorer],
    rec: np.ndarray,
    sid: np.ndarray,
    w: Weights,
) -> list[np.ndarray]:
    """Street points, its best possible, place points and leftover words (0/1) per pair,
    computed once per unique (record, street); the rules of ``Scorer.street_part``,
    ``places_part`` and ``_leftover``."""
    n_streets = max(len(index.streets), 1)
    uniq, inv = np.unique(rec * n_streets + sid, return_inverse=True)
    ks = uniq // n_streets
    ss = (uniq % n_streets).tolist()
    bounds = np.searchsorted(ks, np.arange(len(scorers) + 1)).tolist()
    s_pts: list[float] = []
    s_max: list[float] = []
    pl_pts: list[float] = []
    left: list[float] = []
    place_cache = _place_memo(index, w)
    full, names, name_words, types, full_words = (
        tables.full, tables.name, tables.name_words, tables.type, tables.full_words
    )  # fmt: skip
    smax, smin = w.street_max, w.street_min
    for k, sc in enumerate(scorers):
        a, b = bounds[k], bounds[k + 1]
        if a == b:
            continue
        ctx = sc.ctx
        words, ws, pw = ctx.words, sc.word_set, sc._place_words
        has_text = bool(ctx.text)
        text = sc.street_text
        named = ctx.streets
        rest, named_rest = sc.unstreet_words()
        places = frozenset(ctx.places)
        left_of = sc._left  # (kept on the record's Scorer, as its street similarities are)
        sim_of = sc._street_sim
        for s in ss[a:b]:
            f = full[s]
            if not f:
                sp, sm = 0.0, 0.0
            elif not has_text:
                sp, sm = w.street_absent, 0.0
            else:
                got = sim_of.get(s)
                if got is None:
                    sim_full = fuzz.partial_ratio(f, text) if text else 0.0
                    sim = sim_full
                    nw = name_words[s]
                    stype = types[s]
                    if nw and nw[0] in ws:
                        other, name_ok = _type_after(words, nw, stype, pw)
                    else:
                        other, name_ok = "", False
                    if stype and sim_full < 95 and name_ok:
                        sim = max(sim, min(92.0, fuzz.partial_ratio(names[s], text)))
                    if s in sc.shadowed:
                        sim = min(sim, SHADOWED_STREET_SIM)
                    # (the Scorer's street_part, explaining the top's street, reuses it)
                    sim_of[s] = (sim, other)
                else:
                    sim, other = got
                sm = smax
                if other:
                    pts = (sim - 75.0) * 0.9 + w.street_type_contradiction
                elif sim >= 80:
                    pts = (sim - 75.0) * 0.9
                elif named and s not in named:
                    pts = w.street_other
                else:
                    pts, sm = w.street_absent, 0.0
                sp = max(smin, min(smax, pts))
            s_pts.append(sp)
            s_max.append(sm)
            written = sp > 0 or not f
            pk = (places, sc.spelled_towns, s, written)
            pl = place_cache.get(pk)
            if pl is None:
                pl = _places(index, tables, ctx.places, s, w, sc.spelled_towns, written)
                place_cache[pk] = pl
            pl_pts.append(pl)
            lw = left_of.get(s)
            if lw is None:  # Scorer._left_words on the words kept above
                fw = full_words[s]
                lw = 0 if rest <= fw else (2 if named_rest - fw else 1)
                if lw != 2 and sc.names_street_building(s):
                    lw = 2  # the record names a building of this street
                left_of[s] = lw
            left.append(lw)
    return [np.asarray(c, dtype=np.float64)[inv] for c in (s_pts, s_max, pl_pts, left)]


def _name_similarity(
    index: GazetteerIndex,
    tables: Tables,
    scorers: list[Scorer],
    rec: np.ndarray,
    code: np.ndarray,
    sid: np.ndarray,
) -> np.ndarray:
    """``Scorer.building_part`` per pair for name codes *code* (0: no name, similarity 0):
    the fuzzy part once per unique (record, name), the street rule vectorised."""
    out = np.zeros(len(code), dtype=np.float64)
    has = code > 0
    if not has.any():
        return out
    r, c, s = rec[has], code[has], sid[has]
    n_names = max(len(index.building_names), 1)
    uniq, inv = np.unique(r * n_names + c, return_inverse=True)
    n_uniq = len(uniq)
    # (Python lists while looping, arrays after: no numpy scalar per name)
    base_l = [0.0] * n_uniq
    short_l = [False] * n_uniq
    short_sim_l = [0.0] * n_uniq
    all_in_l = [-1.0] * n_uniq
    extended_l = [False] * n_uniq
    other_number_l = [False] * n_uniq
    names, toks_of = index.building_names, tables.name_toks
    extenders = name_extenders(index)
    for j, (k, cd) in enumerate(zip((uniq // n_names).tolist(), (uniq % n_names).tolist())):
        sc = scorers[k]
        toks = toks_of[cd]
        # (first-word checks below skip calls that cannot hold: a name none of whose
        # spellings starts with a record word is neither written in full nor extended)
        ws = sc.word_set
        words = sc.ctx.words
        if toks and toks[0] in ws:
            extended_l[j] = name_extended(words, toks, extenders)
        other_number_l[j] = not numbers_written(toks, sc.written_numbers)
        if toks and toks[0] in sc.name_words and all_written(toks, sc.name_words, words):
            # every word written: this similarity stands whatever the fuzzy one
            all_in_l[j] = name_in_words(list(toks), words)
            continue
        text = sc.ctx.text
        name = names[cd]
        sim_j = sc._name_fuzz.get(name)
        if sim_j is None:  # (kept on the record's Scorer: its building_part reuses it)
            sim_j = sc._name_fuzz[name] = fuzz.partial_ratio(name, text) if text else 0.0
        if toks:
            if sim_j > SCATTERED_NAME_SIM and lacks_name_word(list(toks), ws, words):
                sim_j = SCATTERED_NAME_SIM
            if (
                toks[0] in sc.free_words
                and len(toks[0]) >= 4
                and not names_shorter(toks, words, index)
            ):
                short_l[j] = True
                short_sim_l[j] = shortened_sim(toks, ws, words)
        base_l[j] = sim_j
    base = np.asarray(base_l, dtype=np.float64)
    short = np.asarray(short_l, dtype=bool)
    short_sim = np.asarray(short_sim_l, dtype=np.float64)
    all_in = np.asarray(all_in_l, dtype=np.float64)
    extended = np.asarray(extended_l, dtype=bool)
    sim = base[inv]
    sh = short[inv]
    if sh.any():  # the first word counts unless it is the candidate street's own word
        n_streets = max(len(index.streets), 1)
        key = tables.first_id[c[sh]] * n_streets + s[sh]
        ref = tables.first_in_street
        if len(ref):
            pos = np.minimum(np.searchsorted(ref, key), len(ref) - 1)
            found = ref[pos] == key
        else:
            found = np.zeros(len(key), dtype=bool)
        idx = np.flatnonzero(sh)[~found]
        sim[idx] = np.maximum(sim[idx], short_sim[inv][idx])
    sim = np.where(all_in[inv] >= 0, all_in[inv], sim)
    sim = np.where(extended[inv], np.minimum(sim, EXTENDED_NAME_SIM), sim)
    ref = tables.name_in_street
    if len(ref):  # a name the record writes only as its street's name
        n_streets = max(len(index.streets), 1)
        key = c * n_streets + s
        pos = np.minimum(np.searchsorted(ref, key), len(ref) - 1)
        for j in np.flatnonzero((ref[pos] == key) & (sim > STREET_ONLY_NAME_SIM)).tolist():
            sc = scorers[int(r[j])]
            if not written_apart(sc.ctx.words, toks_of[int(c[j])], tables.name_words[int(s[j])]):
                sim[j] = STREET_ONLY_NAME_SIM
    other_number = np.asarray(other_number_l, dtype=bool)[inv]
    sim = np.where(other_number, np.minimum(sim, OTHER_NUMBER_NAME_SIM), sim)
    out[has] = sim
    return out


def _near_flats(
    index: GazetteerIndex,
    r_key: Sequence[str],
    row_reading: np.ndarray,
    e: np.ndarray,
    rf: np.ndarray,
    rfn: np.ndarray,
    rff: np.ndarray,
    c_flat: np.ndarray,
    c_floor: np.ndarray,
) -> np.ndarray:
    """Per row: the record's flat and the candidate's differ but may be one flat
    (``Scorer.flat_part``): ``1A`` and ``1`` a letter apart; floor keys that leave out
    what the other gives (``parse.floor_keys_near``)."""
    near = (rfn >= 0) & (rfn == index.flat_number[e]) & ~rff
    both = np.flatnonzero(rff & c_floor & (c_flat != rf))
    if len(both):
        flats = index.flat
        near[both] = [
            floor_keys_near(r_key[k], flats[j])
            for k, j in zip(row_reading[both].tolist(), e[both].tolist())
        ]
    return near


#: A record's scalars and its readings' columns as ``PairBatch`` reads them.
RecordFacts = tuple[tuple, list[tuple]]


def _record_facts(index: GazetteerIndex, sc: Scorer, w: Weights) -> RecordFacts:
    """(postcode codes, postcode and place maxima, number of readings, written house number,
    unit word, unit kind), then per reading (flat key, unnumbered, flat code, flat digits,
    floor key, number, suffix code, end, weight): kept on the record's Scorer."""
    kept = sc.__dict__.get("_batch_facts")
    if kept is not None and kept[0] is w:
        return kept[1]
    parsed = sc.ctx.parsed
    readings = parsed.readings
    flat_codes, suffix_codes = index.flat_codes, index.suffix_codes
    rows = [
        (
            r.flat,
            r.unnumbered,
            flat_codes.get(r.flat, _UNSEEN) if r.flat else 0,
            flat_digits(r.flat) if r.flat else -1,
            is_floor_key(r.flat),
            -1 if r.number is None else r.number,
            suffix_codes.get(r.suffix, _UNSEEN) if r.suffix else 0,
            -1 if r.end is None else r.end,
            r.weight,
        )
        for r in readings
    ]
    head = (
        *sc.pc_codes,
        sc.pc_max,
        w.place_agree if sc.ctx.places else 0.0,
        len(readings),
        -1 if parsed.number is None else parsed.number,
        parsed.unit_word,
        sc.unit_kind,
    )
    facts = (head, rows)
    sc.__dict__["_batch_facts"] = (w, facts)
    return facts


class PairBatch:
    """Many (record, candidate) pairs: the cheap parts (numbers, flats, postcode) computed
    for all pairs at once, an upper bound of every pair's points, and the exact points of
    any subset (``exact``), which adds the text similarities."""

    def __init__(
        self,
        index: GazetteerIndex,
        scorers: list[Scorer],
        rec: np.ndarray,
        ent: np.ndarray,
        w: Weights,
    ) -> None:
        self.index, self.scorers, self.w = index, scorers, w
        self.rec = rec = rec.astype(np.int64)
        self.ent = ent = ent.astype(np.int64)
        n_pairs = len(ent)
        bcode = index.building_code[ent].astype(np.int64)
        ocode = index.org_code[ent].astype(np.int64)
        self.bcode, self.ocode = bcode, ocode
        self._names: tuple[np.ndarray, np.ndarray] | None = None

        # per record (kept on its Scorer: the wider routes' batch meets it again)
        facts = [_record_facts(index, sc, w) for sc in scorers]
        pc0, pc1, pc2, pc3, pc_max, place_max, n_read, written_of, unit_of, kind_of = zip(
            *[f[0] for f in facts]
        )

        # postcode
        rec_pc = np.array(pc0, dtype=np.int64)[rec]
        rec_sec = np.array(pc1, dtype=np.int64)[rec]
        rec_dis = np.array(pc2, dtype=np.int64)[rec]
        has_rec_pc = np.array(pc3, dtype=bool)[rec]
        c_pc = index.postcode_code[ent]
        self.p_pts = np.select(
            [
                ~has_rec_pc,
                c_pc < 0,
                c_pc == rec_pc,
                index.sector_code[ent] == rec_sec,
                index.district_code[ent] == rec_dis,
            ],
            [0.0, 0.0, w.postcode_exact, w.postcode_sector, w.postcode_district],
            w.postcode_other,
        )
        self.p_max = np.array(pc_max, dtype=np.float64)[rec]
        self.place_max = np.array(place_max, dtype=np.float64)[rec]

        # readings: one row per (pair, reading); everything but the building similarity
        counts = np.array(n_read, dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        r_key, r_unnum, r_flat, r_fnum, r_floor, r_num, r_suf, r_end, r_wt = zip(
            *[row for f in facts for row in f[1]]
        )
        r_flat_a, r_num_a, r_suf_a, r_end_a = (
            np.asarray(x, dtype=np.int64) for x in (r_flat, r_num, r_suf, r_end)
        )
        r_floor_a, r_wt_a = np.asarray(r_floor, dtype=bool), np.asarray(r_wt, dtype=np.float64)
        r_fnum_a = np.asarray(r_fnum, dtype=np.int64)

        self.m = m = counts[rec]
        self.row_pair = row_pair = np.repeat(np.arange(n_pairs), m)
        self.offsets = np.arange(len(row_pair)) - np.repeat(np.cumsum(m) - m, m)
        rec_row = rec[row_pair]
        row_reading = starts[rec_row] + self.offsets
        e = ent[row_pair]
        c_num = index.number[e].astype(np.int64)
        c_suf = index.suffix_code[e].astype(np.int64)
        c_end = index.end[e].astype(np.int64)
        rn, rs, re_ = r_num_a[row_reading], r_suf_a[row_reading], r_end_a[row_reading]
        rf, rff, rfn = r_flat_a[row_reading], r_floor_a[row_reading], r_fnum_a[row_reading]

        self.cand_no = cand_no = c_num < 0
        self.rec_no = rec_no = rn < 0
        #: the record writes a house number (its first reading has one) that this row
        #: reads as a flat: a candidate's house number then contradicts it
        # per pair (it does not depend on the reading), then spread over the pair's rows
        written_no = np.array(written_of, dtype=np.int64)[rec]
        p_street = index.street[ent].astype(np.int64)
        written = written_no >= 0
        look = np.flatnonzero(written & (p_street >= 0))
        if len(look):
            written[look] = has_house(index, p_street[look], written_no[look])
        self.written = written[row_pair]
        #: the row reads the number as the flat of an unnumbered building (``Reading.unnumbered``)
        self.unnum = np.asarray(r_unnum, dtype=bool)[row_reading]
        self.rf = rf
        is_range = c_end > c_num
        eq = ~is_range & (c_num == rn)
        eq_suf = eq & (c_suf == rs)
        self.both = np.select(
            [
                is_range & (c_num == rn) & (c_end == re_),
                is_range & (c_num <= rn) & (rn <= c_end) & (rs == 0),
                is_range & (re_ >= 0) & (rn <= c_end) & (c_num <= re_),
                is_range,
                eq_suf & (re_ >= 0),
                eq_suf,
                eq & (rs == 0) & (re_ < 0),
                eq,
                (re_ >= 0) & (rn <= c_num) & (c_num <= re_),
            ],
            [
                w.number_match,
                w.number_in_range,
                w.number_in_range,
                w.number_mismatch,
                w.number_in_range,
                w.number_match + np.where(rs > 0, w.suffix_match, 0.0),
                w.suffix_missing_in_record,
                w.suffix_mismatch,
                w.number_in_range,
            ],
            w.number_mismatch,
        )
        n_max = np.where(cand_no | rec_no, 0.0, w.number_match)
        #: a written house number read as a flat, the candidate's number unnamed: it counts
        self.n_max_written = np.where(~cand_no & rec_no & self.written, w.number_match, 0.0)
        #: rows reading a written house number the street has as a flat of an unnumbered
        #: building (penalised when the record names no building: ``Scorer.number_part``)
        self.house_flat = cand_no & rec_no & self.written & ~self.unnum & (rf != 0)
        n_max = n_max + np.where(eq_suf & (re_ < 0) & (rs > 0), w.suffix_match, 0.0)

        c_flat = index.flat_code[e].astype(np.int64)
        c_floor = index.flat_floor[e]
        none_c = c_flat == 0
        unit_word = np.array(unit_of, dtype=bool)[rec_row]
        part_named = np.zeros(len(row_pair), dtype=bool)
        want = ~none_c & ((rf == 0) | rff)
        if want.any():
            rows_w = np.flatnonzero(want)
            part_named[rows_w] = _named_parts(
                tables_of(index), scorers, rec[row_pair[rows_w]], c_flat[rows_w]
            )
        f_pts = np.where(
            none_c,
            np.where(
                rf == 0,
                np.where(unit_word, w.flat_word_no_flat, 0.0),
                np.where(rff, w.flat_extra_floor, w.flat_extra_in_record),
            ),
            np.where(
                rf == 0,
                np.select(
                    [part_named, unit_word],
                    [w.flat_match, w.flat_id_missing],
                    w.flat_missing_in_record,
                ),
                np.select(
                    [
                        (c_flat == rf) | (part_named & rff),
                        c_floor != rff,
                        _near_flats(index, r_key, row_reading, e, rf, rfn, rff, c_flat, c_floor),
                    ],
                    [w.flat_match, w.flat_floor_vs_id, w.flat_near],
                    w.flat_mismatch,
                ),  # fmt: skip
            ),
        )
        # a home's flat is not a business unit of the same identifier (Scorer._kind_differs)
        r_kind = np.array(kind_of, dtype=np.int8)[rec_row]
        c_kind = unit_kinds(index)[e]
        f_pts = f_pts + np.where(
            (rf != 0) & (c_flat == rf) & (r_kind > 0) & (c_kind > 0) & (r_kind != c_kind),
            w.unit_kind_differs,
            0.0,
        )
        f_max = np.where((none_c | (rf == 0)) & ~part_named, 0.0, w.flat_match)
        self.nf_max_rows = n_max + f_max
        self.f_pts = f_pts
        self.penalty = (1.0 - r_wt_a[row_reading]) * w.reading_penalty

    def _row_points(
        self, named: np.ndarray, rows: np.ndarray | None = None, bare: np.ndarray | None = None
    ) -> np.ndarray:
        """Points per row (all rows, or *rows*) given whether the pair's building or
        organisation similarity is at least 85 (*named*, per row)."""
        w = self.w
        rf, cand_no, rec_no, both = self.rf, self.cand_no, self.rec_no, self.both
        f_pts, penalty, written, unnum = self.f_pts, self.penalty, self.written, self.unnum
        if rows is not None:
            rf, cand_no, rec_no, both = rf[rows], cand_no[rows], rec_no[rows], both[rows]
            f_pts, penalty, written, unnum = f_pts[rows], penalty[rows], written[rows], unnum[rows]
        extra = np.where(named & (rf == 0), w.number_extra_in_record / 2, w.number_extra_in_record)
        missing = np.where(
            named & ~unnum,
            w.number_missing_named,
            np.where(written, w.number_mismatch, w.number_missing_in_record),
        )
        # a written house number the street has, read as a flat of an unnumbered building,
        # the record naming no building (*bare*, per row; Scorer.number_part)
        house = 0.0
        if bare is not None:
            flat_of = self.house_flat if rows is None else self.house_flat[rows]
            house = np.where(flat_of & bare & ~named, w.number_mismatch, 0.0)
        n_pts = np.where(cand_no, np.where(rec_no, house, extra), np.where(rec_no, missing, both))
        return n_pts + f_pts - penalty

    def _best_reading(self, row_pts: np.ndarray, m: np.ndarray, row_pair: np.ndarray,
                      offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
        """(best reading per pair, its row)."""
        mat = np.full((len(m), int(m.max())), -np.inf)
        mat[row_pair, offsets] = row_pts
        best_j = mat.argmax(axis=1)
        return best_j, np.cumsum(m) - m + best_j

    def names(self) -> tuple[np.ndarray, np.ndarray]:
        """Building and organisation name similarity of every pair (0 without a name),
        computed once per batch."""
        if self._names is None:
            index, tables = self.index, tables_of(self.index)
            sid = index.street[self.ent].astype(np.int64)
            b_sim = _name_similarity(index, tables, self.scorers, self.rec, self.bcode, sid)
            o_sim = (
                _name_similarity(index, tables, self.scorers, self.rec, self.ocode, sid)
                if (self.ocode > 0).any()
                else np.zeros(len(self.ent))
            )
            for j in np.flatnonzero(o_sim >= 85).tolist():  # (few pairs)
                if self.scorers[self.rec[j]].org_lacks(index.building_names[self.ocode[j]]):
                    o_sim[j] = ORG_LACKING_SIM
            self._names = (b_sim, o_sim)
        return self._names

    def upper_bound(self) -> np.ndarray:
        """Per pair, points the pair cannot exceed whatever its street and places: exact
        numbers, flats, postcode and names; the street and places at their best; a
        building name below 80 % at its better outcome (record naming nothing or not)."""
        w = self.w
        n_pairs = len(self.ent)
        if n_pairs == 0:
            return np.zeros(0)
        b_sim, o_sim = self.names()
        has_b, has_o = self.bcode > 0, self.ocode > 0
        scaled = np.clip((b_sim - 70.0) * 0.6, w.building_min, w.building_max)
        b_ub = np.where(
            has_b, np.where(b_sim < 80, np.maximum(w.building_absent, scaled), scaled), 0.0
        )
        o_ok = has_o & (o_sim >= 85)
        b_ub = b_ub + np.where(
            o_ok, w.organisation_named, np.where(has_o, w.organisation_unnamed, 0.0)
        )
        bs = np.where(has_b, b_sim, 0.0)
        bs = np.where(o_ok, np.maximum(bs, o_sim), bs)
        row_pts = self._row_points(bs[self.row_pair] >= 85)
        _, best_row = self._best_reading(row_pts, self.m, self.row_pair, self.offsets)
        s_ub = max(w.street_max, w.street_absent, 0.0)
        pa, lo_, lc = w.place_agree, w.locality_omitted, w.locality_contradiction
        lon = w.locality_omitted_named
        pl_ub = max(
            0.0,
            lo_,
            w.place_contradiction,
            w.town_contradiction,
            pa,
            pa + lon,
            pa + lc,
            pa + lon + lc,
        )
        return row_pts[best_row] + s_ub + self.p_pts + pl_ub + b_ub

    def exact(self, sel: np.ndarray | None = None) -> PairScores:
        """Exact scores of the pairs ``sel`` (indices into the batch; all when None)."""
        index, scorers, w = self.index, self.scorers, self.w
        if sel is None:
            sel = np.arange(len(self.ent))
        n_pairs = len(sel)
        if n_pairs == 0:
            z = np.zeros(0)
            return PairScores(z, z, z, np.zeros(0, dtype=np.int64))
        rec, ent = self.rec[sel], self.ent[sel]
        bcode, ocode = self.bcode[sel], self.ocode[sel]
        tables = tables_of(index)
        # street, places, leftover words: once per (record, street)
        sid = index.street[ent].astype(np.int64)
        s_pts, s_max, pl_pts, left = _street_columns(index, tables, scorers, rec, sid, w)

        # building and organisation similarity: once per (record, name), adjusted per street
        known = self._names
        b_sim = (
            known[0][sel]
            if known is not None
            else _name_similarity(index, tables, scorers, rec, bcode, sid)
        )
        has_b = bcode > 0
        b_pts = np.where(
            has_b,
            np.where(
                (b_sim < 80) & (left == 0),
                w.building_absent,
                np.clip((b_sim - 70.0) * 0.6, w.building_min, w.building_max),
            ),
            0.0,
        )
        b_max = np.where(has_b & ((b_sim >= 80) | (left != 0)), w.building_max, 0.0)
        # Scorer.score: a building the record names that no address of the street has
        maybe = np.flatnonzero(has_b & (b_sim < 80) & (left == 2))
        if len(maybe):
            n_streets = max(len(index.streets), 1)
            keys = rec[maybe] * n_streets + sid[maybe]
            uniq, inv = np.unique(keys, return_inverse=True)
            off = np.asarray(
                [
                    scorers[k].names_building_elsewhere(t)
                    for k, t in zip((uniq // n_streets).tolist(), (uniq % n_streets).tolist())
                ],
                dtype=bool,
            )[inv]
            b_pts[maybe[off]] = w.building_extra_in_record
            b_max[maybe[off]] = 0.0
        b_sim = np.where(has_b, b_sim, 0.0)
        has_o = ocode > 0
        # the record names a building; the candidate has none, nor an organisation it names
        no_name = ~has_b & (left == 2)
        b_pts = b_pts + np.where(no_name & ~has_o, w.building_extra_in_record, 0.0)
        if has_o.any():
            o_sim = (
                known[1][sel]
                if known is not None
                else _name_similarity(index, tables, scorers, rec, ocode, sid)
            )
            o_ok = has_o & (o_sim >= 85)
            b_pts = b_pts + np.where(
                o_ok, w.organisation_named, np.where(has_o, w.organisation_unnamed, 0.0)
            )
            b_pts = b_pts + np.where(no_name & has_o & ~o_ok, w.building_extra_in_record, 0.0)
            b_sim = np.where(o_ok, np.maximum(b_sim, o_sim), b_sim)

        # the rows of the selected pairs
        if n_pairs == len(self.ent):
            rows = None
            row_pair, offsets, m = self.row_pair, self.offsets, self.m
        else:
            keep = np.zeros(len(self.ent), dtype=bool)
            keep[sel] = True
            remap = np.full(len(self.ent), -1, dtype=np.int64)
            remap[sel] = np.arange(n_pairs)
            rows = np.flatnonzero(keep[self.row_pair])
            row_pair = remap[self.row_pair[rows]]
            order = np.argsort(row_pair, kind="stable")
            rows, row_pair = rows[order], row_pair[order]
            offsets, m = self.offsets[rows], self.m[sel]
        named = b_sim[row_pair] >= 85
        bare = (left[row_pair] == 0) & (s_max[row_pair] > 0)  # names a street, no building
        row_pts = self._row_points(named, rows, bare)
        nf_rows = self.nf_max_rows if rows is None else self.nf_max_rows[rows]
        n_written = self.n_max_written if rows is None else self.n_max_written[rows]
        unnum = self.unnum if rows is None else self.unnum[rows]
        nf_rows = nf_rows + np.where(named & ~unnum, 0.0, n_written)
        flat_of = self.house_flat if rows is None else self.house_flat[rows]
        nf_rows = nf_rows + np.where(flat_of & bare & ~named, w.number_match, 0.0)
        best_j, best_row = self._best_reading(row_pts, m, row_pair, offsets)
        nf_pts = row_pts[best_row]
        nf_max = nf_rows[best_row]

        # Scorer.score: a "street" that is the candidate's own building name is no street
        by_name = (s_pts == w.street_other) | ((s_pts > 0.0) & (s_pts < w.street_max))
        for j in np.flatnonzero(by_name & (b_sim >= 99.5)).tolist():
            e = int(ent[j])
            if scorers[int(rec[j])].street_by_name(
                float(s_pts[j]), int(sid[j]), index.building[e], index.organisation[e]
            ):
                s_pts[j], s_max[j] = w.street_absent, 0.0
        # Scorer.score: an exact postcode unit and premises name soften a place contradiction
        pl_pts = np.where(
            np.isin(pl_pts, (w.place_contradiction, w.place_contradiction + w.named_town_street))
            & (self.p_pts[sel] == w.postcode_exact)
            & (b_sim >= 99.5),
            w.locality_contradiction,
            pl_pts,
        )
        points = nf_pts + s_pts + self.p_pts[sel] + pl_pts + b_pts
        possible = nf_max + s_max + self.p_max[sel] + b_max + self.place_max[sel]
        score = np.where(
            possible > 0, np.clip(100.0 * points / np.maximum(possible, 1e-9), 0.0, 100.0), 0.0
        )
        return PairScores(points, possible, score, best_j)


def score_pairs(
    index: GazetteerIndex,
    scorers: list[Scorer],
    rec: np.ndarray,
    ent: np.ndarray,
    w: Weights,
) -> PairScores:
    """Score entry ``ent[p]`` against record ``rec[p]`` for every pair p."""
    if len(ent) == 0:
        z = np.zeros(0)
        return PairScores(z, z, z, np.zeros(0, dtype=np.int64))
    return PairBatch(index, scorers, rec, ent, w).exact()
