//! Deterministic random numbers for generated data: the sample files, the simulations and
//! the bootstrap in the core, and the reference checks, tests and benches beside it. Each
//! generator gives the same sequence from the same seed natively and in wasm, so a sample
//! file, a band or a reference case is the same bytes everywhere.

/// xorshift64* (Vigna 2016): the sample files', reference checks' and benches' generator.
#[derive(Debug, Clone)]
pub struct XorShift64Star(pub u64);

impl XorShift64Star {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (`n` > 0), by remainder: generated files depend on this exact map.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in (0, 1].
    pub fn uniform(&mut self) -> f64 {
        unit(self.next_u64())
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): the simulations' and the bootstrap's generator.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1].
    pub fn uniform(&mut self) -> f64 {
        unit(self.next_u64())
    }

    /// Uniform in `0..n` (Lemire's multiply-shift: no remainder bias).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// The top 53 bits as a double in (0, 1] (the very top value rounds to 1): never 0, so a
/// logarithm of it is finite.
fn unit(bits: u64) -> f64 {
    ((bits >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sequences() {
        // SplitMix64 from seed 0: the reference implementation's first output.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
        // xorshift64* from 1: the state becomes 1 | 1 << 25, the output its product.
        let mut x = XorShift64Star(1);
        assert_eq!(
            x.next_u64(),
            0x200_0001u64.wrapping_mul(0x2545_f491_4f6c_dd1d)
        );
        assert_eq!(x.0, 0x200_0001);
    }

    #[test]
    fn uniform_is_never_zero_nor_above_one() {
        assert!(unit(0) > 0.0 && unit(u64::MAX) <= 1.0);
        let mut s = SplitMix64::new(3);
        assert!((0..1000).all(|_| s.below(7) < 7));
    }
}
