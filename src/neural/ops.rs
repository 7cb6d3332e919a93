//! The encoder's linear layers with their bias (and GELU) added in one pass
//! over the product, on the CPU.
//!
//! Written here rather than with candle's `broadcast_add` and `gelu_erf`
//! because those two took 29 % of a contextual tagger's time on one core
//! (perf, 2026-12-05): the broadcast add walks the product by strided
//! indices, and `gelu_erf` calls the scalar `libm::erff` once per element.
//! The loop below is plain slice arithmetic that the compiler vectorises.
//! Devices other than the CPU take candle's own operations.

use candle_core::{CpuStorage, CustomOp2, Layout, Module, Shape, Tensor};
use candle_nn::Linear;

/// The activation after a linear layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Act {
    /// None: `x·Wᵀ + b`.
    Identity,
    /// BERT's exact (erf) GELU: `gelu(x·Wᵀ + b)`.
    Gelu,
}

/// `act(x·Wᵀ + b)` for a `(rows, in)` input `x`.
pub(crate) fn linear(layer: &Linear, x: &Tensor, act: Act) -> candle_core::Result<Tensor> {
    let fused = x.device().is_cpu() && x.dtype() == candle_core::DType::F32 && x.rank() == 2;
    match layer.bias() {
        Some(bias) if fused => x
            .matmul(&layer.weight().t()?)?
            .apply_op2_no_bwd(bias, &BiasAct(act)),
        _ => {
            let y = layer.forward(x)?;
            match act {
                Act::Identity => Ok(y),
                Act::Gelu => y.gelu_erf(),
            }
        }
    }
}

/// The custom operation: `act(lhs + rhs)` with `rhs` broadcast over the rows
/// of `lhs`.
struct BiasAct(Act);

impl CustomOp2 for BiasAct {
    fn name(&self) -> &'static str {
        match self.0 {
            Act::Identity => "bias-add",
            Act::Gelu => "bias-gelu",
        }
    }

    fn cpu_fwd(
        &self,
        s1: &CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let (CpuStorage::F32(x), CpuStorage::F32(b)) = (s1, s2) else {
            candle_core::bail!("{}: only f32 is supported", self.name())
        };
        let (Some((xs, xe)), Some((bs, be))) = (l1.contiguous_offsets(), l2.contiguous_offsets())
        else {
            candle_core::bail!("{}: inputs must be contiguous", self.name())
        };
        let (x, b) = (&x[xs..xe], &b[bs..be]);
        let cols = l1.dims().last().copied().unwrap_or(0);
        if b.len() != cols || cols == 0 {
            candle_core::bail!("{}: bias of {} for rows of {cols}", self.name(), b.len())
        }
        let mut out = x.to_vec();
        match self.0 {
            Act::Identity => add_rows(&mut out, b, |v| v),
            Act::Gelu => add_rows(&mut out, b, gelu),
        }
        Ok((CpuStorage::F32(out), l1.shape().clone()))
    }
}

/// `row[j] = f(row[j] + b[j])` for each row of `out`; generic over `f` so
/// that each activation gets its own vectorised loop.
#[inline(always)]
fn add_rows(out: &mut [f32], b: &[f32], f: impl Fn(f32) -> f32) {
    for row in out.chunks_exact_mut(b.len()) {
        for (v, &c) in row.iter_mut().zip(b) {
            *v = f(*v + c);
        }
    }
}

/// `x·Φ(x)`, GELU with the exact normal CDF, as BERT defines it.
#[inline(always)]
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// The error function in single precision, within 5e-7 of the exact value
/// everywhere (a test checks it against candle's `erf_f64`): a rational
/// function of degree 13/8 on [-4, 4], where `erf` reaches ±1 in `f32`.
/// Branch-free, so it vectorises. The coefficients are Eigen's and XLA's fast `erf` for
/// `float` (a minimax fit).
#[inline(always)]
fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_3e-10_f32;
    for c in [
        2.770_681_4e-8,
        -2.101_024e-6,
        -5.692_506_4e-5,
        -7.349_906_3e-4,
        -2.954_600_1e-3,
        -1.609_603_3e-2,
    ] {
        p = p * x2 + c;
    }
    let mut q = -1.456_607_2e-5_f32;
    for c in [-2.133_740_6e-4, -1.682_827e-3, -7.373_329e-3, -1.426_474e-2] {
        q = q * x2 + c;
    }
    x * p / q
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    #[test]
    fn erf_is_within_5e_7_of_the_exact_value() {
        let mut worst = 0f64;
        for i in -120_000..=120_000 {
            let x = i as f32 / 20_000.0;
            let d = (erf(x) as f64 - candle_core::cpu::erf::erf_f64(x as f64)).abs();
            worst = worst.max(d);
        }
        assert!(worst < 5e-7, "{worst}");
        assert_eq!(erf(f32::INFINITY), erf(4.0));
        assert!(erf(f32::NAN).is_nan());
        assert_eq!(erf(0.0), 0.0);
    }

    #[test]
    fn fused_linear_is_candles_linear() {
        // evenly spaced values `shift + scale * i` in the given shape
        let ramp = |n: usize, scale: f64, shift: f64, shape: (usize, usize)| {
            Tensor::arange(0f32, n as f32, &Device::Cpu)
                .and_then(|t| t.affine(scale, shift))
                .and_then(|t| t.reshape(shape))
                .unwrap()
        };
        let b = Tensor::new(&[0.25f32, -1.0, 2.0], &Device::Cpu).unwrap();
        let layer = Linear::new(ramp(12, 0.1, -0.5, (3, 4)), Some(b));
        let x = ramp(20, 0.3, -2.0, (5, 4));
        let want = layer.forward(&x).unwrap();
        let got = linear(&layer, &x, Act::Identity).unwrap();
        assert_eq!(
            got.to_vec2::<f32>().unwrap(),
            want.to_vec2::<f32>().unwrap()
        );
        let want: Vec<Vec<f32>> = want.gelu_erf().unwrap().to_vec2().unwrap();
        let got: Vec<Vec<f32>> = linear(&layer, &x, Act::Gelu).unwrap().to_vec2().unwrap();
        for (a, b) in got.iter().flatten().zip(want.iter().flatten()) {
            assert!((a - b).abs() <= 2e-6 * (1.0 + b.abs()), "{a} vs {b}");
        }
    }
}
