//! A linear-chain CRF output layer: the forward algorithm (log partition
//! function, batched and masked, differentiable in candle) for the training
//! loss, and Viterbi decoding (plain Rust, per sentence) for inference.
//!
//! Scores: `score(y) = start[y₀] + Σₜ emit[t, yₜ] + Σₜ trans[yₜ₋₁, yₜ] +
//! end[y_last]`; the loss of a sentence is `log Z − score(gold)`.

use candle_core::{DType, Tensor};

/// Transition scores (`trans[from, to]`), start and end scores, as tensors
/// (parameters while training).
#[derive(Debug, Clone)]
pub(crate) struct Crf {
    pub(crate) trans: Tensor,
    pub(crate) start: Tensor,
    pub(crate) end: Tensor,
}

/// `log Σ exp` over dimension `dim` (the maximum taken out first; it is
/// detached, so the gradient is the softmax's).
fn logsumexp(x: &Tensor, dim: usize) -> candle_core::Result<Tensor> {
    let m = x.max_keepdim(dim)?.detach();
    x.broadcast_sub(&m)?
        .exp()?
        .sum_keepdim(dim)?
        .log()?
        .add(&m)?
        .squeeze(dim)
}

impl Crf {
    /// `log Z` of each sentence: `emissions` `(B, T, L)`, `mask` `(B, T)`
    /// (1.0 on the first `len` positions, every length ≥ 1). Returns `(B)`.
    pub(crate) fn log_partition(
        &self,
        emissions: &Tensor,
        mask: &Tensor,
    ) -> candle_core::Result<Tensor> {
        let (_, t_len, _) = emissions.dims3()?;
        let trans = self.trans.unsqueeze(0)?; // (1, L, L)
        let mut alpha = emissions
            .narrow(1, 0, 1)?
            .squeeze(1)?
            .broadcast_add(&self.start)?; // (B, L)
        for t in 1..t_len {
            let e = emissions.narrow(1, t, 1)?; // (B, 1, L)
            let scores = alpha
                .unsqueeze(2)?
                .broadcast_add(&trans)?
                .broadcast_add(&e)?; // (B, L, L)
            let next = logsumexp(&scores, 1)?; // (B, L)
            let m = mask.narrow(1, t, 1)?; // (B, 1)
            alpha = next
                .broadcast_mul(&m)?
                .add(&alpha.broadcast_mul(&m.affine(-1.0, 1.0)?)?)?;
        }
        logsumexp(&alpha.broadcast_add(&self.end)?, 1)
    }

    /// The score of the gold label sequences (`labels[b]`, one per
    /// position of sentence `b`). Returns `(B)`.
    pub(crate) fn gold_score(
        &self,
        emissions: &Tensor,
        mask: &Tensor,
        labels: &[Vec<u32>],
    ) -> candle_core::Result<Tensor> {
        let (b, t_len, l) = emissions.dims3()?;
        let dev = emissions.device();
        let padded: Vec<u32> = labels
            .iter()
            .flat_map(|s| s.iter().copied().chain(std::iter::repeat(0)).take(t_len))
            .collect();
        let gold = Tensor::from_vec(padded.clone(), (b, t_len, 1), dev)?;
        let emit = emissions.gather(&gold, 2)?.squeeze(2)?.mul(mask)?.sum(1)?;
        let firsts: Vec<u32> = labels
            .iter()
            .map(|s| s.first().copied().unwrap_or(0))
            .collect();
        let lasts: Vec<u32> = labels
            .iter()
            .map(|s| s.last().copied().unwrap_or(0))
            .collect();
        let start = self.start.index_select(&Tensor::new(firsts, dev)?, 0)?;
        let end = self.end.index_select(&Tensor::new(lasts, dev)?, 0)?;
        let mut score = emit.add(&start)?.add(&end)?;
        if t_len > 1 {
            let pairs: Vec<u32> = (0..b)
                .flat_map(|i| {
                    let row = &padded[i * t_len..(i + 1) * t_len];
                    row.windows(2).map(move |w| w[0] * l as u32 + w[1])
                })
                .collect();
            let pairs = Tensor::from_vec(pairs, b * (t_len - 1), dev)?;
            let tr = self
                .trans
                .flatten_all()?
                .index_select(&pairs, 0)?
                .reshape((b, t_len - 1))?
                .mul(&mask.narrow(1, 1, t_len - 1)?)?
                .sum(1)?;
            score = score.add(&tr)?;
        }
        Ok(score)
    }

