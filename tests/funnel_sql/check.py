"""The funnel's reference check (`make test-funnel-sql`), Python side.

Reads DIR/events.csv and DIR/cases.json written by `examples/funnel_reference.rs`, runs
each case's ClickHouse SQL in chdb (in-process ClickHouse) and its DuckDB SQL in DuckDB,
turns their level counts into users reaching each step, and fails unless both equal the
app's counts, all users and per starting channel. The time to convert is checked too:
DuckDB lists every counted user's path, and pandas' median and 90th percentile of each
step's time from the previous step must equal the app's.

Usage: python3.11 tests/funnel_sql/check.py DIR
"""

import csv
import io
import json
import math
import os
import sys
import time

import chdb
import duckdb
import pandas as pd


def reached(level_rows, steps):
    """{channel: [users reaching step 1..n]} from (channel, level, users) rows."""
    out = {}
    for channel, level, users in level_rows:
        counts = out.setdefault(channel or "", [0] * steps)
        for k in range(int(level)):
            counts[k] += int(users)
    return out


def compare(name, engine, got, want, failures):
    for channel, counts in want.items():
        # A channel nobody started in has no rows in SQL; the app gives zeros.
        have = got.get(channel, [0] * len(counts))
        if have != counts:
            failures.append(f"{name} [{engine}] channel {channel!r}: app {counts}, {engine} {have}")


def main(folder):
    folder = os.path.abspath(folder)
    cases = json.load(open(os.path.join(folder, "cases.json")))
    events = os.path.join(folder, "events.csv")

    ch = chdb.session.Session()
    ch.query("CREATE DATABASE IF NOT EXISTS funnel ENGINE = Atomic; USE funnel")
    ch.query("DROP TABLE IF EXISTS events")
    ch.query(
        "CREATE TABLE events (user_id String, event_time DateTime('UTC'), event String, "
        "channel String) ENGINE = MergeTree ORDER BY (user_id, event_time)"
    )
    ch.query(f"INSERT INTO events SELECT * FROM file('{events}', CSVWithNames, "
             "'user_id String, event_time DateTime(\\'UTC\\'), event String, channel String')")
    rows = int(str(ch.query("SELECT count() FROM events", "CSV")).strip())

    db = duckdb.connect()
    db.execute("SET TimeZone = 'UTC'")
    db.execute(
        "CREATE TABLE events AS SELECT * FROM read_csv(?, header = true, columns = "
        "{'user_id': 'VARCHAR', 'event_time': 'TIMESTAMP', 'event': 'VARCHAR', 'channel': 'VARCHAR'})",
        [events],
    )
    assert rows == cases["rows"] == db.execute("SELECT count(*) FROM events").fetchone()[0], rows
    print(f"{rows} events of {cases['users']} users in chdb {chdb.__version__} and DuckDB {duckdb.__version__}")

    failures = []
    for case in cases["cases"]:
        name = case["name"]
        want = case["counts"]
        steps = len(want[""])
        started = time.time()
        checked = []
        if case["clickhouse"]:
            # The query as the page writes it, FORMAT clause included.
            text = str(ch.query(case["clickhouse"]))
            rows_ = list(csv.reader(io.StringIO(text)))
            assert rows_[0] == ["start_channel", "level", "users"], rows_[:1]
            compare(name, "ClickHouse", reached(rows_[1:], steps), want, failures)
            checked.append("ClickHouse")
        got = db.execute(case["duckdb"]).fetchall()
        compare(name, "DuckDB", reached(got, steps), want, failures)
        checked.append("DuckDB")

        paths = db.execute(case["duckdb_paths"]).df()
        for t in case["timing"]:
            k = t["step"]  # 0-based index of the step reached, >= 1
            gaps = pd.Series(
                [p[k] - p[k - 1] for p in paths["path"] if len(p) > k], dtype="int64"
            )
            median = None if gaps.empty else float(gaps.median())
            p90 = None if gaps.empty else float(gaps.quantile(0.9))
            for what, app, ref in (("median", t["median"], median), ("p90", t["p90"], p90)):
                same = (app is None and ref is None) or (
                    app is not None and ref is not None and math.isclose(app, ref, abs_tol=1e-6)
                )
                if not same or len(gaps) != t["users"]:
                    failures.append(
                        f"{name}: step {k + 1} {what}: app {app} ({t['users']} users), "
                        f"pandas {ref} ({len(gaps)} users)"
                    )
        checked.append("pandas")
        print(f"  {name}: {want['']} checked in {', '.join(checked)} ({time.time() - started:.1f} s)")

    if failures:
        print(f"{len(failures)} differences:")
        for f in failures[:40]:
            print("  " + f)
        sys.exit(1)
    print(f"all {len(cases['cases'])} funnel definitions agree")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/funnel-sql")
