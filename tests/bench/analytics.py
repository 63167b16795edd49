"""The analytics benchmark's Python side and its report (figures, never pass / fail).

Reads the files and results the native bench wrote (`cargo run --release --example
analytics_bench -- --out DIR`: events.csv, orders.csv, journeys.csv, native.json) and the
browser bench's log (DIR/wasm.log, `BENCH {json}` lines), runs the same computations in
pandas, in DuckDB with one thread (funnel and RFM) and as an exact numpy absorbing-chain
solve (Markov) and coalition sum (Shapley), then prints times, ratios and whether the
results agree.
    tests/bench/.venv/bin/python tests/bench/analytics.py tests/bench/data
"""

import json
from math import factorial
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

DIR = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/bench/data")
STEPS = ["scan", "join", "redeem", "purchase"]
WEEK, HOUR = 7 * 86_400, 3_600


REPEAT = 7  # computations: median of this many runs, as the Rust side


def clock():
    return time.perf_counter() * 1e3


def timed(f):
    """Median time in ms of REPEAT runs of f, and its last result."""
    times, out = [], None
    for _ in range(REPEAT):
        t = clock()
        out = f()
        times.append(clock() - t)
    return sorted(times)[REPEAT // 2], out


# ---------------------------------------------------------------- event-log funnel


def funnel_pandas():
    t0 = clock()
    df = pd.read_csv(DIR / "events.csv", dtype=str)
    ev = pd.DataFrame(
        {
            "u": pd.factorize(df["user_id"])[0],
            "t": pd.to_datetime(df["timestamp"], format="%Y-%m-%dT%H:%M:%SZ").dt.as_unit("s").astype("int64"),
            "event": df["event"],
            "channel": df["channel"],
        }
    )
    t1 = clock()

    def count(window, channel):
        # Every step-1 event is a start; the earliest next step at or after the previous
        # one (as-of join) leaves the most room, so a start reaches step k iff its
        # greedy chain does within the window. A user counts at the deepest step reached.
        start = ev[ev["event"] == STEPS[0]]
        if channel:
            start = start[start["channel"] == channel]
        cur = pd.DataFrame({"u": start["u"].to_numpy(), "t0": start["t"].to_numpy(), "t": start["t"].to_numpy()})
        counts = [cur["u"].nunique()]
        for name in STEPS[1:]:
            nxt = ev.loc[ev["event"] == name, ["u", "t"]].rename(columns={"t": "tn"}).sort_values("tn")
            m = pd.merge_asof(cur.sort_values("t"), nxt, left_on="t", right_on="tn", by="u", direction="forward")
            m = m[m["tn"].notna() & (m["tn"] - m["t0"] <= window)]
            cur = pd.DataFrame({"u": m["u"].to_numpy(), "t0": m["t0"].to_numpy(), "t": m["tn"].to_numpy("int64")})
            counts.append(cur["u"].nunique())
        return counts

    compute, counts = timed(lambda: count(WEEK, None))
    store = count(HOUR, "store")
    return {"parse_ms": t1 - t0, "compute_ms": compute, "counts_7d": counts, "counts_1h_store": store}


def funnel_duckdb():
    con = duckdb.connect()
    con.execute("SET threads = 1")
    t0 = clock()
    con.execute(
        f"""CREATE TABLE ev AS
        SELECT user_id AS u, epoch(strptime(ts, '%Y-%m-%dT%H:%M:%SZ'))::BIGINT AS t, event, channel
        FROM read_csv('{DIR / "events.csv"}', header = true,
          columns = {{'user_id': 'VARCHAR', 'ts': 'VARCHAR', 'event': 'VARCHAR', 'channel': 'VARCHAR'}})"""
    )
    t1 = clock()

    def count(window, channel):
        where = f"AND channel = '{channel}'" if channel else ""
        ctes = [f"s1 AS (SELECT u, t AS t0, t FROM ev WHERE event = '{STEPS[0]}' {where})"]
        for k, name in enumerate(STEPS[1:], start=2):
            ctes.append(
                f"""s{k} AS (SELECT s.u, s.t0, e.t FROM s{k - 1} s
                ASOF JOIN (SELECT u, t FROM ev WHERE event = '{name}') e ON s.u = e.u AND s.t <= e.t
                WHERE e.t - s.t0 <= {window})"""
            )
        sel = ", ".join(f"(SELECT count(DISTINCT u) FROM s{k})" for k in range(1, len(STEPS) + 1))
        return list(con.execute(f"WITH {', '.join(ctes)} SELECT {sel}").fetchone())

    compute, counts = timed(lambda: count(WEEK, None))
    store = count(HOUR, "store")
    return {"parse_ms": t1 - t0, "compute_ms": compute, "counts_7d": counts, "counts_1h_store": store}


# ---------------------------------------------------------------- RFM


def segments_of(r, fm):
    """The ten segments in the app's SEGMENTS order (src/domain/customers/rfm.rs)."""
    low_r, r3, r4, r5 = r <= 2, r == 3, r == 4, r >= 5
    return [
        r5 & (fm >= 4),  # Champions
        (r3 | r4) & (fm >= 4),  # Loyal
        (r4 | r5) & (fm >= 2) & (fm <= 3),  # Potential loyalist
        r5 & (fm <= 1),  # New customers
        r4 & (fm <= 1),  # Promising
        r3 & (fm == 3),  # Need attention
        r3 & (fm <= 2),  # About to sleep
        low_r & (fm >= 3) & (fm <= 4),  # At risk
        low_r & (fm >= 5),  # Can't lose them
        low_r & (fm <= 2),  # Hibernating
    ]


def rfm_result(r, f, m, monetary):
    r, f, m, monetary = (np.asarray(x, dtype=np.int64) for x in (r, f, m, monetary))
    fm = (f + m + 1) // 2
    recent, valuable = r >= 3, fm >= 3
    layers = [recent & valuable, recent & ~valuable, ~recent & valuable, ~recent & ~valuable]
    segs = segments_of(r, fm)
    return {
        "customers": int(len(r)),
        "score_sums": [int(r.sum()), int(f.sum()), int(m.sum())],
        "layers": [int(x.sum()) for x in layers],
        "segments": [int(x.sum()) for x in segs],
        "segment_spend": [int(monetary[x].sum()) for x in segs],
    }


def rfm_pandas():
    t0 = clock()
    df = pd.read_csv(DIR / "orders.csv", dtype=str)
    phone, date, amount = df.columns[:3]
    o = pd.DataFrame(
        {
            "c": pd.factorize(df[phone])[0],
            "day": (pd.to_datetime(df[date], format="%Y-%m-%d") - pd.Timestamp("1970-01-01")).dt.days,
            "fen": (pd.to_numeric(df[amount]) * 100).round().astype("int64"),
        }
    )
    t1 = clock()

    def compute():
        # The app's refund rule (src/domain/customers/orders.rs, Order::is_refund): a
        # negative amount is not a purchase (no frequency, no last purchase day) but is
        # subtracted from the spend; customers without a purchase are left out.
        as_of = o["day"].max()
        buy = o["fen"] >= 0
        p = o.assign(buy=buy.astype("int64"), buy_day=o["day"].where(buy))
        g = p.groupby("c", sort=False).agg(freq=("buy", "sum"), mon=("fen", "sum"), last=("buy_day", "max"))
        g = g[g["freq"] > 0]
        n = len(g)

        def quintile(v):
            # Ties score as their first rank: 1 + ⌊5k / n⌋ with k the 0-based minimum rank.
            return 1 + (5 * (v.rank(method="min").astype("int64") - 1)) // n

        r = quintile(-(as_of - g["last"]))
        f = quintile(g["freq"])
        m = quintile(g["mon"])
        return rfm_result(r, f, m, g["mon"])

    ms, out = timed(compute)
    return {"parse_ms": t1 - t0, "compute_ms": ms, **out}


def rfm_duckdb():
    con = duckdb.connect()
    con.execute("SET threads = 1")
    t0 = clock()
    con.execute(
        f"""CREATE TABLE o AS SELECT c, d, (amount * 100)::BIGINT AS fen
        FROM read_csv('{DIR / "orders.csv"}', header = true,
          columns = {{'c': 'VARCHAR', 'd': 'DATE', 'amount': 'DECIMAL(18,2)', 'ch': 'VARCHAR', 'store': 'VARCHAR'}})"""
    )
    t1 = clock()
    ms, out = timed(lambda: rfm_result(*con.execute(RFM_SQL).fetchnumpy().values()))
    return {"parse_ms": t1 - t0, "compute_ms": ms, **out}


RFM_SQL = (
        # The refund rule as in rfm_pandas: only purchases (fen >= 0) count and date.
        """WITH s AS (SELECT c, count(*) FILTER (WHERE fen >= 0) AS f, sum(fen) AS mon,
                max(d) FILTER (WHERE fen >= 0) AS last FROM o GROUP BY c
          HAVING count(*) FILTER (WHERE fen >= 0) > 0),
        k AS (SELECT s.*, (SELECT max(d) FROM o) - last AS rec, count(*) OVER () AS n FROM s)
        SELECT 1 + (5 * (rank() OVER (ORDER BY -rec) - 1)) // n,
               1 + (5 * (rank() OVER (ORDER BY f) - 1)) // n,
               1 + (5 * (rank() OVER (ORDER BY mon) - 1)) // n,
               mon
        FROM k"""
)


# ---------------------------------------------------------------- attribution


def attribution_numpy():
    t0 = clock()
    df = pd.read_csv(DIR / "journeys.csv", dtype={"journey_id": str, "channel": str, "type": str})
    is_conv = df["type"] == "conversion"
    # Channel ids in order of first appearance in the file, as the app's reader; state 0
    # is the start, 1 + c channel c (conversions keep 0, unused).
    codes, channels = pd.factorize(df["channel"].where(~is_conv))
    df["state"] = np.where(is_conv, 0, codes + 1)
    df["j"] = pd.factorize(df["journey_id"])[0]
    df = df.sort_values(["j", "timestamp"], kind="stable", ignore_index=True)
    conv = (df["type"] == "conversion").to_numpy()
    j = df["j"].to_numpy()
    state = df["state"].to_numpy("int64")
    channels = list(channels)
    # These journeys are touches then at most one conversion: one path per journey.
    first = np.r_[True, j[1:] != j[:-1]]
    last = np.r_[j[1:] != j[:-1], True]
    assert not (conv & ~last).any() and not (conv & first).any(), "unexpected journey shape"
    values = (df.loc[conv, "value"].to_numpy() * 100).round().astype(np.int64)
    conversions, value = int(conv.sum()), int(values.sum())
    t1 = clock()
    n = len(channels) + 1
    touch = ~conv

    def markov():
        # Transition counts: start (0) or the previous touch → this touch; the last
        # touch → conversion or null.
        prev = np.where(first, 0, np.r_[0, state[:-1]])
        to = np.zeros((n, n))
        np.add.at(to, (prev[touch], state[touch]), 1.0)
        conv_from, null_from = np.zeros(n), np.zeros(n)
        np.add.at(conv_from, prev[conv], 1.0)
        np.add.at(null_from, state[last & touch], 1.0)
        out = to.sum(axis=1) + conv_from + null_from
        safe = np.where(out == 0, 1.0, out)
        q = np.where(out[:, None] == 0, 0.0, to / safe[:, None])
        r = np.where(out == 0, 0.0, conv_from / safe)

        def p_conversion(removed=None):
            # (I − Q) x = r, exactly; a removed channel leads to null (x = 0).
            a = np.eye(n) - q
            b = r.copy()
            if removed is not None:
                a[:, removed] = 0.0
                a[removed, :] = 0.0
                a[removed, removed] = 1.0
                b[removed] = 0.0
            return np.linalg.solve(a, b)[0]

        p = p_conversion()
        re = np.array([max(0.0, 1.0 - p_conversion(c + 1) / p) for c in range(n - 1)])
        return conversions * re / re.sum(), value * re / re.sum()

    def shapley():
        # v(S) = what journeys whose channel set lies within S brought (subset sums).
        k = n - 1
        size = 1 << k
        masks = np.zeros(len(state), dtype=np.int64)
        masks[touch] = 1 << (state[touch] - 1)
        per_journey = np.bitwise_or.reduceat(masks, np.flatnonzero(first))
        converted = np.zeros(len(per_journey), dtype=bool)
        converted[j[conv]] = True
        jvalue = np.zeros(len(per_journey))
        jvalue[j[conv]] = values
        v_conv = np.bincount(per_journey[converted], minlength=size).astype(float)
        v_value = np.bincount(per_journey[converted], weights=jvalue[converted], minlength=size)
        idx = np.arange(size)
        for i in range(k):
            has = (idx >> i) & 1 == 1
            v_conv[has] += v_conv[idx[has] ^ (1 << i)]
            v_value[has] += v_value[idx[has] ^ (1 << i)]
        pop = np.array([bin(s).count("1") for s in range(size)])
        weight = np.array([factorial(s) * factorial(k - s - 1) / factorial(k) for s in range(k)])
        phi_conv, phi_value = np.zeros(k), np.zeros(k)
        for i in range(k):
            s = idx[(idx >> i) & 1 == 0]
            w = weight[pop[s]]
            phi_conv[i] = (w * (v_conv[s | 1 << i] - v_conv[s])).sum()
            phi_value[i] = (w * (v_value[s | 1 << i] - v_value[s])).sum()
        return phi_conv, phi_value

    markov_ms, (markov_conv, markov_value) = timed(markov)
    shapley_ms, (shapley_conv, shapley_value) = timed(shapley)
    return {
        "parse_ms": t1 - t0,
        "markov_ms": markov_ms,
        "shapley_ms": shapley_ms,
        "channels": channels,
        "journeys": int(first.sum()),
        "conversions": conversions,
        "value": value,
        "markov_conversions": markov_conv.tolist(),
        "markov_value": markov_value.tolist(),
        "shapley_conversions": shapley_conv.tolist(),
        "shapley_value": shapley_value.tolist(),
    }


# ---------------------------------------------------------------- customer value (CLV)

CLV_PYTHON = Path(__file__).resolve().parent.parent / "clv" / ".venv" / "bin" / "python"


def clv_lifetimes():
    """lifetimes 0.11.3 on the same orders.csv (tests/clv/bench_lifetimes.py, in the venv
    .ci/setup.sh test makes for make test-clv); None when that venv is missing."""
    import subprocess

    if not CLV_PYTHON.exists():
        return None
    script = Path(__file__).resolve().parent.parent / "clv" / "bench_lifetimes.py"
    out = subprocess.run([str(CLV_PYTHON), str(script), str(DIR / "clv_orders.csv")], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def clv_report(native, wasm, ref):
    """Times beside lifetimes', and the parameters' and sums' agreement (1e-3 relative)."""
    print()
    print("Predicted customer value on clv_orders.csv (simulated BG/NBD purchasing): BG/NBD +")
    print("Gamma-Gamma fit and every customer's P(alive), expected purchases and 12-month CLV")
    w = wasm.get("clv") if wasm else None
    n = native.get("clv")
    if n is None:
        print("  (no clv results in native.json)")
        return True
    print(f"  {n['orders']:,} orders, customers {n['customers']:,}, repeat customers {n['repeaters']:,}")
    line = f"  Rust native {n['fit_ms'] + n['value_ms']:8.0f} ms"
    if w:
        line += f"   Rust wasm (Chromium) {w['fit_ms'] + w['value_ms']:8.0f} ms"
    print(line + "   (fit + predictions, then CLV with the settings)")
    if ref is None:
        print("  lifetimes: tests/clv/.venv missing (make setup-test makes it)")
        return True
    note = f" on the first {ref['sample_customers']:,} customers" if ref["sample_customers"] else ""
    print(
        f"  lifetimes{note}: {ref['fit_ms']:8.0f} ms (summary {ref['summary_ms']:.0f}, BG/NBD fit {ref['bg_fit_ms']:.0f},"
        f" Gamma-Gamma fit {ref['gg_fit_ms']:.0f}, predictions + CLV {ref['predict_ms']:.0f}; read {ref['read_ms']:.0f} ms not counted)"
    )
    ok = True
    for name, impl in [("native", n)] + ([("wasm", w)] if w else []):
        for model in ["bg", "gg"]:
            for k, want in ref[model].items():
                got = impl[model][k]
                err = abs(got - want) / abs(want)
                good = err <= 1e-3
                ok &= good
                print(f"  {'OK  ' if good else 'DIFF'} {name} {k} {got:.6g} vs lifetimes {want:.6g} (relative {err:.1e})")
        for k in ["customers", "repeaters"]:
            good = impl[k] == ref[k]
            ok &= good
            print(f"  {'OK  ' if good else 'DIFF'} {name} {k} {impl[k]} vs lifetimes {ref[k]}")
        for k in ["p_alive_sum", "e90_sum", "clv_sum"]:
            err = abs(impl[k] - ref[k]) / abs(ref[k])
            good = err <= 1e-3
            ok &= good
            print(f"  {'OK  ' if good else 'DIFF'} {name} {k} {impl[k]:.6g} vs lifetimes {ref[k]:.6g} (relative {err:.1e})")
    return ok
# ---------------------------------------------------------------- cohorts


def cohorts_pandas():
    """The cohort table as the app counts it (src/domain/customers/cohorts.rs): first
    purchase month per customer (refunds are no purchase), distinct buyers per cohort and
    month since, net revenue (a refund before the first purchase in month 0)."""
    df = pd.read_csv(DIR / "orders.csv", dtype=str)
    phone, date, amount = df.columns[:3]
    dates = pd.to_datetime(df[date].str.slice(0, 10), format="%Y-%m-%d")
    o = pd.DataFrame(
        {
            "c": pd.factorize(df[phone])[0],
            "month": dates.dt.year * 12 + dates.dt.month - 1,
            "fen": (pd.to_numeric(df[amount]) * 100).round().astype("int64"),
        }
    )

    def compute():
        buy = o["fen"] >= 0
        first = o[buy].groupby("c")["month"].min().rename("cohort")
        p = o.join(first, on="c", how="inner")
        p = p.assign(k=(p["month"] - p["cohort"]).clip(lower=0))
        active = p[p["fen"] >= 0].groupby(["cohort", "k"])["c"].nunique()
        revenue = p.groupby(["cohort", "k"])["fen"].sum()
        return first, active, revenue

    ms, (first, active, revenue) = timed(compute)
    return {
        "compute_ms": ms,
        "cohorts": int(first.nunique()),
        "customers": int(len(first)),
        "active_sum": int(active.sum()),
        "revenue_sum": int(revenue.sum()),
        "month0_active": [int(active.get((m, 0), 0)) for m in sorted(first.unique())],
    }


# ---------------------------------------------------------------- report


def wasm_results():
    log = DIR / "wasm.log"
    if not log.exists():
        return None
    out = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        at = line.find("BENCH {")
        if at >= 0:
            out.update(json.loads(line[at + 6 :]))
    return out or None


def main():
    native = json.loads((DIR / "native.json").read_text())
    wasm = wasm_results()
    print("Python side (pandas, DuckDB with one thread, numpy) on the same files ...", flush=True)
    py = {
        "funnel pandas": funnel_pandas(),
        "funnel duckdb": funnel_duckdb(),
        "rfm pandas": rfm_pandas(),
        "rfm duckdb": rfm_duckdb(),
        "cohorts pandas": cohorts_pandas(),
        "attribution numpy": attribution_numpy(),
    }

    def num(x):
        return f"{x:9.1f}" if x < 100 else f"{x:9.0f}"

    def fmt(x, base):
        if x is None:
            return "—".rjust(18)
        return f"{num(x)} ms {x / base:5.1f}×"

    rows = [
        ("funnel: read 1M events", "funnel", "parse_ms", "funnel pandas", "funnel duckdb"),
        ("funnel: count, 7-day window", "funnel", "compute_ms", "funnel pandas", "funnel duckdb"),
        ("funnel: page count (modes, paths)", "funnel", "analyze_ms", "funnel pandas", "funnel duckdb"),
        ("RFM: read 1M orders", "rfm", "parse_ms", "rfm pandas", "rfm duckdb"),
        ("RFM: score + segments", "rfm", "compute_ms", "rfm pandas", "rfm duckdb"),
        ("cohort table (≤ 300 ms in wasm)", "cohorts", "compute_ms", "cohorts pandas", None),
        ("attribution: read 100k journeys", "attribution", "parse_ms", "attribution numpy", None),
        ("Markov (removal effects)", "attribution", "markov_ms", "attribution numpy", None),
        ("Shapley (exact, 2^12)", "attribution", "shapley_ms", "attribution numpy", None),
    ]
    print()
    print("Analytics: time, and × the native Rust time (higher = slower)")
    print(f"{'operation':34}{'Rust native':>13}{'Rust wasm (Chromium)':>22}{'pandas / numpy':>20}{'DuckDB, 1 thread':>20}")
    for label, part, key, p1, p2 in rows:
        n = native[part][key]
        w = wasm[part].get(key) if wasm and part in wasm else None
        print(
            f"{label:34}{num(n):>10} ms{fmt(w, n):>22}{fmt(py[p1].get(key), n):>20}"
            f"{fmt(py[p2].get(key) if p2 else None, n):>20}"
        )
    if wasm and "generate_ms" in wasm:
        print(f"(data generation, not compared: wasm {wasm['generate_ms']:.0f} ms)")
    # Rust only (scipy's side is `make test-response`, an agreement check, not a race).
    r = native.get("response")
    if r:
        w = (wasm or {}).get("response")
        print(
            f"response curves, {r['channels']} channels × {r['months']} months, {r['replicates']} bootstrap"
            f" fits each + the optimum (≤ 500 ms in wasm): native {r['total_ms']:.0f} ms, wasm "
            + (f"{w['total_ms']:.0f} ms (fit {w['fit_ms']:.0f}, optimise {w['optimise_ms']:.1f})" if w else "—")
        )
    c = native.get("cohorts")
    if c and "migration_ms" in c:
        w = (wasm or {}).get("cohorts", {})
        wm = f"{w['migration_ms']:.0f} ms" if "migration_ms" in w else "—"
        print(f"RFM layer migration between two dates, 1M orders: native {c['migration_ms']:.0f} ms, wasm {wm}")

    print()
    print("Reads: wasm ÷ DuckDB (1 thread), and the peak memory of each import (MB, the")
    print("reader's copy of the file included; the bench's counting allocator)")
    for label, part, p2 in [
        ("read 1M events", "funnel", "funnel duckdb"),
        ("read 1M orders", "rfm", "rfm duckdb"),
        ("read 100k journeys", "attribution", None),
    ]:
        w = wasm.get(part) if wasm else None
        ratio = f"{w['parse_ms'] / py[p2]['parse_ms']:.1f}×" if w and p2 else "—"
        mem = lambda r: f"{r['parse_peak_mb']:.0f} MB" if r and "parse_peak_mb" in r else "—"
        print(f"  {label:22} wasm ÷ DuckDB {ratio:>6}   peak native {mem(native[part]):>7}, wasm {mem(w):>7}")

    print()
    print("Agreement")
    ok_all = True

    def check(label, good, detail):
        nonlocal ok_all
        ok_all &= good
        print(f"  {'OK  ' if good else 'DIFF'} {label}: {detail}")

    impls = [("native", native)] + ([("wasm", wasm)] if wasm else [])
    for key in ["counts_7d", "counts_1h_store"]:
        ref = native["funnel"][key]
        others = {n: r["funnel"][key] for n, r in impls[1:]} | {
            "pandas": py["funnel pandas"][key],
            "duckdb": py["funnel duckdb"][key],
        }
        check(f"funnel {key} equal", all(v == ref for v in others.values()), f"native {ref}" + "".join(f"; {k} {v}" for k, v in others.items() if v != ref))
    for key in ["customers", "layers", "segments", "score_sums", "segment_spend"]:
        ref = native["rfm"][key]
        others = {n: r["rfm"][key] for n, r in impls[1:]} | {
            "pandas": py["rfm pandas"][key],
            "duckdb": py["rfm duckdb"][key],
        }
        check(f"RFM {key} equal", all(v == ref for v in others.values()), f"native {ref}" + "".join(f"; {k} {v}" for k, v in others.items() if v != ref))
    for key in ["cohorts", "customers", "active_sum", "revenue_sum", "month0_active"]:
        ref = native["cohorts"][key]
        others = {n: r["cohorts"][key] for n, r in impls[1:] if "cohorts" in r} | {"pandas": py["cohorts pandas"][key]}
        check(f"cohorts {key} equal", all(v == ref for v in others.values()), f"native {ref if key != 'month0_active' else len(ref)}" + "".join(f"; {k} {v}" for k, v in others.items() if v != ref))
    exact = py["attribution numpy"]
    for key in ["channels", "journeys", "conversions", "value"]:
        vals = [r["attribution"][key] for _, r in impls]
        check(f"journeys {key} equal", all(v == exact[key] for v in vals), f"{exact[key] if key != 'channels' else len(exact[key])}")
    for key in ["markov_conversions", "shapley_conversions", "markov_value", "shapley_value"]:
        ref = np.array(exact[key])
        for name, r in impls:
            got = np.array(r["attribution"][key])
            diff = np.abs(got - ref)
            if key.endswith("_value"):
                # Fen totals near 10^8: compare relative to the credit.
                err = float((diff / np.maximum(np.abs(ref), 1.0)).max())
                check(f"{key} {name} vs numpy", err <= 1e-9, f"max relative difference {err:.1e}")
            else:
                err = float(diff.max())
                check(f"{key} {name} vs numpy", err <= 1e-9, f"max difference {err:.1e}")
    ok_all &= clv_report(native, wasm, clv_lifetimes())
    print("all results agree" if ok_all else "SOME RESULTS DIFFER (see DIFF above)")


if __name__ == "__main__":
    main()