    /// The summed negative log-likelihood of the gold sequences.
    pub(crate) fn nll(
        &self,
        emissions: &Tensor,
        mask: &Tensor,
        labels: &[Vec<u32>],
    ) -> candle_core::Result<Tensor> {
        self.log_partition(emissions, mask)?
            .sub(&self.gold_score(emissions, mask, labels)?)?
            .sum_all()
    }

    /// The parameters as plain vectors, for decoding.
    pub(crate) fn to_plain(&self) -> candle_core::Result<PlainCrf> {
        Ok(PlainCrf {
            labels: self.start.dims1()?,
            trans: self.trans.flatten_all()?.to_dtype(DType::F32)?.to_vec1()?,
            start: self.start.to_dtype(DType::F32)?.to_vec1()?,
            end: self.end.to_dtype(DType::F32)?.to_vec1()?,
        })
    }

    /// A CRF with these parameters (for tests).
    #[cfg(test)]
    fn from_plain(p: &PlainCrf, dev: &candle_core::Device) -> candle_core::Result<Crf> {
        Ok(Crf {
            trans: Tensor::from_vec(p.trans.clone(), (p.labels, p.labels), dev)?,
            start: Tensor::from_vec(p.start.clone(), p.labels, dev)?,
            end: Tensor::from_vec(p.end.clone(), p.labels, dev)?,
        })
    }
}

/// A CRF's parameters on the host, for Viterbi decoding.
#[derive(Debug, Clone)]
pub(crate) struct PlainCrf {
    pub(crate) labels: usize,
    pub(crate) trans: Vec<f32>,
    pub(crate) start: Vec<f32>,
    pub(crate) end: Vec<f32>,
}

impl PlainCrf {
    /// The best label sequence for `emissions` (`len × labels`, row-major).
    pub(crate) fn viterbi(&self, emissions: &[f32]) -> Vec<u32> {
        let l = self.labels;
        if l == 0 || emissions.len() < l {
            return Vec::new();
        }
        let n = emissions.len() / l;
        let mut score: Vec<f32> = (0..l).map(|j| self.start[j] + emissions[j]).collect();
        let mut back = vec![0u32; n * l];
        let mut next = vec![0f32; l];
        for t in 1..n {
            let e = &emissions[t * l..(t + 1) * l];
            for j in 0..l {
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0usize);
                for (i, s) in score.iter().enumerate() {
                    let v = s + self.trans[i * l + j];
                    if v > best {
                        (best, arg) = (v, i);
                    }
                }
                next[j] = best + e[j];
                back[t * l + j] = arg as u32;
            }
            std::mem::swap(&mut score, &mut next);
        }
        let mut best = 0usize;
        for j in 0..l {
            if score[j] + self.end[j] > score[best] + self.end[best] {
                best = j;
            }
        }
        let mut path = vec![0u32; n];
        path[n - 1] = best as u32;
        for t in (1..n).rev() {
            path[t - 1] = back[t * l + path[t] as usize];
        }
        path
    }

    /// The score of one label sequence.
    #[cfg(test)]
    fn score(&self, emissions: &[f32], path: &[u32]) -> f32 {
        let l = self.labels;
        let mut s = self.start[path[0] as usize] + self.end[path[path.len() - 1] as usize];
        for (t, &y) in path.iter().enumerate() {
            s += emissions[t * l + y as usize];
            if t > 0 {
                s += self.trans[path[t - 1] as usize * l + y as usize];
            }
        }
        s
    }
}

