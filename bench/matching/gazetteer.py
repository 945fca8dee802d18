"""A synthetic council gazetteer with the hard cases of real LLPGs.

Houses numbered along streets (10 and 10A side by side, ranges such as 12-14), converted
houses (a parent shell, classification PP, with flats numbered, lettered or by floor),
named blocks of flats, named houses with and without a number, named-only rural houses,
shops with organisation names, shared postcodes, street names repeated across towns and
localities (Church Road in three towns, Church Road and Church Street in one) and house
names repeated across streets (Rose Cottage). Every UPRN is unique; output is
deterministic for a seed.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator

from placelink.core.address_text import format_address
from placelink.core.schema import empty_address

STEMS = (
    "CHURCH MILL STATION VICTORIA QUEENS KINGS PARK HIGH GREEN MANOR OAK ELM ASH BEECH "
    "WILLOW CHESTNUT MAPLE HOLLY IVY ROSE LILAC ORCHARD MEADOW BROOK RIVER BRIDGE CASTLE "
    "ABBEY PRIORY GRANGE HALL FARM WELL SPRING SCHOOL CHAPEL VICARAGE RECTORY FOREST HEATH "
    "MOOR HILLSIDE VALLEY WESTFIELD EASTFIELD NORTHFIELD SOUTHFIELD BARNFIELD LONGFIELD "
    "FAIRVIEW BELLEVUE ALBERT ALEXANDRA EDWARD GEORGE WILLIAM CHARLES ALBANY ARGYLE BEDFORD "
    "CAMBRIDGE OXFORD DEVONSHIRE NORFOLK SUFFOLK WARWICK WINDSOR YORK LANCASTER STANLEY "
    "CROMWELL NELSON WELLINGTON GLADSTONE DERWENT TRENT SEVERN THAMES AVON MARKET NEW OLD "
    "BACK FRONT CROSS POUND TANNERY FOUNDRY BREWERY WHARF CANAL QUARRY COLLIERY PIT SANDY "
    "STONY CLAY CHALK FLINT BIRCH HAZEL ROWAN ALDER LARCH CEDAR CYPRESS LAUREL HAWTHORN "
    "BLACKTHORN BRAMBLE HEATHER BRACKEN FERN CLOVER DAISY PRIMROSE BLUEBELL FOXGLOVE "
    "KESTREL FALCON HERON SWALLOW MARTIN ROBIN WREN LINNET CHAFFINCH GOLDFINCH"
).split()
SAINTS = ("ST MARYS", "ST JOHNS", "ST PETERS", "ST ANDREWS", "ST GEORGES", "ST LUKES")
TYPES = (
    ["ROAD"] * 10
    + ["STREET"] * 6
    + ["AVENUE"] * 4
    + ["CLOSE"] * 5
    + ["LANE"] * 4
    + ["DRIVE"] * 3
    + ["GARDENS"] * 2
    + ["GROVE"] * 2
    + ["CRESCENT"] * 2
    + ["WAY"] * 3
    + ["PLACE", "TERRACE", "HILL", "VIEW", "WALK", "RISE", "MEWS", "SQUARE", "PARADE"]
)
TOWNS = (
    ("NORTHBRIDGE", ("NORTHBRIDGE", "ASHLEY GREEN", "BRAMWELL", "CANONS PARK", "DENHOLM")),
    ("KELLINGTON", ("KELLINGTON", "EASTWOOD", "FERNLEY", "GAWTHORPE")),
    ("MARSHFIELD", ("MARSHFIELD", "HOLTON", "IVERSTONE", "LOWER MARSHFIELD")),
)
HOUSE_NAMES = (
    "ROSE COTTAGE",
    "IVY COTTAGE",
    "THE COTTAGE",
    "THE OLD RECTORY",
    "THE OLD VICARAGE",
    "THE BUNGALOW",
    "FAIRVIEW",
    "HILLCREST",
    "WOODLANDS",
    "THE LODGE",
    "COACH HOUSE",
    "MILL HOUSE",
    "ORCHARD HOUSE",
    "MEADOW VIEW",
    "FISHER COTTAGE",
    "HOLLY LODGE",
    "BRIAR COTTAGE",
    "SUNNYSIDE",
    "GREENACRES",
    "THE BARN",
    "STABLE COTTAGE",
    "KEEPERS COTTAGE",
    "WILLOW BANK",
    "OAKLANDS",
    "THE HOLLIES",
    "BRAMBLE COTTAGE",
    "HIGH TREES",
    "LITTLE ORCHARD",
    "APPLE TREE COTTAGE",
    "THE OLD SCHOOL HOUSE",
    "PEAR TREE HOUSE",
    "SPRINGFIELD",
)
BLOCK_WORDS = ("COURT", "HOUSE", "LODGE", "MANSIONS", "APARTMENTS", "POINT", "TOWER", "HALL")
ORGS = (
    "THE RED LION",
    "NORTHBRIDGE DENTAL PRACTICE",
    "CO-OPERATIVE FOOD",
    "ST MARYS PRIMARY SCHOOL",
    "KWIK FIT",
    "THE ROYAL OAK",
    "BOOTS PHARMACY",
    "HAIR BY JANE",
    "MILLS AND SONS BUTCHERS",
    "THE WHITE HART",
)
FLOORS = ("BASEMENT FLAT", "GROUND FLOOR FLAT", "FIRST FLOOR FLAT", "SECOND FLOOR FLAT")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


class _Postcodes:
    """Hands out postcodes: each street walks its own run of units in one sector."""

    def __init__(self, rng: random.Random, town_index: int) -> None:
        self.rng = rng
        self.area = ("NB", "KL", "MF")[town_index]
        self.used: set[str] = set()

    def new(self, district: int, sector: int) -> str:
        while True:
            unit = self.rng.choice(INWARD_LETTERS) + self.rng.choice(INWARD_LETTERS)
            code = f"{self.area}{district} {sector}{unit}"
            if code not in self.used:
                self.used.add(code)
                return code


class CouncilBuilder:
    """Builds the canonical address records of one synthetic council."""

    def __init__(self, target: int = 50_000, seed: int = 1) -> None:
        self.target = target
        self.rng = random.Random(seed)
        self.records: list[dict[str, object]] = []
        self.next_uprn = 100_000_000_001
        self.next_usrn = 20_000_001
        self._names_used: dict[object, set[str]] = {}

    def _uprn(self) -> int:
        self.next_uprn += self.rng.randint(1, 3)
        return self.next_uprn

    def _add(self, **values: object) -> dict[str, object]:
        rec = empty_address(uprn=self._uprn(), source="synthetic", logical_status=1, blpu_state=2)
        rec.update(values)
        rec.setdefault("classification", "RD04")
        if rec["classification"] is None:
            rec["classification"] = "RD04"
        rec["address"] = format_address(rec)
        self.records.append(rec)
        return rec

    def _street_names(self) -> Iterator[tuple[str, str, str | None]]:
        """(street, town, locality) triples, repeating popular names across towns."""
        rng = self.rng
        popular = [
            f"{s} {t}"
            for s, t in (
                ("CHURCH", "ROAD"),
                ("STATION", "ROAD"),
                ("HIGH", "STREET"),
                ("MILL", "LANE"),
                ("PARK", "AVENUE"),
                ("VICTORIA", "ROAD"),
            )
        ]
        while True:
            town_index = rng.randrange(len(TOWNS))
            town, localities = TOWNS[town_index]
            locality = rng.choice(localities[1:]) if rng.random() < 0.45 else None
            roll = rng.random()
            if roll < 0.12:
                name = rng.choice(popular)
            elif roll < 0.16:
                name = f"{rng.choice(SAINTS)} {rng.choice(TYPES)}"
            else:
                name = f"{rng.choice(STEMS)} {rng.choice(TYPES)}"
            yield name, town, locality

    def build(self) -> list[dict[str, object]]:
        """Streets of houses, flats and named properties until *target* UPRNs exist."""
        rng = self.rng
        postcoders = [_Postcodes(rng, i) for i in range(len(TOWNS))]
        seen_streets: set[tuple[str, str, str | None]] = set()
        names = self._street_names()
        while len(self.records) < self.target:
            street, town, locality = next(names)
            if (street, town, locality) in seen_streets:
                continue
            seen_streets.add((street, town, locality))
            town_index = [t for t, _ in TOWNS].index(town)
            self._street(street, town, locality, postcoders[town_index])
        return self.records[: self.target] if len(self.records) > self.target else self.records

    def _street(self, street: str, town: str, locality: str | None, pcs: _Postcodes) -> None:
        rng = self.rng
        usrn = self.next_usrn
        self.next_usrn += 1
        district = rng.randint(1, 9)
        sector = rng.randint(1, 9)
        base = {"usrn": usrn, "street_description": street, "town": town, "locality": locality}
        x0, y0 = rng.uniform(400_000, 420_000), rng.uniform(300_000, 320_000)
        rural = street.endswith("LANE") and rng.random() < 0.5
        n_slots = (
            rng.randint(3, 14) if rural else rng.choice((rng.randint(8, 40), rng.randint(40, 120)))
        )
        postcode = pcs.new(district, sector)
        in_postcode = 0
        step = 1 if rng.random() < 0.3 else 2
        number = rng.choice((1, 2)) if step == 2 else 1
        for slot in range(n_slots):
            if in_postcode >= rng.randint(10, 18):
                postcode, in_postcode = pcs.new(district, sector), 0
            place = {
                **base,
                "postcode": postcode,
                "x": x0 + 12 * slot,
                "y": y0 + rng.uniform(-5, 5),
            }
            before = len(self.records)
            if rural:
                self._named_only(place)
            else:
                number = self._numbered(place, number, step)
            in_postcode += len(self.records) - before

    def _named_only(self, place: dict[str, object]) -> None:
        rng = self.rng
        used = self._names_used.setdefault(place["usrn"], set())  # type: ignore[arg-type]
        while True:
            name = (
                rng.choice(HOUSE_NAMES)
                if rng.random() < 0.7
                else f"{rng.choice(STEMS)} {rng.choice(('HOUSE', 'FARM', 'COTTAGE', 'BARN'))}"
            )
            if name not in used:
                break
        used.add(name)
        self._add(pao_text=name, **place)

    def _numbered(self, place: dict[str, object], number: int, step: int) -> int:
        rng = self.rng
        roll = rng.random()
        if roll < 0.62:
            self._add(pao_start_number=number, **place)
        elif roll < 0.66:  # 10 and 10A (and sometimes 10B)
            self._add(pao_start_number=number, **place)
            for suffix in "AB"[: rng.randint(1, 2)]:
                self._add(pao_start_number=number, pao_start_suffix=suffix, **place)
        elif roll < 0.68:  # a range 12-14
            self._add(pao_start_number=number, pao_end_number=number + step, **place)
            return number + 2 * step
        elif roll < 0.74:  # named house with a number (a name once per street)
            used = self._names_used.setdefault(place["usrn"], set())  # type: ignore[arg-type]
            name = rng.choice(HOUSE_NAMES)
            if name in used:
                self._add(pao_start_number=number, **place)
            else:
                used.add(name)
                self._add(pao_text=name, pao_start_number=number, **place)
        elif roll < 0.86:  # converted house: parent shell + flats
            self._converted(place, number)
        elif roll < 0.885:  # a named block of flats
            self._block(place, number)
        elif roll < 0.93:  # shop with flat above
            org = rng.choice(ORGS)
            self._add(pao_start_number=number, organisation=org, classification="CR", **place)
            if rng.random() < 0.6:
                self._add(
                    sao_text="FLAT",
                    sao_start_number=1,
                    pao_start_number=number,
                    classification="RD06",
                    **place,
                )
        else:
            self._add(pao_start_number=number, **place)
            if rng.random() < 0.3:  # a letter suffix house next to it, no base sibling
                self._add(pao_start_number=number + step, pao_start_suffix="A", **place)
        return number + step

    def _converted(self, place: dict[str, object], number: int) -> None:
        rng = self.rng
        parent = self._add(pao_start_number=number, classification="PP", **place)
        style = rng.random()
        n = rng.randint(2, 6)
        for i in range(n):
            if style < 0.45:
                sao = {"sao_text": "FLAT", "sao_start_number": i + 1}
            elif style < 0.7:
                sao = {"sao_text": f"FLAT {string.ascii_uppercase[i]}"}
            elif style < 0.9 and n <= 4:
                sao = {"sao_text": FLOORS[i] if n == 4 else FLOORS[i + 1]}
            else:
                sao = {"sao_start_number": i + 1}
            self._add(
                parent_uprn=parent["uprn"],
                pao_start_number=number,
                classification="RD06",
                **sao,
                **place,
            )

    def _block(self, place: dict[str, object], number: int) -> None:
        rng = self.rng
        block = f"{rng.choice(STEMS)} {rng.choice(BLOCK_WORDS)}"
        numbered = rng.random() < 0.5
        pao = {"pao_text": block, "pao_start_number": number if numbered else None}
        parent = self._add(classification="PP", **pao, **place)
        word = rng.choice(("FLAT", "FLAT", "APARTMENT", None))
        for i in range(rng.randint(4, 30)):
            sao = {"sao_start_number": i + 1, "sao_text": word}
            self._add(parent_uprn=parent["uprn"], classification="RD06", **sao, **pao, **place)


def build_council(target: int = 50_000, seed: int = 1) -> list[dict[str, object]]:
    """Canonical address records (with ``x``, ``y``) of a synthetic council of *target* UPRNs."""
    return CouncilBuilder(target, seed).build()


def _number_text(rec: dict[str, object]) -> str:
    from placelink.core.address_text import number_range

    return number_range(
        rec.get("pao_start_number"),
        rec.get("pao_start_suffix"),
        rec.get("pao_end_number"),
        rec.get("pao_end_suffix"),
    )


def floor_levels(records: list[dict[str, object]]) -> dict[object, str]:
    """OS NGD's ``floorlevel`` of each unit its SAO names by floor, by UPRN: ``0`` for
    GROUND FLOOR FLAT, ``-1`` for BASEMENT, ``1,2`` for FIRST AND SECOND FLOORS; a MIDDLE
    FLAT the floor above its building's named floors and a TOP FLOOR the one above that.
    ``address-errors`` writes a floor (a new floor word, a floor added) at this level; a
    unit without one (``FLAT 3``, a position alone) gets a level it draws at random, as it
    does for any source."""
    from placelink.core.parse import flat_key, sao_floors

    def level(key: str) -> int | None:
        head = key.partition("/")[0]
        return int(head[1:]) if head[1:].lstrip("-").isdecimal() else None

    named: dict[object, list[int]] = {}
    tops: list[tuple[object, object]] = []
    middles: dict[object, list[object]] = {}
    out: dict[object, str] = {}
    for rec in records:
        text = rec.get("sao_text")
        if not text:
            continue
        key = flat_key(text)
        building = rec.get("parent_uprn") or (
            rec.get("street_description"), rec.get("pao_start_number"),
            rec.get("pao_text"), rec.get("postcode"),
        )  # fmt: skip
        floors = [lv for lv in map(level, sao_floors(text) or [key]) if lv is not None]
        if floors:
            out[rec["uprn"]] = ",".join(str(lv) for lv in sorted(set(floors)))
            named.setdefault(building, []).extend(floors)
        elif key.startswith("FTOP"):
            tops.append((rec["uprn"], building))
        elif key == "FX/MIDDLE":
            middles.setdefault(building, []).append(rec["uprn"])
    for building, uprns in middles.items():  # the floor between the named ones and the top
        for uprn in uprns:
            out[uprn] = str(max([0, *named.get(building, [])]) + 1)
    for uprn, building in tops:  # (at least the first floor: a house has a ground floor)
        out[uprn] = str(max([0, *named.get(building, [])]) + 1 + (building in middles))
    return out


def to_components(records: list[dict[str, object]]) -> list[dict[str, str]]:
    """The records as an ``address-errors`` components table (all values text)."""
    from placelink.core.address_text import number_range

    levels = floor_levels(records)
    rows = []
    for rec in records:
        sub = " ".join(
            p
            for p in (
                str(rec.get("sao_text") or ""),
                number_range(rec.get("sao_start_number"), rec.get("sao_start_suffix")),
            )
            if p
        )
        number = _number_text(rec)
        row = {
            "uprn": str(rec["uprn"]),
            "feature_type": "builtaddress",
            "subname": sub,
            "name": str(rec.get("pao_text") or ""),
            "number": number,
            "streetname": str(rec["street_description"]),
            "locality": str(rec.get("locality") or ""),
            "townname": str(rec["town"]),
            "postcode": str(rec["postcode"]),
            "classificationcode": str(rec["classification"]),
            "floorlevel": levels.get(rec["uprn"], ""),
            "parentuprn": str(rec.get("parent_uprn") or ""),
            "usrn": str(rec["usrn"]),
            "organisationname": str(rec.get("organisation") or ""),
            "easting": f"{rec['x']:.0f}",
            "northing": f"{rec['y']:.0f}",
        }
        row.update(
            rm_subbuildingname=row["subname"],
            rm_buildingname=row["name"],
            rm_buildingnumber=number,
            rm_thoroughfare=row["streetname"],
            rm_dependentlocality=row["locality"],
            rm_posttown=row["townname"],
        )
        rows.append(row)
    return rows


def from_components(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """Canonical records from an ``address-errors`` components table (another council's
    layout: SAO and PAO as text, numbers like ``18A`` or ``18-20``)."""
    import re

    out = []
    for row in rows:
        number = (row.get("number") or "").strip().upper()
        m = re.match(r"^(\d+)([A-Z]?)(?:-(\d+)([A-Z]?))?$", number)
        pao = {}
        if m:
            pao = {
                "pao_start_number": int(m.group(1)),
                "pao_start_suffix": m.group(2) or None,
                "pao_end_number": int(m.group(3)) if m.group(3) else None,
                "pao_end_suffix": m.group(4) or None,
            }
        rec = empty_address(
            uprn=int(row["uprn"]),
            parent_uprn=int(row["parentuprn"]) if row.get("parentuprn") else None,
            usrn=int(row["usrn"]) if (row.get("usrn") or "").isdigit() else None,
            sao_text=row.get("subname") or None,
            pao_text=(row.get("name") or None)
            if m or not number
            else f"{row.get('name') or ''} {number}".strip(),
            street_description=row.get("streetname") or None,
            locality=row.get("locality") or None,
            town=row.get("townname") or None,
            postcode=row.get("postcode") or None,
            classification=row.get("classificationcode") or "RD04",
            organisation=row.get("organisationname") or None,
            source="address-errors example",
            **pao,
        )
        rec["address"] = format_address(rec)
        rec["x"] = float(row.get("easting") or 0)
        rec["y"] = float(row.get("northing") or 0)
        out.append(rec)
    return out
