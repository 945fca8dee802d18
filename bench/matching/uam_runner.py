"""Run uk-address-matcher on prepared CSV files (run inside bench/.venv-uam, as a subprocess).

Usage: python uam_runner.py CANONICAL.csv MESSY.csv OUT.csv THREADS

Both CSVs have ``unique_id,address_concat,postcode``. Writes ``unique_id,uprn,match_weight,
distinguishability`` and prints a JSON line with the wall time and peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    import duckdb
    from uk_address_matcher import AddressMatcher

    canonical_csv, messy_csv, out_csv, threads = sys.argv[1:5]
    start = time.perf_counter()
    # CPU time counts the whole process, including the imports above
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    canonical = con.read_csv(canonical_csv, all_varchar=True)
    messy = con.read_csv(messy_csv, all_varchar=True)
    matcher = AddressMatcher(
        canonical_addresses=canonical, addresses_to_match=messy, con=con, show_progress="off"
    )
    result = matcher.match()
    rel = result.matches()
    cols = rel.columns
    weight = "match_weight" if "match_weight" in cols else "NULL"
    dist = "distinguishability" if "distinguishability" in cols else "NULL"
    rows = con.sql(f"SELECT unique_id, resolved_canonical_id, {weight}, {dist} FROM rel").fetchall()
    elapsed = time.perf_counter() - start
    with open(out_csv, "w", encoding="utf-8") as f:
        f.write("unique_id,uprn,match_weight,distinguishability\n")
        for uid, cid, w, d in rows:
            f.write(f"{uid},{cid or ''},{'' if w is None else w},{'' if d is None else d}\n")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "cpu": usage.ru_utime + usage.ru_stime,
                "peak_rss_mb": usage.ru_maxrss / 1024,
                "rows": len(rows),
            }
        )
    )


if __name__ == "__main__":
    main()
