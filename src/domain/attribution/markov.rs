//! The first-order absorbing Markov chain model (spec §4.4): states start, the channels,
//! conversion and null; transition probabilities counted from the paths. P(conversion)
//! from the start state is solved exactly from (I − Q) x = r (the fundamental matrix
//! applied to the conversion column) by Gaussian elimination; removing a channel sends
//! every transition into it to null (x_c = 0). Removal effect RE_c = 1 − P₋c / P;
//! credit_c = total × RE_c / Σ RE, for conversions and for value.

use super::journeys::Journeys;
use super::Credits;

/// Transition counts: `to[i][j]` between transient states (0 = start, 1 + c = channel
/// c), and per state the counts into conversion and null.
struct Chain {
    to: Vec<Vec<f64>>,
    conv: Vec<f64>,
    null: Vec<f64>,
}

fn chain(journeys: &Journeys) -> Chain {
    let n = journeys.channels.len() + 1;
    let mut c = Chain {
        to: vec![vec![0.0; n]; n],
        conv: vec![0.0; n],
        null: vec![0.0; n],
    };
    for p in &journeys.paths {
        let w = (p.conversions + p.nulls) as f64;
        let mut from = 0;
        for &t in &p.touches {
            let to = usize::from(t) + 1;
            c.to[from][to] += w;
            from = to;
        }
        c.conv[from] += p.conversions as f64;
        c.null[from] += p.nulls as f64;
    }
    c
}

/// P(conversion) from the start state, with the states in `removed` leading to null.
fn p_conversion(c: &Chain, removed: Option<usize>) -> f64 {
    let n = c.conv.len();
    // Rows of (I − Q | r), probabilities from counts; a state never left (or removed)
    // has x = 0.
    let mut a: Vec<Vec<f64>> = vec![vec![0.0; n + 1]; n];
    for (i, row) in a.iter_mut().enumerate() {
        let out: f64 = c.to[i].iter().sum::<f64>() + c.conv[i] + c.null[i];
        row[i] = 1.0;
        if out == 0.0 || Some(i) == removed {
            continue;
        }
        for (j, count) in c.to[i].iter().enumerate() {
            if Some(j) != removed {
                row[j] -= count / out;
            }
        }
        row[n] = c.conv[i] / out;
    }
    solve(a).first().copied().unwrap_or(0.0)
}

/// Gaussian elimination with partial pivoting on an augmented n × (n + 1) matrix.
fn solve(mut a: Vec<Vec<f64>>) -> Vec<f64> {
    let n = a.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        let p = a[col][col];
        if p.abs() < 1e-300 {
            continue;
        }
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col && row[col] != 0.0 {
                let f = row[col] / p;
                for (x, p) in row.iter_mut().zip(&pivot_row).skip(col) {
                    *x -= f * p;
                }
            }
        }
    }
    (0..n)
        .map(|i| {
            if a[i][i].abs() < 1e-300 {
                0.0
            } else {
                a[i][n] / a[i][i]
            }
        })
        .collect()
}

/// The removal effects per channel (0 when nothing converts).
pub fn removal_effects(journeys: &Journeys) -> Vec<f64> {
    let c = chain(journeys);
    let p = p_conversion(&c, None);
    (0..journeys.channels.len())
        .map(|ch| {
            if p <= 0.0 {
                0.0
            } else {
                (1.0 - p_conversion(&c, Some(ch + 1)) / p).max(0.0)
            }
        })
        .collect()
}

/// Markov credits, normalised to the total conversions and value.
pub fn markov(journeys: &Journeys) -> Credits {
    let re = removal_effects(journeys);
    let sum: f64 = re.iter().sum();
    let mut credits = Credits::zero(re.len());
    if sum > 0.0 {
        for (i, r) in re.iter().enumerate() {
            credits.conversions[i] = journeys.conversions as f64 * r / sum;
            credits.value[i] = journeys.value as f64 * r / sum;
        }
    }
    credits
}

#[cfg(test)]
mod tests {
    use super::super::tests::{close, three_channels};
    use super::*;

    /// Paths (one journey each): A→B→conv, A→C→null, C→conv, B→null, B→conv.
    ///
    /// Hand solution. Transitions: start→A 2/5, start→B 2/5, start→C 1/5; A→B 1/2,
    /// A→C 1/2; B→conv 2/3, B→null 1/3; C→conv 1/2, C→null 1/2.
    /// x_B = 2/3, x_C = 1/2, x_A = ½·⅔ + ½·½ = 7/12,
    /// P = ⅖·7/12 + ⅖·⅔ + ⅕·½ = 14/60 + 16/60 + 6/60 = 3/5.
    /// Without A: ⅖·⅔ + ⅕·½ = 11/30 → RE_A = 1 − (11/30)/(3/5) = 7/18.
    /// Without B: x_A = ¼ → ⅖·¼ + ⅕·½ = 1/5 → RE_B = 1 − 1/3 = 12/18.
    /// Without C: x_A = ⅓ → ⅖·⅓ + ⅖·⅔ = 2/5 → RE_C = 1 − 2/3 = 6/18.
    /// Σ RE = 25/18; 3 conversions → A 21/25 = 0.84, B 36/25 = 1.44, C 18/25 = 0.72;
    /// value ¥300 → A ¥84, B ¥144, C ¥72.
    #[test]
    fn matches_the_hand_solved_three_channel_chain() {
        let j = three_channels();
        let re = removal_effects(&j);
        close(&re, &[7.0 / 18.0, 12.0 / 18.0, 6.0 / 18.0]);
        close(&[p_conversion(&chain(&j), None)], &[0.6]);
        let m = markov(&j);
        close(&m.conversions, &[0.84, 1.44, 0.72]);
        close(&m.value, &[8_400.0, 14_400.0, 7_200.0]);
    }

    #[test]
    fn loops_and_no_conversions() {
        let mut j = three_channels();
        // A self-loop (A A B) does not change the absorption probabilities.
        j.paths[0].touches = vec![0, 0, 1];
        close(&removal_effects(&j), &[7.0 / 18.0, 12.0 / 18.0, 6.0 / 18.0]);
        for p in &mut j.paths {
            p.nulls += p.conversions;
            p.conversions = 0;
            p.value = 0;
        }
        j.conversions = 0;
        j.value = 0;
        assert_eq!(markov(&j).conversions, [0.0; 3]);
    }
}
