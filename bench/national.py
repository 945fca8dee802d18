"""A national-shaped synthetic gazetteer and queries for the Spark engine's tests and bench.

Many councils from ``bench.matching.gazetteer.build_council`` (houses, converted houses
with flats, blocks, named houses, shops), each given its own three postcode areas, its own
town names and its own UPRN/USRN range; street and locality names repeat across councils,
as Church Road does across Great Britain. Queries are addresses of the gazetteer written
as a service system would hold them: most with a postcode, some without, some with a
wrong one, some misspelt, a few from nowhere. Deterministic for a seed.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator

from placelink.core.address_text import format_address

from .matching.gazetteer import build_council

_FIRST = "ABCDEFGHJKLMNOPRSTUWYZ"
_SECOND = "ABCDEFGHKLMNOPQRSTUVWXY"
_OLD_AREAS = ("NB", "KL", "MF")
_OLD_TOWNS = ("NORTHBRIDGE", "KELLINGTON", "MARSHFIELD")
_SYLLABLES = (
    "AL BAR BOR BRAD CAR CHEL DAR DON ELL FAR GLAN HAL HAR KEN KIR LAN LEI MAL MOR NEW "
    "OAK PEN RAV ROCH SAL SHER STAN TAM THORN WAL WEST WHIT WIN WOL YAR"
).split()
_ENDINGS = ("TON", "BY", "FORD", "HAM", "LEY", "WICK", "BURY", "MOUTH", "FIELD", "CASTER")


def area_codes() -> Iterator[str]:
    """Two-letter postcode areas, in a fixed order; when all 503 are used (above 167
    councils: 3.3M UPRNs), the same areas again with a tens digit on their districts
    (``AB1`` + ``3 2CD``: district AB13), so an area then holds two councils' towns."""
    for tens in ("", *"12345678"):
        for a in _FIRST:
            for b in _SECOND:
                if a + b not in _OLD_AREAS:
                    yield a + b + tens


def town_names(seed: int = 7) -> Iterator[str]:
    """Distinct made-up town names."""
    rng = random.Random(seed)
    seen: set[str] = set()
    while True:
        name = rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES).lower() + rng.choice(_ENDINGS)
        name = name.upper()
        if name not in seen and name not in _OLD_TOWNS:
            seen.add(name)
            yield name


