"""lifetimes' side of the CLV benchmark (make bench-analytics; run by tests/bench/analytics.py
in the tests/clv/.venv, which has lifetimes). On the bench's clv_orders.csv, as the app reads
it (refund rows, negative amounts, are not purchases; the analysis day is the last order
day): summary_data_from_transaction_data, BetaGeoFitter and GammaGammaFitter fits, every
customer's P(alive), expected purchases in 90 days and 12-month CLV at 1 % a month
(the fit time counts the summary, both fits and the predictions, not the read).
Prints one JSON object: times (ms), parameters and sums.

    bench_lifetimes.py ORDERS.csv [SAMPLE_CUSTOMERS]

With SAMPLE_CUSTOMERS, only the orders of that many customers (the first by id) are
used, for a machine where the whole file takes too long; the output says so.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data


def clock():
    return time.perf_counter() * 1e3


path = sys.argv[1]
sample = int(sys.argv[2]) if len(sys.argv) > 2 else None
t0 = clock()
tx = pd.read_csv(path, dtype=str, usecols=[0, 1, 2])
tx.columns = ["customer", "date", "amount"]
tx["date"] = pd.to_datetime(tx["date"])
tx["amount"] = tx["amount"].astype(float)
as_of = tx["date"].max()
tx = tx[tx["amount"] >= 0]
if sample:
    keep = np.sort(tx["customer"].unique())[:sample]
    tx = tx[tx["customer"].isin(keep)]
t1 = clock()
summary = summary_data_from_transaction_data(
    tx, "customer", "date", monetary_value_col="amount", observation_period_end=str(as_of.date()), freq="D"
)
t2 = clock()
bgf = BetaGeoFitter(penalizer_coef=0.0).fit(summary["frequency"], summary["recency"], summary["T"])
t3 = clock()
repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
ggf = GammaGammaFitter(penalizer_coef=0.0).fit(repeat["frequency"], repeat["monetary_value"])
t4 = clock()
f, r, T = summary["frequency"], summary["recency"], summary["T"]
p_alive = bgf.conditional_probability_alive(f, r, T)
e90 = bgf.conditional_expected_number_of_purchases_up_to_time(90, f, r, T)
# Every customer, as the app values them: without repeat purchases the expected spend is
# the population mean (conditional_expected_average_profit with x = 0).
clv = ggf.customer_lifetime_value(
    bgf, f, r, T, summary["monetary_value"], time=12, discount_rate=0.01, freq="D",
)
t5 = clock()
print(json.dumps({
    "sample_customers": sample,
    "customers": int(len(summary)),
    "repeaters": int((summary["frequency"] > 0).sum()),
    "read_ms": t1 - t0,
    "summary_ms": t2 - t1,
    "bg_fit_ms": t3 - t2,
    "gg_fit_ms": t4 - t3,
    "predict_ms": t5 - t4,
    "fit_ms": t5 - t1,
    "bg": {k: float(bgf.params_[k]) for k in ["r", "alpha", "a", "b"]},
    "gg": {k: float(ggf.params_[k]) for k in ["p", "q", "v"]},
    "p_alive_sum": float(np.sum(p_alive)),
    "e90_sum": float(np.sum(e90)),
    "clv_sum": float(np.sum(clv)),
}))
