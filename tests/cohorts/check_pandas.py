"""The cohort and migration reference check (`make test-cohorts`), Python side.

Reads DIR/cases.json and the orders files written by `examples/cohort_reference.rs`
and recomputes, with pandas, for each case:
- the cohort table: each customer's first purchase month (refunds are no purchase),
  months since it, active customers (distinct buyers) per cohort and month since, net
  revenue (refunds included, one dated before the first purchase in month 0), the
  cohort sizes and the cumulative revenue per customer rounded half away from zero;
- the RFM layer migration between two days: each day's quintile scores (ties score as
  their first rank, as src/domain/customers/rfm.rs), the four layers under the case's
  cut-offs, a crosstab of layer before × layer after, customers new between the days,
  upgrades / downgrades / stayed / sideways.
Fails unless every figure equals the app's.

Usage: python3.11 tests/cohorts/check_pandas.py DIR
"""

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

LAYERS = ["high", "potential", "silent", "lost"]
LEVEL = {"high": 2, "potential": 1, "silent": 1, "lost": 0}


def read(path):
    df = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    customer, date, amount = df.columns[:3]
    dates = pd.to_datetime(df[date].str.slice(0, 10), format="%Y-%m-%d")
    return pd.DataFrame(
        {
            "c": pd.factorize(df[customer])[0],
            "date": dates,
            "month": dates.dt.year * 12 + dates.dt.month - 1,
            "fen": (pd.to_numeric(df[amount]) * 100).round().astype("int64"),
        }
    )


def label(m):
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def cohorts(o, as_of):
    o = o[o["date"] <= as_of]
    last_month = as_of.year * 12 + as_of.month - 1
    buys = o[o["fen"] >= 0]
    first = buys.groupby("c")["month"].min().rename("cohort")
    o = o.join(first, on="c", how="inner")
    o = o.assign(k=(o["month"] - o["cohort"]).clip(lower=0))
    b = o[o["fen"] >= 0]
    active = b.groupby(["cohort", "k"])["c"].nunique()
    revenue = o.groupby(["cohort", "k"])["fen"].sum()
    sizes = first.value_counts().sort_index()
    out = []
    for cohort, size in sizes.items():
        n = last_month - cohort + 1
        act = [int(active.get((cohort, k), 0)) for k in range(n)]
        rev = [int(revenue.get((cohort, k), 0)) for k in range(n)]
        cum = np.cumsum(rev)
        # Half away from zero, in integers.
        ltv = [int(np.sign(s) * ((2 * abs(int(s)) + int(size)) // (2 * int(size)))) for s in cum]
        out.append({"month": label(int(cohort)), "size": int(size), "active": act, "revenue": rev, "ltv": ltv})
    return out


def layers_on(o, day, cuts):
    """Each customer's layer on `day` (a Series indexed by customer)."""
    o = o[o["date"] <= day]
    buy = o["fen"] >= 0
    p = o.assign(buy=buy.astype("int64"), buy_date=o["date"].where(buy))
    g = p.groupby("c").agg(freq=("buy", "sum"), mon=("fen", "sum"), last=("buy_date", "max"))
    g = g[g["freq"] > 0]
    n = len(g)

    def quintile(v):
        return 1 + (5 * (v.rank(method="min").astype("int64") - 1)) // n

    recency = (day - g["last"]).dt.days
    r = quintile(-recency)
    fm = (quintile(g["freq"]) + quintile(g["mon"]) + 1) // 2
    recent, valuable = r >= cuts[0], fm >= cuts[1]
    return pd.Series(
        np.select(
            [recent & valuable, recent & ~valuable, ~recent & valuable],
            ["high", "potential", "silent"],
            "lost",
        ),
        index=g.index,
    )


def migration(o, from_day, to_day, cuts):
    before = layers_on(o, from_day, cuts)
    after = layers_on(o, to_day, cuts)
    both = pd.DataFrame({"before": before, "after": after}).dropna(subset=["after"])
    old = both.dropna(subset=["before"])
    cross = pd.crosstab(old["before"], old["after"]).reindex(index=LAYERS, columns=LAYERS, fill_value=0)
    new = both[both["before"].isna()]["after"].value_counts().reindex(LAYERS, fill_value=0)
    lb, la = old["before"].map(LEVEL), old["after"].map(LEVEL)
    return {
        "moved": cross.astype(int).values.tolist(),
        "new": [int(x) for x in new],
        "upgrades": int((la > lb).sum()),
        "downgrades": int((la < lb).sum()),
        "stayed": int((old["before"] == old["after"]).sum()),
        "sideways": int(((la == lb) & (old["before"] != old["after"])).sum()),
    }


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "target/cohorts")
    cases = json.loads((out / "cases.json").read_text())
    failures, checked, failed_cases = [], 0, 0
    for file, file_cases in cases.items():
        o = read(out / file)
        for case in file_cases:
            as_of, from_day = pd.Timestamp(case["as_of"]), pd.Timestamp(case["from"])
            name = f"{file} as of {case['as_of']}"
            before = len(failures)
            want = cohorts(o, as_of)
            if want != case["cohorts"]:
                got = {c["month"]: c for c in case["cohorts"]}
                diff = next(
                    (w["month"] for w in want if got.get(w["month"]) != w),
                    "cohort months differ",
                )
                failures.append(f"{name}: cohort table differs (first at {diff})")
            mig = migration(o, from_day, as_of, case["cuts"])
            if mig != case["migration"]:
                failures.append(f"{name}: migration from {case['from']} differs: pandas {mig}, app {case['migration']}")
            cells = sum(len(c["active"]) for c in want)
            print(
                f"{name}: {len(want)} cohorts, {cells} cells, {sum(c['size'] for c in want)} customers; "
                f"migration from {case['from']}: {mig['upgrades']} up, {mig['downgrades']} down, {sum(mig['new'])} new"
            )
            checked += 1
            failed_cases += len(failures) > before
    for f in failures:
        print("FAIL", f)
    print(f"cohorts vs pandas: {checked - failed_cases} passed, {failed_cases} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
