"""Vectorised scoring of many (record, candidate) pairs at once.

The same rules as ``scoring.Scorer`` (the reference, used for explanations and type-ahead),
computed with numpy over all pairs of a batch: text similarities once per unique
(record, street) and (record, building name), numbers and flats per (pair, reading).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..parse import flat_digits, is_floor_key
from .index import GazetteerIndex
from .scoring import Scorer, Weights

_UNSEEN = -7  # a record flat or suffix the gazetteer never uses: equal to nothing


@dataclass
class PairScores:
    """Per pair: points, best possible points, score 0-100 and the reading used."""

    points: np.ndarray
    possible: np.ndarray
    score: np.ndarray
    reading: np.ndarray


def _unique_apply(keys: np.ndarray, fn, n_out: int) -> list[np.ndarray]:  # noqa: ANN001
    """Apply *fn(key) -> tuple* once per unique key; broadcast its outputs back to all pairs."""
    uniq, inv = np.unique(keys, return_inverse=True)
    cols = [np.empty(len(uniq), dtype=np.float64) for _ in range(n_out)]
    for j, key in enumerate(uniq.tolist()):
        vals = fn(key)
        for c, v in zip(cols, vals, strict=False):
            c[j] = v
    return [c[inv] for c in cols]


def score_pairs(
    index: GazetteerIndex,
    scorers: list[Scorer],
    rec: np.ndarray,
    ent: np.ndarray,
    w: Weights,
) -> PairScores:
    """Score entry ``ent[p]`` against record ``rec[p]`` for every pair p."""
    n_pairs = len(ent)
    if n_pairs == 0:
        z = np.zeros(0)
        return PairScores(z, z, z, np.zeros(0, dtype=np.int64))
    rec = rec.astype(np.int64)
    n_streets = max(len(index.streets), 1)

    # street, places, leftover words: once per (record, street)
    sid = index.street[ent].astype(np.int64)

    def street_fn(key: int) -> tuple[float, float, float, float]:
        k, s = divmod(key, n_streets)
        sc = scorers[k]
        pts, mx, _ = sc.street_part(s)
        pl, _ = sc.places_part(s)
        return pts, mx, pl, float(sc._leftover(s))

    s_pts, s_max, pl_pts, left = _unique_apply(rec * n_streets + sid, street_fn, 4)

    # building and organisation similarity: once per (record, name)
    n_names = max(len(index.building_names), 1)
    names = index.building_names

    def name_fn(key: int) -> tuple[float]:
        rest, s = divmod(key, n_streets)
        k, code = divmod(rest, n_names)
        return (scorers[k].building_part(names[code], s) if code else 0.0,)

    bcode = index.building_code[ent].astype(np.int64)
    ocode = index.org_code[ent].astype(np.int64)
    (b_sim,) = _unique_apply((rec * n_names + bcode) * n_streets + sid, name_fn, 1)
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
    b_sim = np.where(has_b, b_sim, 0.0)
    has_o = ocode > 0
    if has_o.any():
        (o_sim,) = _unique_apply((rec * n_names + ocode) * n_streets + sid, name_fn, 1)
        o_ok = has_o & (o_sim >= 85)
        b_pts = b_pts + np.where(o_ok, 6.0, 0.0)
        b_sim = np.where(o_ok, np.maximum(b_sim, o_sim), b_sim)

    # postcode
    rec_pc = np.array([sc.pc_codes[0] for sc in scorers], dtype=np.int64)[rec]
    rec_sec = np.array([sc.pc_codes[1] for sc in scorers], dtype=np.int64)[rec]
    rec_dis = np.array([sc.pc_codes[2] for sc in scorers], dtype=np.int64)[rec]
    has_rec_pc = np.array([sc.pc_codes[3] for sc in scorers], dtype=bool)[rec]
    c_pc = index.postcode_code[ent]
    p_pts = np.select(
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
    p_max = np.where(has_rec_pc, w.postcode_exact, 0.0)
    place_max = np.array([w.place_agree if sc.ctx.places else 0.0 for sc in scorers])[rec]

    # readings: one row per (pair, reading)
    counts = np.array([len(sc.ctx.parsed.readings) for sc in scorers], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    r_flat, r_floor, r_num, r_suf, r_end, r_wt, r_fnum = [], [], [], [], [], [], []
    for sc in scorers:
        for r in sc.ctx.parsed.readings:
            r_flat.append(index.flat_codes.get(r.flat, _UNSEEN) if r.flat else 0)
            r_fnum.append(flat_digits(r.flat) if r.flat else -1)
            r_floor.append(is_floor_key(r.flat))
            r_num.append(-1 if r.number is None else r.number)
            r_suf.append(index.suffix_codes.get(r.suffix, _UNSEEN) if r.suffix else 0)
            r_end.append(-1 if r.end is None else r.end)
            r_wt.append(r.weight)
    r_flat_a, r_num_a, r_suf_a, r_end_a = (
        np.asarray(x, dtype=np.int64) for x in (r_flat, r_num, r_suf, r_end)
    )
    r_floor_a, r_wt_a = np.asarray(r_floor, dtype=bool), np.asarray(r_wt, dtype=np.float64)
    r_fnum_a = np.asarray(r_fnum, dtype=np.int64)

    m = counts[rec]
    row_pair = np.repeat(np.arange(n_pairs), m)
    offsets = np.arange(len(row_pair)) - np.repeat(np.cumsum(m) - m, m)
    row_reading = starts[rec][row_pair] + offsets
    e = ent[row_pair]
    bs = b_sim[row_pair]
    c_num = index.number[e].astype(np.int64)
    c_suf = index.suffix_code[e].astype(np.int64)
    c_end = index.end[e].astype(np.int64)
    rn, rs, re_ = r_num_a[row_reading], r_suf_a[row_reading], r_end_a[row_reading]
    rf, rff, rfn = r_flat_a[row_reading], r_floor_a[row_reading], r_fnum_a[row_reading]

    cand_no = c_num < 0
    rec_no = rn < 0
    is_range = c_end > c_num
    extra = np.where((bs >= 85) & (rf == 0), w.number_extra_in_record / 2, w.number_extra_in_record)
    missing = np.where(bs >= 85, w.number_missing_named, w.number_missing_in_record)
    eq = ~is_range & (c_num == rn)
    eq_suf = eq & (c_suf == rs)
    both = np.select(
        [
            is_range & (c_num == rn) & (c_end == re_),
            is_range & (c_num <= rn) & (rn <= c_end) & (rs == 0),
            is_range,
            eq_suf & (re_ >= 0),
            eq_suf,
            eq,
            (re_ >= 0) & (rn <= c_num) & (c_num <= re_),
        ],
        [
            w.number_match,
            w.number_in_range,
            w.number_mismatch,
            w.number_in_range,
            w.number_match,
            w.suffix_mismatch,
            w.number_in_range,
        ],
        w.number_mismatch,
    )
    n_pts = np.where(cand_no, np.where(rec_no, 0.0, extra), np.where(rec_no, missing, both))
    n_max = np.where(cand_no | rec_no, 0.0, w.number_match)

    c_flat = index.flat_code[e].astype(np.int64)
    c_floor = index.flat_floor[e]
    none_c = c_flat == 0
    unit_word = np.array([sc.ctx.parsed.unit_word for sc in scorers], dtype=bool)[rec][row_pair]
    f_pts = np.where(
        none_c,
        np.where(
            rf == 0,
            np.where(unit_word, w.flat_word_no_flat, 0.0),
            np.where(rff, w.flat_extra_floor, w.flat_extra_in_record),
        ),
        np.where(
            rf == 0,
            np.where(unit_word, w.flat_id_missing, w.flat_missing_in_record),
            np.select(
                [c_flat == rf, c_floor != rff, (rfn >= 0) & (rfn == index.flat_number[e])],
                [w.flat_match, w.flat_floor_vs_id, w.flat_near],
                w.flat_mismatch,
            ),
        ),
    )
    f_max = np.where(none_c | (rf == 0), 0.0, w.flat_match)
    row_pts = n_pts + f_pts - (1.0 - r_wt_a[row_reading]) * w.reading_penalty

    width = int(m.max())
    mat = np.full((n_pairs, width), -np.inf)
    mat[row_pair, offsets] = row_pts
    best_j = mat.argmax(axis=1)
    best_row = np.cumsum(m) - m + best_j
    nf_pts = row_pts[best_row]
    nf_max = (n_max + f_max)[best_row]

    points = nf_pts + s_pts + p_pts + pl_pts + b_pts
    possible = nf_max + s_max + p_max + b_max + place_max
    score = np.where(
        possible > 0, np.clip(100.0 * points / np.maximum(possible, 1e-9), 0.0, 100.0), 0.0
    )
    return PairScores(points, possible, score, best_j)