/// The per-token argmax of `emissions` (`len × labels`) — the softmax
/// layer's decoding.
pub(crate) fn argmax_rows(emissions: &[f32], labels: usize) -> Vec<u32> {
    if labels == 0 {
        return Vec::new();
    }
    emissions
        .chunks_exact(labels)
        .map(|row| {
            let mut best = 0usize;
            for (j, v) in row.iter().enumerate() {
                if *v > row[best] {
                    best = j;
                }
            }
            best as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;
    use rand::{Rng, SeedableRng};

    fn random(rng: &mut rand_chacha::ChaCha8Rng, l: usize) -> PlainCrf {
        let mut v = |n: usize| {
            (0..n)
                .map(|_| rng.gen_range(-2.0f32..2.0))
                .collect::<Vec<_>>()
        };
        PlainCrf {
            labels: l,
            trans: v(l * l),
            start: v(l),
            end: v(l),
        }
    }

    /// Every label sequence of length `n` over `l` labels.
    fn all_paths(n: usize, l: usize) -> Vec<Vec<u32>> {
        let mut out = vec![vec![]];
        for _ in 0..n {
            out = out
                .into_iter()
                .flat_map(|p| {
                    (0..l as u32).map(move |y| {
                        let mut q = p.clone();
                        q.push(y);
                        q
                    })
                })
                .collect();
        }
        out
    }

    #[test]
    fn viterbi_is_the_brute_force_best() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for case in 0..200 {
            let l = 1 + case % 4;
            let n = 1 + (case / 4) % 5;
            let crf = random(&mut rng, l);
            let em: Vec<f32> = (0..n * l).map(|_| rng.gen_range(-3.0f32..3.0)).collect();
            let got = crf.viterbi(&em);
            let best = all_paths(n, l)
                .iter()
                .map(|p| crf.score(&em, p))
                .fold(f32::NEG_INFINITY, f32::max);
            assert_eq!(got.len(), n);
            assert!((crf.score(&em, &got) - best).abs() < 1e-4, "case {case}");
        }
    }

    #[test]
    fn forward_algorithm_is_the_brute_force_logsumexp() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let dev = Device::Cpu;
        for case in 0..40 {
            let l = 1 + case % 3;
            let lens = [1 + case % 4, 1 + (case / 2) % 4, 4];
            let t_len = *lens.iter().max().unwrap();
            let plain = random(&mut rng, l);
            let crf = Crf::from_plain(&plain, &dev).unwrap();
            let em: Vec<f32> = (0..3 * t_len * l)
                .map(|_| rng.gen_range(-3.0f32..3.0))
                .collect();
            let mask: Vec<f32> = lens
                .iter()
                .flat_map(|&n| (0..t_len).map(move |t| if t < n { 1.0 } else { 0.0 }))
                .collect();
            let emissions = Tensor::from_vec(em.clone(), (3, t_len, l), &dev).unwrap();
            let mask_t = Tensor::from_vec(mask, (3, t_len), &dev).unwrap();
            let log_z: Vec<f32> = crf
                .log_partition(&emissions, &mask_t)
                .unwrap()
                .to_vec1()
                .unwrap();
            let mut golds = Vec::new();
            for (b, &n) in lens.iter().enumerate() {
                let e = &em[b * t_len * l..(b * t_len + n) * l];
                let scores: Vec<f64> = all_paths(n, l)
                    .iter()
                    .map(|p| plain.score(e, p) as f64)
                    .collect();
                let m = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                let want = m + scores.iter().map(|s| (s - m).exp()).sum::<f64>().ln();
                assert!(
                    (log_z[b] as f64 - want).abs() < 1e-3,
                    "case {case}: {} vs {want}",
                    log_z[b]
                );
                let path: Vec<u32> = (0..n).map(|_| rng.gen_range(0..l as u32)).collect();
                golds.push((plain.score(e, &path), path));
            }
            let labels: Vec<Vec<u32>> = golds.iter().map(|g| g.1.clone()).collect();
            let got: Vec<f32> = crf
                .gold_score(&emissions, &mask_t, &labels)
                .unwrap()
                .to_vec1()
                .unwrap();
            for (g, (want, _)) in got.iter().zip(&golds) {
                assert!((g - want).abs() < 1e-4, "gold score {g} vs {want}");
            }
        }
    }

    #[test]
    fn nll_gradient_flows_to_transitions() {
        let dev = Device::Cpu;
        let trans = candle_core::Var::zeros((2, 2), DType::F32, &dev).unwrap();
        let crf = Crf {
            trans: trans.as_tensor().clone(),
            start: Tensor::zeros(2, DType::F32, &dev).unwrap(),
            end: Tensor::zeros(2, DType::F32, &dev).unwrap(),
        };
        let em = Tensor::zeros((1, 3, 2), DType::F32, &dev).unwrap();
        let mask = Tensor::ones((1, 3), DType::F32, &dev).unwrap();
        let loss = crf.nll(&em, &mask, &[vec![0, 1, 1]]).unwrap();
        // uniform scores: log Z = 3 ln 2
        let v = loss.to_scalar::<f32>().unwrap();
        assert!((v - 3.0 * 2f32.ln()).abs() < 1e-5, "{v}");
        let grads = loss.backward().unwrap();
        let g: Vec<f32> = grads
            .get(trans.as_tensor())
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1()
            .unwrap();
        // expected counts 0.5 each of the 2 transitions, minus gold counts (0→1, 1→1)
        let want = [0.5, -0.5, 0.5, -0.5];
        for (a, b) in g.iter().zip(want) {
            assert!((a - b).abs() < 1e-5, "{g:?}");
        }
    }

    #[test]
    fn argmax() {
        assert_eq!(argmax_rows(&[0.0, 1.0, 3.0, 2.0], 2), [1, 0]);
        assert!(argmax_rows(&[1.0], 0).is_empty());
    }
}
