"""The customer-value reference check (make test-clv): the app's BG/NBD and Gamma-Gamma
fits, predictions and CLV against `lifetimes` 0.11.3 on the same orders.

    check_lifetimes.py CLV_REFERENCE_BINARY OUT_DIR

1. Generated orders (examples/clv_reference.rs `generate`, known parameters, fixed seed):
   - the per-customer summary (frequency, recency, T, monetary value) equals
     lifetimes' summary_data_from_transaction_data exactly;
   - the four BG/NBD and three Gamma-Gamma parameters within 1e-3 relative of
     BetaGeoFitter / GammaGammaFitter's;
   - at lifetimes' parameters, P(alive) and the expected purchases in 30 / 90 / 365 days
     within 1e-6, the expected spend and 12-month CLV (1 % a month) within 1e-6 relative;
   - the holdout comparison (calibration_and_holdout_data, fit on calibration, mean
     actual and predicted holdout purchases per calibration frequency) equal.
2. CDNOW (lifetimes' bundled data of Fader, Hardie & Lee 2005): the BG/NBD fit of the
   customer summary, and the whole path from CDNOW_master's transactions, within 1e-3.
"""
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import calibration_and_holdout_data, summary_data_from_transaction_data
import lifetimes.datasets

BIN, OUT = sys.argv[1], sys.argv[2]
os.makedirs(OUT, exist_ok=True)
failures = []


def run(*args):
    return subprocess.run([BIN, *args], check=True, capture_output=True, text=True).stdout.strip()


def rel_check(what, app, ref, tol):
    err = abs(app - ref) / abs(ref)
    status = "ok" if err <= tol else "FAIL"
    print(f"  {what:<10} app {app:.8g}  lifetimes {ref:.8g}  rel {err:.2e}  {status}")
    if err > tol:
        failures.append(f"{what}: app {app} vs lifetimes {ref}")


def abs_check(what, app, ref, tol, relative=False):
    app, ref = np.asarray(app, float), np.asarray(ref, float)
    diff = np.abs(app - ref)
    if relative:
        diff = diff / np.maximum(np.abs(ref), 1e-300)
    worst = float(diff.max()) if len(diff) else 0.0
    status = "ok" if worst <= tol else "FAIL"
    kind = "relative" if relative else "absolute"
    print(f"  {what:<10} {len(diff)} customers, largest {kind} difference {worst:.2e}  {status}")
    if worst > tol:
        failures.append(f"{what}: largest difference {worst}")


def fit_lifetimes(summary):
    bgf = BetaGeoFitter(penalizer_coef=0.0)
    bgf.fit(summary["frequency"], summary["recency"], summary["T"])
    return bgf