def national_gazetteer(
    uprns: int, per_council: int = 20_000, seed: int = 1
) -> list[dict[str, object]]:
    """About *uprns* canonical address records in ``ceil(uprns / per_council)`` councils."""
    areas, towns = area_codes(), town_names(seed)
    out: list[dict[str, object]] = []
    councils = max(1, -(-uprns // per_council))
    for k in range(councils):
        size = min(per_council, uprns - len(out)) if k == councils - 1 else per_council
        rename = {old: (next(areas), next(towns)) for old in _OLD_AREAS}
        town_of = {t: rename[a][1] for a, t in zip(_OLD_AREAS, _OLD_TOWNS, strict=True)}
        for rec in build_council(max(size, 500), seed=seed * 1000 + k):
            rec = dict(rec)
            for key in ("uprn", "parent_uprn"):
                if rec.get(key) is not None:
                    rec[key] = int(rec[key]) + k * 10_000_000  # type: ignore[call-overload]
            if rec.get("usrn") is not None:
                rec["usrn"] = int(rec["usrn"]) + k * 100_000  # type: ignore[call-overload]
            pcode = rec.get("postcode")
            if pcode:
                rec["postcode"] = rename[str(pcode)[:2]][0] + str(pcode)[2:]
            for key in ("town", "locality"):
                if rec.get(key) in town_of:
                    rec[key] = town_of[rec[key]]  # type: ignore[index]
            rec["x"] = float(rec["x"]) + (k % 20) * 30_000  # type: ignore[arg-type]
            rec["y"] = float(rec["y"]) + (k // 20) * 30_000  # type: ignore[arg-type]
            rec["alternatives"] = None
            rec["address"] = format_address(rec)
            out.append(rec)
    return out


def with_twin_streets(
    gazetteer: list[dict[str, object]], streets: int = 4
) -> list[dict[str, object]]:
    """*gazetteer* plus copies of the first *streets* numbered streets with a locality of
    the first council in the second council's town of that locality: the same house on the
    same street and locality in two towns (locality and street names repeat across Great
    Britain), the case where only the town a record names tells them apart."""
    first = [r for r in gazetteer if int(r["uprn"]) // 10_000_000 == 10_000]  # type: ignore[call-overload]
    second = {str(r["locality"]): r for r in gazetteer
              if int(r["uprn"]) // 10_000_000 == 10_001 and r.get("locality")}  # type: ignore[call-overload]  # fmt: skip
    chosen: list[tuple[object, object]] = []
    for r in first:
        key = (r.get("street_description"), r.get("locality"))
        if r.get("locality") in second and r.get("pao_start_number") is not None:
            if key not in chosen and len(chosen) < streets:
                chosen.append(key)
    out = list(gazetteer)
    for r in first:
        if (r.get("street_description"), r.get("locality")) not in chosen:
            continue
        there = second[str(r["locality"])]
        area, old = str(there["postcode"])[:2], str(r.get("postcode") or "")
        twin = dict(r)
        for key in ("uprn", "parent_uprn"):
            if twin.get(key) is not None:
                twin[key] = int(twin[key]) + 15_000_000  # type: ignore[call-overload]
        twin["usrn"] = int(twin["usrn"]) + 150_000  # type: ignore[call-overload]
        twin["town"] = there["town"]
        twin["postcode"] = area + old[2:] if old else None
        twin["x"] = float(twin["x"]) + 30_000  # type: ignore[arg-type]
        twin["address"] = format_address(twin)
        out.append(twin)
    return out


def with_street_named_blocks(
    gazetteer: list[dict[str, object]], blocks: int = 6
) -> tuple[list[dict[str, object]], list[dict[str, str]]]:
    """(*gazetteer* plus blocks of flats in the second council named after streets of the
    first council that have converted houses, records of those houses without flat and
    postcode): "8 SEVERN ROAD, DAROAKTON" (flats A-C) beside FLAT 8, SEVERN LODGE, FERN
    ROAD in another town (here HIGH LODGE, WIGH STREET for 5 HIGH STREET), which outscored
    the named town's flats in one matcher of the country while the Spark engine, matching
    the record in the named town's area, answered them (the engines disagreed at 1M and
    2M UPRNs before ``names.town_with_street``)."""
    council = [int(r["uprn"]) // 10_000_000 for r in gazetteer]  # type: ignore[call-overload]
    parents = {r["uprn"] for r, c in zip(gazetteer, council) if c == 10_000
               and r.get("classification") == "PP" and r.get("pao_start_number")
               and not r.get("pao_text")}  # fmt: skip
    with_flats = {r["parent_uprn"] for r in gazetteer if r.get("parent_uprn") in parents}
    host = next(r for r, c in zip(gazetteer, council) if c == 10_001 and r.get("locality")
                and r.get("pao_start_number") and not r.get("sao_text"))  # fmt: skip
    out, queries, seen = list(gazetteer), [], set()
    for r in gazetteer:
        street = str(r.get("street_description") or "")
        if r["uprn"] not in with_flats or street in seen or len(seen) >= blocks:
            continue
        seen.add(street)
        number = int(r["pao_start_number"])  # type: ignore[call-overload]
        word, *rest = street.split()
        name = f"{word} LODGE"
        # on a street of a name close to the house's (FERN ROAD for SEVERN ROAD)
        close = " ".join(["B" + word[1:] if word[0] == "W" else "W" + word[1:], *rest])
        for k in range(1, number + 3):
            flat = {key: None for key in r}
            flat.update({key: host[key] for key in ("usrn", "street_description", "locality",
                         "town", "postcode", "x", "y", "source")})  # fmt: skip
            flat.update(uprn=100_019_000_000 + len(seen) * 1_000 + k, sao_start_number=k,
                        sao_text="FLAT", pao_text=name, classification="RD06",
                        logical_status=1, street_description=close,
                        usrn=29_000_000 + len(seen))  # fmt: skip
            flat["address"] = format_address(flat)
            out.append(flat)
        house = {**r, "postcode": None}
        queries.append({"record_id": f"n{r['uprn']}", "address": format_address(house),
                        "postcode": ""})  # fmt: skip
    return out, queries


def with_shared_locality(
    gazetteer: list[dict[str, object]], towns: int = 14
) -> tuple[list[dict[str, object]], list[dict[str, str]]]:
    """(*gazetteer* plus, for one converted house of the first council, a street named
    after its locality's last word in each of *towns* other towns sharing that locality,
    with the house's number, and streets of the house's street word in those towns, so
    that word is commoner than the locality's; the house's record without flat and
    postcode): "81 VICTORIA AVENUE, CANONS PARK, DONMORHAM" beside 81 PARK AVENUE, CANONS
    PARK in more towns than a record opens streets (``MAX_STREETS``), PARK rarer than
    VICTORIA. One matcher of the country opened those Park Avenues before Donmorham's
    Victoria Avenue and left the record unmatched, while the Spark engine, matching it in
    Donmorham's area, answered Donmorham's flats (the engines disagreed at 2M UPRNs)."""
    from placelink.core.matching.index import split_street

    first = [r for r in gazetteer if int(r["uprn"]) // 10_000_000 == 10_000]  # type: ignore[call-overload]
    with_flats = {r.get("parent_uprn") for r in first if r.get("parent_uprn")}
    house = next(
        r for r in first
        if r["uprn"] in with_flats and r.get("locality") and r.get("pao_start_number")
        and not r.get("pao_text") and str(r["locality"]).split()[-1].isalpha()
    )  # fmt: skip
    word, stype = split_street(str(house["street_description"]))
    word = word.split()[0]
    shared = str(house["locality"]).split()[-1]
    kinds = [t for t in ("ROAD", "STREET", "CLOSE", "LANE", "GROVE", "WAY") if t != stype]

    def streets_with(w: str) -> int:
        return len({r.get("usrn") for r in gazetteer
                    if w in str(r.get("street_description") or "").split()})  # fmt: skip

    # the house's street word in more streets than the locality's word will be in
    extra = max(0, streets_with(shared) + towns - streets_with(word) + 3)
    names = town_names(seed=99)
    known = {r.get("town") for r in gazetteer}
    postcodes = {str(r["postcode"])[:2]: r for r in gazetteer
                 if r.get("postcode") and int(r["uprn"]) // 10_000_000 != 10_000}  # type: ignore[call-overload]  # fmt: skip
    hosts = list(postcodes.values())
    out = list(gazetteer)
    for k in range(towns):
        town = next(t for t in names if t not in known)
        host = hosts[k % len(hosts)]
        streets = [(f"{shared} {stype}".strip(), str(house["locality"]), house["pao_start_number"])]
        streets += [(f"{word} {kinds[j % len(kinds)]}", None, 2)
                    for j in range(k, extra, towns)]  # fmt: skip
        for j, (street, locality, number) in enumerate(streets):
            rec = {key: None for key in house}
            rec.update({key: host[key] for key in ("postcode", "x", "y", "source")})
            rec.update(uprn=100_018_000_000 + k * 100 + j, usrn=28_000_000 + k * 100 + j,
                       pao_start_number=number, street_description=street,
                       locality=locality, town=town, classification="RD04",
                       logical_status=1)  # fmt: skip
            rec["address"] = format_address(rec)
            out.append(rec)
    record = {**house, **{k: None for k in house if k.startswith("sao_")}, "postcode": None}
    query = {"record_id": f"s{house['uprn']}", "address": format_address(record), "postcode": ""}
    return out, [query]


def with_country_street_words(
    gazetteer: list[dict[str, object]],
) -> tuple[list[dict[str, object]], list[dict[str, str]]]:
    """(*gazetteer* plus, in the first council's first town and area, a block named from two
    words no street of that area has (FOUNDRY HALL: apartments at 72 of a street) beside
    72 of a street of the same name in a locality of the same town, and streets of those
    two words in the second council's town; the block's record without flat and postcode):
    "FOUNDRY HALL, 72 MILL LANE, FARDARBURY". One matcher of the country knows FOUNDRY and
    HALL as street words and answers the house at 72 Mill Lane, Iverstone; an area's matcher
    without the country's street words took them for words only building names have and
    answered the block's apartments (the engines disagreed at 4M UPRNs)."""
    from placelink.core.matching.index import split_street
    from placelink.core.normalise import is_street_type

    first = [r for r in gazetteer if int(r["uprn"]) // 10_000_000 == 10_000]  # type: ignore[call-overload]
    home = next(r for r in first if r.get("postcode") and r.get("town"))
    area, town = str(home["postcode"])[:2], str(home["town"])
    codes = sorted({str(r["postcode"]) for r in first if r.get("town") == town
                    and str(r.get("postcode") or "")[:2] == area})  # fmt: skip
    there = {w for r in gazetteer if str(r.get("postcode") or "")[:2] == area
             for w in split_street(str(r.get("street_description") or ""))[0].split()}  # fmt: skip
    places = {
        w for r in gazetteer for k in ("town", "locality") for w in str(r.get(k) or "").split()
    }
    pool = ("FOUNDRY", "TANNERY", "BREWERY", "COLLIERY", "HALL", "GRANGE", "PRIORY", "ABBEY")
    words = [w for w in pool if w not in there and w not in places and not is_street_type(w)]
    name, street, locality = f"{words[0]} {words[1]}", "MILLRACE LANE", "IVERSTONE GREEN"
    other = next(r for r in gazetteer if int(r["uprn"]) // 10_000_000 == 10_001  # type: ignore[call-overload]
                 and r.get("postcode") and r.get("town"))  # fmt: skip
    out = list(gazetteer)

    def add(uprn: int, usrn: int, like: dict[str, object], **values: object) -> None:
        rec = {key: None for key in home}
        rec.update({key: like[key] for key in ("x", "y", "source")})
        rec.update({"uprn": uprn, "usrn": usrn, "classification": "RD04", "logical_status": 1,
                    **values})  # fmt: skip
        rec["address"] = format_address(rec)
        out.append(rec)

    base = 100_017_000_000
    block = {"street_description": street, "town": town, "postcode": codes[0]}
    add(base, 27_000_001, home, pao_start_number=72, pao_text=name, classification="PP",
        **block)  # fmt: skip
    for n in range(1, 5):
        add(base + n, 27_000_001, home, pao_start_number=72, pao_text=name, parent_uprn=base,
            sao_text="APARTMENT", sao_start_number=n, classification="RD06", **block)  # fmt: skip
    lane = {"street_description": street, "locality": locality, "town": town,
            "postcode": codes[-1]}  # fmt: skip
    for j, number in enumerate((70, 72, 74)):
        add(base + 10 + j, 27_000_002, home, pao_start_number=number, **lane)
    for j, street_name in enumerate((f"{words[0]} STREET", f"{words[1]} ROAD")):
        add(base + 20 + j, 27_000_003 + j, other, pao_start_number=1,
            street_description=street_name, town=other["town"],
            postcode=other["postcode"])  # fmt: skip
    query = {"record_id": f"f{base}", "address": f"{name}, 72 {street}, {town}", "postcode": ""}
    return out, [query]


def twin_queries(gazetteer: list[dict[str, object]], n: int = 100) -> list[dict[str, str]]:
    """At most *n* records without a postcode, naming the locality and the town, of the
    addresses whose house, street and locality are in two towns (``with_twin_streets``)."""
    seen: dict[tuple, set[object]] = {}
    for r in gazetteer:
        if r.get("locality"):
            key = (r.get("street_description"), r.get("locality"), r.get("pao_start_number"),
                   r.get("pao_start_suffix"), r.get("sao_text"), r.get("pao_text"))  # fmt: skip
            seen.setdefault(key, set()).add(r.get("town"))
    rows = []
    for r in gazetteer:
        key = (r.get("street_description"), r.get("locality"), r.get("pao_start_number"),
               r.get("pao_start_suffix"), r.get("sao_text"), r.get("pao_text"))  # fmt: skip
        if r.get("locality") and len(seen.get(key, ())) > 1:
            text = str(r["address"])
            pcode = str(r.get("postcode") or "")
            if pcode and text.endswith(pcode):
                text = text[: -len(pcode)].rstrip(", ")
            rows.append({"record_id": f"t{r['uprn']}", "address": text, "postcode": ""})
    step = max(1, -(-len(rows) // n))
    return rows[::step][:n]


def hard_queries(
    gazetteer: list[dict[str, object]], n: int = 100, seed: int = 3
) -> list[dict[str, str]]:
    """At most *n* records of the two kinds the engines disagreed on at 1M and 2M UPRNs:
    a converted house's number, street, locality and town without its flat and without a
    postcode ("8 SEVERN ROAD, DAROAKTON": another town may have a building named like the
    street with a flat 8), and a block's flat with another area's postcode (the answer in
    the named block's area, a rival in the postcode's: the two areas' answers are weighed
    by points as one matcher of the country weighs them)."""
    rng = random.Random(seed)
    postcodes = sorted({str(r["postcode"]) for r in gazetteer if r.get("postcode")})
    houses = [
        r for r in gazetteer
        if r.get("parent_uprn") and r.get("sao_text") and r.get("pao_start_number")
    ]  # fmt: skip
    blocks = [r for r in gazetteer if r.get("pao_text") and r.get("sao_start_number")]
    rows = []
    for r in rng.sample(houses, min(n // 2, len(houses))):
        house = {**r, **{k: None for k in r if k.startswith("sao_")}, "postcode": None}
        rows.append({"record_id": f"h{r['uprn']}", "address": format_address(house),
                     "postcode": ""})  # fmt: skip
    for r in rng.sample(blocks, min(n - len(rows), len(blocks))):
        flat = {**r, "postcode": None}
        rows.append({"record_id": f"b{r['uprn']}", "address": format_address(flat),
                     "postcode": rng.choice(postcodes)})  # fmt: skip
    return rows


def _misspell(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    words[i] = w[:j] + rng.choice(string.ascii_uppercase) + w[j + 1 :]
    return " ".join(words)


def national_queries(
    gazetteer: list[dict[str, object]], n: int, seed: int = 2
) -> list[dict[str, str]]:
    """*n* records (record_id, address, postcode): 70% with their postcode, 12% without,
    5% with another area's postcode, 10% misspelt, 3% addresses that do not exist."""
    rng = random.Random(seed)
    postcodes = sorted({str(r["postcode"]) for r in gazetteer if r.get("postcode")})
    rows = []
    for i in range(n):
        rec = gazetteer[rng.randrange(len(gazetteer))]
        pcode = str(rec.get("postcode") or "")
        text = str(rec["address"])
        if pcode and text.endswith(pcode):
            text = text[: -len(pcode)].rstrip(", ")
        roll = rng.random()
        if roll < 0.12:
            pcode = ""
        elif roll < 0.17:
            pcode = rng.choice(postcodes)
        elif roll < 0.27:
            text = _misspell(rng, text)
        elif roll < 0.30:
            text = f"{rng.randint(900, 999)} NOWHERE LANE, {text.split(', ')[-1]}"
        rows.append({"record_id": f"q{i}", "address": text, "postcode": pcode})
    return rows
