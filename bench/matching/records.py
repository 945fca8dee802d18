"""Messy service records generated from the gazetteer with ``address-errors`` (truth kept)."""

from __future__ import annotations

import random
from dataclasses import dataclass

#: Error profiles: name → (house style or None for pooled, Controls fields, drop postcodes).
PROFILES: dict[str, tuple[str | None, dict[str, object], bool]] = {
    "default": (None, {}, False),
    "stress": (None, {"prevalence": 2, "noise": {"rate": 0.1}}, False),
    "nopostcode": (None, {}, True),
    "leeds": ("leeds", {}, False),
    "cornwall-stress": ("cornwall", {"prevalence": 2, "noise": {"rate": 0.2, "max_ops": 2}}, False),
    "derby": ("derby", {}, False),
    "bradford-intense": ("bradford", {"intensity": 1.59, "commas": False}, False),
    "errors3": (None, {"error_multiplier": 3, "postcode_error_multiplier": 3}, False),
}

#: Collision states meaning the record's text equals another real address.
UNRESOLVABLE = {"matches_other_only", "matches_label_and_other"}


@dataclass
class Record:
    """One generated record: what a matcher sees and the truth."""

    record_id: str
    text: str
    postcode: str
    truth: int
    unresolvable: bool
    error_types: tuple[str, ...]


def residential_ids(components: list[dict[str, str]], n: int, seed: int) -> list[str]:
    """*n* residential record IDs (no parent shells, no shops), sampled with *seed*."""
    ids = [c["uprn"] for c in components if c["classificationcode"].startswith("R")]
    rng = random.Random(seed)
    return sorted(rng.sample(ids, min(n, len(ids))), key=int)


def error_types(row: dict[str, str]) -> tuple[str, ...]:
    """Mechanism families applied to a row (``SU7``, ``PC2``, ``noise:typo``); ``clean`` if none."""
    kinds = [r.split(":")[0] for r in row.get("applied_rules", "").split("|") if r]
    if row.get("postcode_edit"):
        kinds.append(row["postcode_edit"].split(":")[0])
    kinds += [f"noise:{op}" for op in row.get("noise_ops", "").split("|") if op]
    if row.get("label_drift_relation"):
        kinds.append("label_drift")
    return tuple(dict.fromkeys(kinds)) or ("clean",)


def generate(
    components: list[dict[str, str]], profile: str, seed: int, n: int = 10_000
) -> list[Record]:
    """Generate *n* records of *profile* (see PROFILES) with *seed*."""
    style, controls, drop_postcode = PROFILES[profile]
    return generate_with(components, None, style, controls, seed, n, drop_postcode)


def generate_with(
    components: list[dict[str, str]],
    fitted: str | None,
    style: str | None,
    controls: dict[str, object],
    seed: int,
    n: int,
    drop_postcode: bool = False,
) -> list[Record]:
    """*n* records from ``address-errors``'s *fitted* profile (``all6``, ``frozen``, ``v2``;
    None = its default) in house *style* (None = pooled rates) with *controls*."""
    from address_errors import Controls, Corruptor, Profile, add_context
    from address_errors.context import COLUMNS
    from address_errors.pipeline.reference import derive_columns

    rows_in = [{**dict.fromkeys(COLUMNS, ""), **c} for c in components]
    derive_columns(rows_in)
    add_context(rows_in)
    gen = Corruptor(
        Profile.load(fitted),
        style=style,
        seed=seed,
        rates="council" if style else "pooled",
        controls=Controls.from_dict(controls),
    )
    gen.index(rows_in)
    out = gen.generate(residential_ids(components, n, seed))
    records = []
    for i, row in enumerate(out):
        records.append(
            Record(
                record_id=f"r{i}",
                text=row["recorded_address"],
                postcode="" if drop_postcode else row["recorded_postcode"],
                truth=int(row["source_uprn"]),
                unresolvable=row["collision"] in UNRESOLVABLE,
                error_types=error_types(row),
            )
        )
    return records


def _plain(text: str) -> str:
    return " ".join(text.upper().replace(",", " ").split())


def mark_other_addresses(records: list[Record], gazetteer: list[dict[str, object]]) -> int:
    """Mark unresolvable the records that no evidence could tell from another address.

    - A record with no postcode whose text is exactly another address's full text without
      its postcode (``address-errors`` checks collisions with the postcode, so a record
      whose postcode is then removed can become another address: ``33 PARK AVENUE,
      MARSHFIELD`` of Holton when Marshfield has its own 33 Park Avenue).
    - A record whose truth's own full text is another address's too: with the postcode
      when the record has one, without it when it has none (two blocks both written
      ``FLAT 3, PARK VIEW, HOLLY CRESCENT`` in two postcodes; two identical ``STATION
      HOUSE``s in one). This is the floor's own exception: texts shared by two UPRNs.

    Returns how many were marked."""
    owners: dict[str, set[int]] = {}
    full: dict[str, set[int]] = {}
    truth_text: dict[int, tuple[str, str]] = {}
    for row in gazetteer:
        uprn = int(row["uprn"])  # type: ignore[call-overload]
        text, postcode = str(row["address"]), str(row.get("postcode") or "")
        whole = _plain(text)
        if postcode and text.endswith(postcode):
            text = text[: -len(postcode)].rstrip(", ")
        bare = _plain(text)
        full.setdefault(whole, set()).add(uprn)
        owners.setdefault(bare, set()).add(uprn)
        truth_text[uprn] = (whole, bare)
    marked = 0
    for rec in records:
        if rec.unresolvable:
            continue
        with_pc, without_pc = truth_text.get(rec.truth, ("", ""))
        if rec.postcode:
            others = full.get(with_pc, set()) - {rec.truth}
        else:
            others = (owners.get(_plain(rec.text), set()) | owners.get(without_pc, set())) - {
                rec.truth
            }
        if others:
            rec.unresolvable = True
            marked += 1
    return marked