def check_orders(name, orders_path, as_of, cal_end, id_col, date_col, amount_col, spend=True):
    print(f"{name}: {orders_path}, analysis day {as_of}, calibration end {cal_end}")
    d = os.path.join(OUT, name)
    run("fit", orders_path, as_of, cal_end, d)
    app = json.load(open(os.path.join(d, "app_params.json")))
    if app["warnings"] != "[]":
        print(f"  app warnings: {app['warnings']}")
    tx = pd.read_csv(orders_path, dtype={id_col: str})
    tx[date_col] = pd.to_datetime(tx[date_col].astype(str))
    summary = summary_data_from_transaction_data(
        tx, id_col, date_col, monetary_value_col=amount_col, observation_period_end=as_of, freq="D"
    )
    customers = pd.read_csv(os.path.join(d, "app_customers.csv"), dtype={"customer": str}).set_index("customer")
    summary = summary.loc[customers.index]
    for col, app_col in [("frequency", "frequency"), ("recency", "recency"), ("T", "T")]:
        abs_check(col, customers[app_col], summary[col], 0.0)
    abs_check("monetary", customers["monetary"], summary["monetary_value"], 1e-9)

    bgf = fit_lifetimes(summary)
    for k in ["r", "alpha", "a", "b"]:
        rel_check(k, app[k], float(bgf.params_[k]), 1e-3)
    params = {k: float(bgf.params_[k]) for k in ["r", "alpha", "a", "b"]}
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    ggf = None
    if spend:
        ggf = GammaGammaFitter(penalizer_coef=0.0)
        ggf.fit(repeat["frequency"], repeat["monetary_value"])
        for k in ["p", "q", "v"]:
            rel_check(k, app[k], float(ggf.params_[k]), 1e-3)
        params.update({k: float(ggf.params_[k]) for k in ["p", "q", "v"]})
    else:
        params.update({"p": 1.0, "q": 2.0, "v": 1.0})
    params_path = os.path.join(d, "lifetimes_params.json")
    json.dump(params, open(params_path, "w"))
    at = os.path.join(d, "app_at_lifetimes.csv")
    run("evaluate", orders_path, as_of, params_path, at)
    mine = pd.read_csv(at, dtype={"customer": str}).set_index("customer").loc[summary.index]
    f, r, T = summary["frequency"], summary["recency"], summary["T"]
    abs_check("P(alive)", mine["p_alive"], bgf.conditional_probability_alive(f, r, T), 1e-6)
    for t in [30, 90, 365]:
        ref = bgf.conditional_expected_number_of_purchases_up_to_time(t, f, r, T)
        abs_check(f"E[{t}d]", mine[f"e{t}"], ref, 1e-6)
    if spend:
        # Spend and CLV of the customers the spend model covers (repeat buyers with a
        # positive mean), as lifetimes' docs apply it.
        idx = repeat.index
        ref_spend = ggf.conditional_expected_average_profit(repeat["frequency"], repeat["monetary_value"])
        abs_check("spend", mine.loc[idx, "spend"], ref_spend, 1e-6, relative=True)
        ref_clv = ggf.customer_lifetime_value(
            bgf, repeat["frequency"], repeat["recency"], repeat["T"], repeat["monetary_value"],
            time=12, discount_rate=0.01, freq="D",
        )
        abs_check("CLV", mine.loc[idx, "clv"], ref_clv, 1e-6, relative=True)

    # Holdout: lifetimes' calibration / holdout split, fit on calibration, then the mean
    # actual and predicted holdout purchases per calibration frequency (6 = 6 or more).
    # (With pandas 3, lifetimes' holdout count needs a value column beside the dates.)
    ch = calibration_and_holdout_data(
        tx, id_col, date_col, calibration_period_end=cal_end, observation_period_end=as_of, freq="D",
        monetary_value_col=amount_col,
    )
    cal = BetaGeoFitter(penalizer_coef=0.0).fit(ch["frequency_cal"], ch["recency_cal"], ch["T_cal"])
    ch["predicted"] = cal.conditional_expected_number_of_purchases_up_to_time(
        ch["duration_holdout"], ch["frequency_cal"], ch["recency_cal"], ch["T_cal"]
    )
    ch["bucket"] = ch["frequency_cal"].clip(upper=6).astype(int)
    ref = ch.groupby("bucket").agg(customers=("predicted", "size"), actual=("frequency_holdout", "mean"),
                                   predicted=("predicted", "mean"))
    hold = pd.read_csv(os.path.join(d, "app_holdout.csv"), comment="#").set_index("frequency_cal")
    abs_check("holdout n", hold["customers"], ref.loc[hold.index, "customers"], 0.0)
    abs_check("actual", hold["actual"], ref.loc[hold.index, "actual"], 1e-12)
    abs_check("predicted", hold["predicted"], ref.loc[hold.index, "predicted"], 1e-4, relative=True)


# 1. Generated orders.
orders = os.path.join(OUT, "orders.csv")
as_of = run("generate", orders)
check_orders("generated", orders, as_of, "2025-03-01", "customer_id", "date", "amount")

# 2. CDNOW.
data_dir = os.path.dirname(lifetimes.datasets.__file__)
print("CDNOW summary (weeks): the BG/NBD fit")
summary_csv = os.path.join(data_dir, "cdnow_customers_summary.csv")
run("fit-summary", summary_csv, os.path.join(OUT, "cdnow_summary_app.json"))
app = json.load(open(os.path.join(OUT, "cdnow_summary_app.json")))
s = pd.read_csv(summary_csv)
bgf = fit_lifetimes(s)
for k in ["r", "alpha", "a", "b"]:
    rel_check(k, app[k], float(bgf.params_[k]), 1e-3)

master = pd.read_csv(os.path.join(data_dir, "CDNOW_master.txt"), sep=r"\s+", header=None, skiprows=1,
                     names=["customer_id", "date", "cds", "amount"], dtype={"customer_id": str, "date": str})
cdnow_orders = os.path.join(OUT, "cdnow_orders.csv")
master[["customer_id", "date", "amount"]].to_csv(cdnow_orders, index=False)
# Some CDNOW rows are $0: the spend model leaves those customers out on both sides.
check_orders("cdnow", cdnow_orders, "1998-06-30", "1997-09-30", "customer_id", "date", "amount")

if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("customer value: the app equals lifetimes")
