"""The response curves' reference check (make test-response), Python side.

Reads DIR/cases.json from examples/response_reference.rs and checks, per channel:
  1. (β, κ) at the app's carry-over θ: scipy.optimize.curve_fit(method="lm") from the
     app's stated starting points, keeping the lowest sum of squares, equals the app's
     parameters within 1e-6 relative;
  2. the whole fit (θ, β, κ): curve_fit(method="trf", bounds θ in [0, 0.95]) from
     several starts reaches no lower sum of squares than the app's (1e-6 relative): the
     same optimum;
  3. the fit recovers the true curve: within 0.5 % without noise, and the predicted
     outcome at the usual spend within 15 % with noise;
and per allocation: scipy.optimize.minimize(method="SLSQP") on the app's fitted curves,
with the same total and limits, reaches the app's predicted outcome within 0.1 %; the
app's allocation sums to the total in whole fen, respects every limit and is never worse
than today's allocation.
"""

import json
import sys

import numpy as np
from scipy.optimize import curve_fit, minimize


def adstock(spend, theta):
    level = spend[0]
    out = []
    for x in spend:
        level = theta * level + (1.0 - theta) * x
        out.append(level)
    return np.array(out)


def curve(a, beta, kappa):
    return -beta * np.expm1(-a / kappa)


def observed(spend, revenue, theta):
    a = adstock(np.array(spend, dtype=float), theta)
    keep = [i for i, y in enumerate(revenue) if y is not None]
    return a[keep], np.array([revenue[i] for i in keep], dtype=float)


def sse(a, y, beta, kappa):
    return float(np.sum((y - curve(a, beta, kappa)) ** 2))


def check_fit(name, ch, noisy):
    fit = ch["fit"]
    a, y = observed(ch["spend"], ch["revenue"], fit["theta"])
    best = None
    for start in fit["starts"]:
        try:
            p, _ = curve_fit(curve, a, y, p0=start, method="lm", xtol=1e-15, ftol=1e-15, maxfev=20000)
        except RuntimeError:
            continue
        if p[0] <= 0 or p[1] <= 0:
            continue
        s = sse(a, y, *p)
        if best is None or s < best[0]:
            best = (s, p)
    assert best is not None, f"{name}: scipy found no fit"
    for got, want, label in [(fit["beta"], best[1][0], "beta"), (fit["kappa"], best[1][1], "kappa")]:
        rel = abs(got / want - 1.0)
        assert rel <= 1e-6, f"{name}: {label} app {got} scipy {want} (rel {rel:.2e})"

    spend = np.array(ch["spend"], dtype=float)
    keep = [i for i, v in enumerate(ch["revenue"]) if v is not None]
    yy = np.array([ch["revenue"][i] for i in keep], dtype=float)

    def full(_, beta, kappa, theta):
        return curve(adstock(spend, theta)[keep], beta, kappa)

    best3 = None
    for theta0 in (0.1, 0.4, 0.7):
        a0, _ = observed(ch["spend"], ch["revenue"], theta0)
        for beta0, kappa0 in fit["starts"]:
            try:
                p, _ = curve_fit(full, keep, yy, p0=[beta0, kappa0, theta0], method="trf",
                                 bounds=([1e-9, 1e-9, 0.0], [np.inf, np.inf, 0.95]),
                                 xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000)
            except (RuntimeError, ValueError):
                continue
            s = float(np.sum((yy - full(None, *p)) ** 2))
            if best3 is None or s < best3[0]:
                best3 = (s, p)
    assert best3 is not None, f"{name}: scipy's 3-parameter fit failed"
    assert fit["sse"] <= best3[0] * (1 + 1e-6), (
        f"{name}: app SSE {fit['sse']} above scipy's {best3[0]} (θ app {fit['theta']}, scipy {best3[1][2]})")

    truth = ch["truth"]
    if noisy:
        x = float(np.mean(spend))
        rel = curve(x, fit["beta"], fit["kappa"]) / curve(x, truth["beta"], truth["kappa"]) - 1
        assert abs(rel) < 0.15, f"{name}: outcome at the usual spend off the truth by {rel:.1%}"
    else:
        for label in ("beta", "kappa"):
            rel = fit[label] / truth[label] - 1
            assert abs(rel) < 5e-3, f"{name}: {label} off the truth by {rel:.2%}"
        assert abs(fit["theta"] - truth["theta"]) < 5e-3, f"{name}: θ {fit['theta']} vs {truth['theta']}"
    return abs(best[1][0] / fit["beta"] - 1), best3[0] / fit["sse"] - 1


def outcome(curves, x):
    return sum(curve(xi, b, k) for (b, k), xi in zip(curves, x))


def check_allocation(name, curves, alloc):
    total, spend = alloc["total"], alloc["spend"]
    lo = alloc["lo"]
    hi = [h if h is not None else total for h in alloc["hi"]]
    assert all(isinstance(s, int) for s in spend), f"{name}: not whole fen"
    assert sum(spend) == total, f"{name}: sums to {sum(spend)}, not {total}"
    assert all(l <= s <= h for s, l, h in zip(spend, lo, hi)), f"{name}: a limit is broken"
    today = alloc["today"]
    scale = total / sum(today)
    base = outcome(curves, [t * scale for t in today])
    app = outcome(curves, spend)
    if all(l <= t * scale <= h for t, l, h in zip(today, lo, hi)):
        assert app >= base * (1 - 1e-9), f"{name}: worse than today's split"
    n = len(curves)
    # In units of the total, so SLSQP's tolerances mean the same at every scale.
    norm = max(outcome(curves, [total / n] * n), 1.0)
    best = None
    for start in ([t * scale for t in today], [total / n] * n, spend):
        x0 = np.clip(np.array(start, dtype=float), lo, hi) / total
        res = minimize(lambda w: -outcome(curves, w * total) / norm, x0, method="SLSQP",
                       bounds=[(l / total, h / total) for l, h in zip(lo, hi)],
                       constraints=[{"type": "eq", "fun": lambda w: np.sum(w) - 1.0}],
                       options={"ftol": 1e-12, "maxiter": 1000})
        w = res.x
        if abs(np.sum(w) - 1) > 1e-6:
            continue
        value = outcome(curves, w * total)
        if best is None or value > best:
            best = value
    assert best is not None, f"{name}: SLSQP did not converge"
    rel = app / best - 1
    assert rel >= -1e-3, f"{name}: app outcome {app} below SLSQP's {best} by {-rel:.3%}"
    return rel


def main():
    cases = json.load(open(sys.argv[1] + "/cases.json"))
    fits = allocs = 0
    worst_param = worst_sse = worst_alloc = 0.0
    for case in cases:
        noisy = "no noise" not in case["name"]
        for i, ch in enumerate(case["channels"]):
            p, s = check_fit(f"{case['name']} channel {i}", ch, noisy)
            worst_param, worst_sse = max(worst_param, p), min(worst_sse, s)
            fits += 1
        for j, alloc in enumerate(case["allocations"]):
            rel = check_allocation(f"{case['name']} allocation {j} ({alloc['limits']})", case["curves"], alloc)
            worst_alloc = min(worst_alloc, rel)
            allocs += 1
    print(f"response: {fits} fits agree with curve_fit (largest relative difference "
          f"{worst_param:.1e}; scipy's 3-parameter optimum at most {-worst_sse:.1e} lower), "
          f"{allocs} allocations reach SLSQP's outcome (worst {worst_alloc:+.2e})")


main()
