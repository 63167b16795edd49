//! Maximum likelihood without scipy: BFGS with a backtracking line search on the
//! log-parameters, from the starting point `lifetimes` uses. Both models' negative
//! log-likelihoods are smooth with analytic gradients, so BFGS reaches the optimum to
//! the last digits that matter; we match `lifetimes`' optimum, not its path.

/// Where the search ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    pub iterations: usize,
    /// The gradient's largest component fell below the tolerance.
    pub converged: bool,
}

/// A log-parameter beyond this (a parameter above 5e8 or below 2e-9) means the likelihood
/// has no interior optimum on this data (e.g. no dropout at all): the search stops there,
/// unconverged, rather than crawl toward infinity for thousands of iterations.
const RUNAWAY: f64 = 20.0;

/// Iterations over which f must improve by more than rounding to keep searching.
const STALL_WINDOW: usize = 25;

/// Minimises `f` (value and gradient) from `x0`. Converged when every gradient component
/// is below `gtol` in absolute value; stops unconverged when a coordinate runs past
/// [`RUNAWAY`] or f stops improving for [`STALL_WINDOW`] iterations.
pub fn bfgs(f: impl Fn(&[f64]) -> (f64, Vec<f64>), x0: &[f64], gtol: f64) -> Minimum {
    let n = x0.len();
    let mut x = x0.to_vec();
    let (mut fx, mut g) = f(&x);
    let mut h = identity(n);
    let mut iterations = 0;
    let max_iter = 2_000;
    let norm = |v: &[f64]| v.iter().fold(0.0f64, |m, a| m.max(a.abs()));
    if !fx.is_finite() {
        return Minimum {
            x,
            value: fx,
            iterations,
            converged: false,
        };
    }
    let mut stalled = 0;
    let mut recent = std::collections::VecDeque::with_capacity(STALL_WINDOW + 1);
    while iterations < max_iter && norm(&g) > gtol {
        if norm(&x) > RUNAWAY {
            break;
        }
        recent.push_back(fx);
        if recent.len() > STALL_WINDOW {
            let old = recent.pop_front().unwrap_or(fx);
            if old - fx <= 1e-12 * fx.abs().max(1.0) {
                break;
            }
        }
        iterations += 1;
        let mut p: Vec<f64> = (0..n).map(|i| -dot(&h[i], &g)).collect();
        let mut slope = dot(&p, &g);
        if slope >= 0.0 {
            // Not a descent direction (rounding): restart from steepest descent.
            h = identity(n);
            p = g.iter().map(|v| -v).collect();
            slope = dot(&p, &g);
        }
        // Log-parameters never need to move by more than a few units at once.
        let longest = norm(&p);
        let mut step = if longest > 3.0 { 3.0 / longest } else { 1.0 };
        let mut accepted = None;
        for _ in 0..60 {
            let trial: Vec<f64> = x.iter().zip(&p).map(|(a, d)| a + step * d).collect();
            let (ft, gt) = f(&trial);
            let finite = ft.is_finite() && gt.iter().all(|v| v.is_finite());
            // Near the optimum f changes by less than its rounding; a step that leaves f
            // level within rounding and shrinks the gradient is then progress too.
            let level = (ft - fx).abs() <= 1e-13 * fx.abs().max(1.0) && norm(&gt) < norm(&g);
            if finite && (ft <= fx + 1e-4 * step * slope || level) {
                accepted = Some((trial, ft, gt));
                break;
            }
            step *= 0.5;
        }
        let Some((xn, fxn, gn)) = accepted else {
            // No decrease along the direction: as far as f64 goes, unless the inverse
            // Hessian was poor; retry once from steepest descent.
            if stalled < 2 {
                stalled += 1;
                h = identity(n);
                continue;
            }
            break;
        };
        stalled = 0;
        let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-300 {
            if iterations == 1 {
                // Scale the first inverse Hessian to the curvature seen.
                let scale = sy / dot(&y, &y);
                for (i, row) in h.iter_mut().enumerate() {
                    row[i] = scale;
                }
            }
            let hy: Vec<f64> = (0..n).map(|i| dot(&h[i], &y)).collect();
            let yhy = dot(&y, &hy);
            let rho = 1.0 / sy;
            for i in 0..n {
                for j in 0..n {
                    h[i][j] +=
                        rho * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
                }
            }
        }
        let progress = fx - fxn;
        x = xn;
        fx = fxn;
        g = gn;
        if progress == 0.0 && norm(&s) == 0.0 {
            break;
        }
    }
    let converged = norm(&g) <= gtol;
    Minimum {
        x,
        value: fx,
        iterations,
        converged,
    }
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_rosenbrock_minimum() {
        let f = |x: &[f64]| {
            let (a, b) = (x[0], x[1]);
            let v = (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2);
            let g = vec![
                -2.0 * (1.0 - a) - 400.0 * a * (b - a * a),
                200.0 * (b - a * a),
            ];
            (v, g)
        };
        let m = bfgs(f, &[-1.2, 1.0], 1e-10);
        assert!(m.converged, "{m:?}");
        assert!((m.x[0] - 1.0).abs() < 1e-8 && (m.x[1] - 1.0).abs() < 1e-8);
    }

    #[test]
    fn stops_early_when_the_optimum_is_at_infinity() {
        // e^-x + y^2: no minimum in x (as a likelihood with no dropout in the data).
        let f = |x: &[f64]| {
            (
                (-x[0]).exp() + x[1] * x[1],
                vec![-(-x[0]).exp(), 2.0 * x[1]],
            )
        };
        let m = bfgs(f, &[0.0, 1.0], 1e-10);
        assert!(!m.converged, "{m:?}");
        assert!(m.iterations < 200, "{m:?}");
        assert!(m.x[0] <= RUNAWAY + 3.0, "{m:?}");
    }
}
