"""A messy council tax / benefits extract to match, and the truth kept aside for tests.

Each record is one address as a member of staff might have typed it: case changes,
abbreviated street types, dropped or extra localities, typos, flats written every which
way, and a separate postcode column that is sometimes blank or mis-keyed. A few records
name places not in the gazetteer (new builds, other towns) and a few people appear twice.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import names

FLOOR_SHORT = {
    "GROUND FLOOR FLAT": ("GFF", "Ground Flr Flat", "Grd Floor Flat", "G/F Flat"),
    "FIRST FLOOR FLAT": ("FFF", "1st Floor Flat", "First Flr Flat", "1st Flr"),
    "SECOND FLOOR FLAT": ("SFF", "2nd Floor Flat", "2nd Flr Flat"),
    "TOP FLOOR FLAT": ("Top Flat", "Top Flr Flat"),
    "BASEMENT FLAT": ("Bsmt Flat", "Basement", "Lower Ground Flat"),
}
NEW_STREETS = (
    "MEADOWSWEET WAY",
    "CORNFIELD DRIVE",
    "HARVEST CLOSE",
    "THRESHER ROAD",
    "SAXON GARDENS",
)


def _typo(rng: np.random.Generator, word: str) -> str:
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) < 4:
        return word
    i = int(rng.choice(letters[1:-1]))
    kind = rng.integers(3)
    if kind == 0 and i + 1 < len(word) and word[i + 1].isalpha():
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap
    if kind == 1:
        return word[:i] + word[i + 1 :]  # drop
    return word[:i] + word[i] + word[i:]  # double


def _street(rng: np.random.Generator, street: str, errors: list[str]) -> str:
    words = street.split()
    if len(words) > 1 and words[-1] in names.ABBREVIATIONS and rng.random() < 0.35:
        words[-1] = names.ABBREVIATIONS[words[-1]]
        errors.append("abbreviation")
    if rng.random() < 0.12:
        j = int(np.argmax([len(w) for w in words]))
        typo = _typo(rng, words[j])
        if typo != words[j]:
            words[j] = typo
            errors.append("typo")
    return " ".join(words)


def _flat_and_number(rng: np.random.Generator, a: dict, errors: list[str]) -> tuple[str, str]:
    """(prefix before the street, e.g. ``Flat 2, 10``) written one of the messy ways."""
    pao_no = "" if pd.isna(a["pao_start_number"]) else str(int(a["pao_start_number"]))
    if pao_no and not pd.isna(a["pao_end_number"]):
        pao_no += f"-{int(a['pao_end_number'])}"
    pao_no += a["pao_start_suffix"] or ""
    building = (a["pao_text"] or "").title()
    sao_text = a["sao_text"] or ""
    sao_no = "" if pd.isna(a["sao_start_number"]) else str(int(a["sao_start_number"]))
    if building and pao_no and rng.random() < 0.2:
        building = ""
        errors.append("building_dropped")
    elif building and pao_no and rng.random() < 0.1:
        pao_no = ""
        errors.append("number_dropped")
    if a["pao_start_suffix"] and rng.random() < 0.5:
        pao_no = pao_no.lower()
    if not sao_text and not sao_no:
        return building, pao_no
    r = rng.random()
    if r < 0.07:
        errors.append("missing_flat")
        return building, pao_no
    if sao_text in FLOOR_SHORT:
        flat = str(rng.choice(FLOOR_SHORT[sao_text])) if rng.random() < 0.6 else sao_text.title()
        if flat != sao_text.title():
            errors.append("floor_abbreviation")
        return ", ".join(p for p in (flat, building) if p), pao_no
    letter = re.fullmatch(r"FLAT ([A-Z])", sao_text)
    number = sao_no if sao_no else None
    if letter and pao_no and r < 0.35:
        errors.append("flat_as_suffix")
        return (
            building,
            f"{pao_no}{letter.group(1).lower() if rng.random() < 0.5 else letter.group(1)}",
        )
    if number and pao_no and r < 0.3:
        errors.append("slash_flat")
        return building, f"{number}/{pao_no}"
    if number and pao_no and r < 0.36:
        errors.append("slash_flat_reversed")
        return building, f"{pao_no}/{number}"
    if number and building and not pao_no and r < 0.5:
        errors.append("building_only")
        return f"{number} {building}", ""
    flat = f"Flat {letter.group(1)}" if letter else f"Flat {number}"
    if r > 0.9:
        flat = flat.replace("Flat", "Flt")
        errors.append("flat_abbreviation")
    return ", ".join(p for p in (flat, building) if p), pao_no


def _postcode(rng: np.random.Generator, postcode: str, errors: list[str]) -> str:
    r = rng.random()
    if r < 0.15:
        errors.append("postcode_blank")
        return ""
    if r < 0.22:
        errors.append("postcode_spacing")
        return str(
            rng.choice([postcode.replace(" ", ""), postcode.lower(), postcode.replace(" ", "  ")])
        )
    if r < 0.30:
        swapped = (
            postcode.replace("0", "O", 1) if "0" in postcode else postcode.replace("1", "I", 1)
        )
        if swapped != postcode:
            errors.append("postcode_mis_keyed")
            return swapped
    return postcode


def make(
    rng: np.random.Generator, addresses: pd.DataFrame, streets: pd.DataFrame, n: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """*n* messy service records and their truth (record_id, true_uprn, error_types)."""
    # Council tax and benefits are about homes: live dwellings, flats included.
    pool = addresses[
        addresses["logical_status"].eq(1) & addresses["classification"].str.startswith("RD")
    ]
    n_nomatch = max(2, round(n * 0.03))
    n_dupes = max(2, round(n * 0.015))
    picks = pool.iloc[np.sort(rng.choice(len(pool), size=n - n_nomatch - n_dupes, replace=False))]
    rows: list[dict] = []
    for a in picks.to_dict("records"):
        errors: list[str] = []
        prefix, number = _flat_and_number(rng, a, errors)
        street = _street(rng, a["street_description"], errors)
        parts = [prefix, f"{number} {street.title()}".strip() if number else street.title()]
        locality = (a["locality"] or "").title()
        town = a["town"].title()
        if locality and rng.random() < 0.3:
            locality = ""
            errors.append("locality_dropped")
        elif not locality and rng.random() < 0.08:
            locality = str(rng.choice(names.SUBURBS)).title()
            errors.append("extra_locality")
        if rng.random() < 0.3:
            town = ""
            errors.append("town_dropped")
        parts += [locality, town]
        postcode = _postcode(rng, a["postcode"], errors)
        if rng.random() < 0.3:
            parts.append(a["postcode"] if rng.random() < 0.8 else a["postcode"].replace(" ", ""))
            errors.append("postcode_in_address")
        text = ", ".join(p for p in parts if p)
        case = rng.random()
        if case < 0.25:
            text = text.upper()
            errors.append("upper_case")
        elif case < 0.35:
            text = text.lower()
            errors.append("lower_case")
        if rng.random() < 0.1:
            text = text.replace(", ", " ", int(rng.integers(1, 3)))
            errors.append("missing_commas")
        rows.append(
            {"address": text, "postcode": postcode, "true_uprn": a["uprn"], "errors": errors}
        )
    # Places the gazetteer does not hold: new builds and other towns.
    for k in range(n_nomatch):
        if k % 2 == 0:
            street = str(rng.choice(NEW_STREETS)).title()
            pc = f"{names.POSTCODE_AREA}{int(rng.integers(1, 4))} {int(rng.integers(0, 10))}ZZ"
            rows.append(
                {
                    "address": f"Plot {int(rng.integers(1, 60))}, {street}, Brackenford",
                    "postcode": pc,
                    "true_uprn": None,
                    "errors": ["no_match_new_build"],
                }
            )
        else:
            town = str(rng.choice(names.OUT_OF_AREA_TOWNS)).title()
            street = str(rng.choice(names.CENTRE_NAMES)).title()
            pc = f"XA{int(rng.integers(1, 9))} {int(rng.integers(0, 10))}RT"
            rows.append(
                {
                    "address": f"{int(rng.integers(1, 120))} {street}, {town}",
                    "postcode": pc,
                    "true_uprn": None,
                    "errors": ["no_match_out_of_area"],
                }
            )
    # The same person recorded twice at one address.
    for j in rng.choice(len(picks), size=n_dupes, replace=False):
        src = rows[int(j)]
        rows.append({**src, "errors": [*src["errors"], "duplicate_person"], "dupe_of": int(j)})
    order = rng.permutation(len(rows))
    drawn = rng.integers(10_000_000, 99_999_999, size=2 * len(rows) + 10)
    _, first = np.unique(drawn, return_index=True)
    refs = drawn[np.sort(first)][: len(rows)]  # distinct, in drawing order
    account = [f"CT{r}" if rng.random() < 0.75 else f"HB{r % 1_000_000:06d}" for r in refs]
    for i, row in enumerate(rows):
        if "dupe_of" in row:
            account[i] = account[row["dupe_of"]]
    out = pd.DataFrame(
        {
            "record_id": np.empty(len(rows), dtype=np.int64),
            "account_ref": account,
            "address": [r["address"] for r in rows],
            "postcode": [r["postcode"] for r in rows],
        }
    )
    out["record_id"] = 0
    out.loc[order, "record_id"] = np.arange(1, len(rows) + 1)
    truth = pd.DataFrame(
        {
            "record_id": out["record_id"],
            "true_uprn": pd.array([r["true_uprn"] for r in rows], dtype="Int64"),
            "error_types": [";".join(r["errors"]) for r in rows],
        }
    )
    out = out.sort_values("record_id").reset_index(drop=True)
    truth = truth.sort_values("record_id").reset_index(drop=True)
    return out, truth
