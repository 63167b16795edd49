//! Shapley values (spec §4.4): v(S) = conversions (or value) of the journeys whose set of
//! channels lies within S; φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)).
//!
//! With few channels (≤ [`EXACT_MAX`]) the formula is evaluated over all 2ⁿ coalitions
//! (v by a subset-sum transform, O(n·2ⁿ)). With more, the simplified form of Zhao et al.
//! (2018), φ_j = Σ_{T ∋ j} R(T) / |T| where R(T) is what journeys with channel set
//! exactly T brought, which is the same value (v is a sum of unanimity games, each
//! splitting R(T) equally among T) in time linear in the journeys.

use super::journeys::Journeys;
use super::Credits;

/// Channels up to which the coalitions are enumerated.
pub const EXACT_MAX: usize = 16;

/// Distinct channel sets of the converting paths with their conversions and value.
fn channel_sets(journeys: &Journeys) -> Vec<(Vec<u16>, f64, f64)> {
    let mut sets: std::collections::HashMap<Vec<u16>, (f64, f64)> = Default::default();
    for p in journeys.paths.iter().filter(|p| p.conversions > 0) {
        let mut set = p.touches.clone();
        set.sort_unstable();
        set.dedup();
        let e = sets.entry(set).or_default();
        e.0 += p.conversions as f64;
        e.1 += p.value as f64;
    }
    let mut out: Vec<_> = sets.into_iter().map(|(k, (c, v))| (k, c, v)).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The simplified form: each set's result shared equally among its channels.
pub fn shapley_simplified(journeys: &Journeys) -> Credits {
    let mut credits = Credits::zero(journeys.channels.len());
    for (set, conv, value) in channel_sets(journeys) {
        let k = set.len() as f64;
        for c in set {
            credits.conversions[usize::from(c)] += conv / k;
            credits.value[usize::from(c)] += value / k;
        }
    }
    credits
}

/// The coalition formula over all 2ⁿ subsets (n ≤ [`EXACT_MAX`]).
pub fn shapley_exact(journeys: &Journeys) -> Credits {
    let n = journeys.channels.len();
    assert!(
        n <= EXACT_MAX,
        "exact Shapley is for at most {EXACT_MAX} channels"
    );
    if n == 0 {
        return Credits::zero(0);
    }
    let size = 1usize << n;
    let (mut v_conv, mut v_value) = (vec![0.0; size], vec![0.0; size]);
    for (set, conv, value) in channel_sets(journeys) {
        let mask = set.iter().fold(0usize, |m, &c| m | 1 << c);
        v_conv[mask] += conv;
        v_value[mask] += value;
    }
    // Subset sums: v(S) = Σ_{T ⊆ S} R(T).
    for i in 0..n {
        for s in 0..size {
            if s & 1 << i != 0 {
                v_conv[s] += v_conv[s ^ 1 << i];
                v_value[s] += v_value[s ^ 1 << i];
            }
        }
    }
    // weight(k) = k!(n−k−1)!/n! = 1 / (n · C(n−1, k)).
    let mut weight = vec![0.0; n.max(1)];
    let mut binom = 1.0;
    for (k, w) in weight.iter_mut().enumerate() {
        *w = 1.0 / (n as f64 * binom);
        binom = binom * (n - 1 - k) as f64 / (k + 1) as f64;
    }
    let mut credits = Credits::zero(n);
    for s in 0..size {
        let k = s.count_ones() as usize;
        for i in (0..n).filter(|i| s & 1 << i == 0) {
            let w = weight[k];
            credits.conversions[i] += w * (v_conv[s | 1 << i] - v_conv[s]);
            credits.value[i] += w * (v_value[s | 1 << i] - v_value[s]);
        }
    }
    credits
}

/// Shapley credits: exact enumeration for few channels, the simplified form otherwise.
pub fn shapley(journeys: &Journeys) -> Credits {
    if journeys.channels.len() <= EXACT_MAX {
        shapley_exact(journeys)
    } else {
        shapley_simplified(journeys)
    }
}

/// Natively only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::journeys::{Journeys, Path};
    use super::super::tests::{close, three_channels};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn three_channel_example() {
        // Converting sets: {A, B} 1 (¥100), {C} 1 (¥50), {B} 1 (¥150):
        // A ½, B ½ + 1, C 1.
        let j = three_channels();
        let s = shapley(&j);
        close(&s.conversions, &[0.5, 1.5, 1.0]);
        close(&s.value, &[5_000.0, 20_000.0, 5_000.0]);
        close(&shapley_simplified(&j).conversions, &s.conversions);
    }

    /// φ by brute force: the average marginal contribution over every order of the
    /// channels, v computed straight from the paths.
    fn brute_force(j: &Journeys) -> Vec<f64> {
        let n = j.channels.len();
        let v = |s: &[bool]| -> f64 {
            j.paths
                .iter()
                .filter(|p| p.touches.iter().all(|&c| s[usize::from(c)]))
                .map(|p| p.conversions as f64)
                .sum()
        };
        let mut perm: Vec<usize> = (0..n).collect();
        let mut phi = vec![0.0; n];
        let mut count = 0.0;
        // Heap's algorithm, iterative.
        let mut c = vec![0; n];
        let mut visit = |perm: &[usize]| {
            let mut s = vec![false; n];
            for &i in perm {
                let before = v(&s);
                s[i] = true;
                phi[i] += v(&s) - before;
            }
            count += 1.0;
        };
        visit(&perm);
        let mut i = 0;
        while i < n {
            if c[i] < i {
                perm.swap(if i % 2 == 0 { 0 } else { c[i] }, i);
                visit(&perm);
                c[i] += 1;
                i = 0;
            } else {
                c[i] = 0;
                i += 1;
            }
        }
        phi.iter().map(|p| p / count).collect()
    }

    fn journeys_from(n: usize, raw: Vec<(Vec<u16>, u64, u64)>) -> Journeys {
        let paths: Vec<Path> = raw
            .into_iter()
            .map(|(t, conv, nulls)| Path {
                touches: t.into_iter().map(|c| c % n as u16).collect(),
                conversions: conv,
                value: conv as i64 * 100,
                nulls,
            })
            .collect();
        Journeys {
            channels: (0..n).map(|i| format!("c{i}")).collect(),
            kinds: vec![None; n],
            conversions: paths.iter().map(|p| p.conversions).sum(),
            value: paths.iter().map(|p| p.value).sum(),
            journeys: paths.iter().map(|p| p.conversions + p.nulls).sum(),
            paths,
            ..Journeys::default()
        }
    }

    proptest! {
        #[test]
        fn exact_equals_brute_force_and_simplified_and_is_efficient(
            n in 1usize..6,
            raw in prop::collection::vec(
                (prop::collection::vec(0u16..6, 1..6), 0u64..5, 0u64..3), 0..12),
        ) {
            let j = journeys_from(n, raw);
            let exact = shapley_exact(&j);
            let brute = brute_force(&j);
            let simple = shapley_simplified(&j);
            for (i, b) in brute.iter().enumerate() {
                prop_assert!((exact.conversions[i] - b).abs() < 1e-9);
                prop_assert!((exact.conversions[i] - simple.conversions[i]).abs() < 1e-9);
            }
            // Efficiency: the credits add up to all conversions (and all value).
            let total: f64 = exact.conversions.iter().sum();
            prop_assert!((total - j.conversions as f64).abs() < 1e-9);
            let value: f64 = exact.value.iter().sum();
            prop_assert!((value - j.value as f64).abs() < 1e-6);
        }
    }
}
