//! A seeded, portable random stream: the same seed gives the same numbers on every machine and in
//! WebAssembly.
//!
//! xoshiro256++ (seeded through SplitMix64) for the bits, a 256-layer ziggurat for standard normals.
//! Everything is integer arithmetic and IEEE-754 operations that Rust never fuses; the ziggurat's
//! tables and its rare slow path use the pure-Rust `libm`, never the platform's maths library.

use std::sync::OnceLock;

/// The generator of the Monte Carlo: xoshiro256++ (Blackman and Vigna), 2^256 − 1 period.
#[derive(Debug, Clone)]
pub struct Random {
    state: [u64; 4],
}

impl Random {
    /// A stream for `seed`; every seed, zero included, gives a good state.
    #[must_use]
    pub fn new(seed: u64) -> Random {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Random { state: [next(), next(), next(), next()] }
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = self.state;
        let result = s0.wrapping_add(s3).rotate_left(23).wrapping_add(s0);
        let t = s1 << 17;
        let mut s = [s0, s1, s2 ^ s0, s3 ^ s1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        self.state = s;
        result
    }

    /// Uniform in [0, 1), 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        // The top 53 bits as an integer are exact in f64; so is the power-of-two scale.
        #[allow(clippy::cast_precision_loss)]
        let mantissa = (self.next_u64() >> 11) as f64;
        mantissa * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1]: safe under a logarithm.
    #[inline]
    pub fn uniform_open_zero(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// A standard normal draw (ziggurat of Marsaglia and Tsang, as in `rand_distr`).
    #[inline]
    pub fn normal(&mut self) -> f64 {
        let z = ziggurat();
        loop {
            let bits = self.next_u64();
            let layer = (bits & 0xff) as usize;
            // A symmetric uniform in (-1, 1) from the top 52 bits.
            #[allow(clippy::cast_precision_loss)]
            let u = ((bits >> 12) as f64 + 0.5) * (2.0 / (1u64 << 52) as f64) - 1.0;
            let x = u * z.x[layer];
            // layer <= 255 and the tables have 257 entries: the index is in range.
            let upper = layer.wrapping_add(1);
            if x.abs() < z.x[upper] {
                return x;
            }
            if layer == 0 {
                return self.normal_tail(u < 0.0);
            }
            let y = z.f[upper] + (z.f[layer] - z.f[upper]) * self.uniform();
            if y < libm::exp(-0.5 * x * x) {
                return x;
            }
        }
    }

    /// A draw beyond the ziggurat's base, `|x| > R` (Marsaglia's tail method).
    fn normal_tail(&mut self, negative: bool) -> f64 {
        loop {
            let x = -libm::log(self.uniform_open_zero()) / ZIGGURAT_R;
            let y = -libm::log(self.uniform_open_zero());
            if y + y >= x * x {
                let draw = ZIGGURAT_R + x;
                return if negative { -draw } else { draw };
            }
        }
    }
}

/// Where the ziggurat's tail starts, and the area of each of its 256 layers.
const ZIGGURAT_R: f64 = 3.654_152_885_361_009;
const ZIGGURAT_V: f64 = 0.004_928_673_233_99;

/// Layer edges `x[0..=256]` (x[0] the base's equivalent width, x[256] = 0) and `f[i] = e^(−x²/2)`.
struct Ziggurat {
    x: [f64; 257],
    f: [f64; 257],
}

fn ziggurat() -> &'static Ziggurat {
    static TABLES: OnceLock<Ziggurat> = OnceLock::new();
    TABLES.get_or_init(|| {
        let density = |x: f64| libm::exp(-0.5 * x * x);
        let mut x = [0.0; 257];
        let mut f = [0.0; 257];
        x[0] = ZIGGURAT_V / density(ZIGGURAT_R);
        x[1] = ZIGGURAT_R;
        for i in 1..256 {
            let next_f = density(x[i]) + ZIGGURAT_V / x[i];
            x[i.wrapping_add(1)] =
                if next_f >= 1.0 { 0.0 } else { libm::sqrt(-2.0 * libm::log(next_f)) };
        }
        x[256] = 0.0;
        for i in 0..257 {
            f[i] = density(x[i]);
        }
        Ziggurat { x, f }
    })
}

/// `e^x` from a Cody–Waite reduction and a degree-13 Taylor polynomial: within a few units in the
/// last place for the noise exponents, identical bits on every platform, and much faster than a
/// call into `libm` in the simulation's inner loop.
#[inline]
#[must_use]
pub fn portable_exp(x: f64) -> f64 {
    // ln 2 split as in fdlibm: the high part has 32 trailing zero bits, so n·LN2_HI is exact.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    if !(-700.0..=700.0).contains(&x) {
        return libm::exp(x);
    }
    let n = (x * std::f64::consts::LOG2_E).round();
    let r = (x - n * LN2_HI) - n * LN2_LO;
    // Horner form of sum r^k / k!, k = 0..=13; |r| <= 0.35 so the remainder is below 1e-17.
    let mut p = 1.0 / 6_227_020_800.0;
    for k in (1..=12).rev() {
        p = p * r + INVERSE_FACTORIAL[k];
    }
    p = p * r + 1.0;
    // 2^n by building the exponent bits: n is within the normal range after the check above.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let scale = f64::from_bits(((n as i64).wrapping_add(1023) as u64) << 52);
    p * scale
}

const INVERSE_FACTORIAL: [f64; 13] = [
    1.0,
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5_040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_pinned_values() {
        let mut a = Random::new(42);
        let mut b = Random::new(42);
        let first: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        assert_eq!(first, (0..4).map(|_| b.next_u64()).collect::<Vec<_>>());
        assert_ne!(Random::new(43).next_u64(), first[0]);
    }

    #[test]
    fn normals_have_the_right_moments() {
        let mut rng = Random::new(7);
        let n = 400_000;
        let draws: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = draws.iter().sum::<f64>() / f64::from(n);
        let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f64::from(n - 1);
        let beyond_2 = draws.iter().filter(|x| x.abs() > 2.0).count() as f64 / f64::from(n);
        let beyond_r = draws.iter().filter(|x| x.abs() > ZIGGURAT_R).count() as f64 / f64::from(n);
        // Standard errors: mean 0.0016, variance 0.0022, P(|Z|>2)=0.0455 ± 0.00033.
        assert!(mean.abs() < 0.007, "mean {mean}");
        assert!((var - 1.0).abs() < 0.01, "variance {var}");
        assert!((beyond_2 - 0.0455).abs() < 0.0015, "P(|Z| > 2) = {beyond_2}");
        assert!((beyond_r - 0.000258).abs() < 0.00012, "P(|Z| > R) = {beyond_r}");
    }

    #[test]
    fn ziggurat_layers_shrink_to_zero() {
        let z = ziggurat();
        assert!(z.x.windows(2).skip(1).all(|w| w[0] > w[1] || w[1] == 0.0));
        assert!(z.x[255] > 0.0 && z.x[255] < 0.3, "top layer edge {}", z.x[255]);
    }

    #[test]
    fn portable_exp_matches_libm() {
        for i in -2000..=2000 {
            let x = f64::from(i) * 0.0173;
            let (got, want) = (portable_exp(x), libm::exp(x));
            assert!(((got - want) / want).abs() < 4e-16, "exp({x}) = {got}, libm {want}");
        }
    }
}
