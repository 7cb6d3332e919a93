//! The labeller's network: token features (word embedding, word shape,
//! character CNN) → a contextual encoder (BiLSTM or dilated CNN) → per-label
//! scores (emissions), read by a softmax or a CRF ([`super::crf`]).
//!
//! Parameters are created here from a seeded generator (so that training is
//! repeatable; candle's own initialisers draw from an unseeded one) or taken
//! from a checkpoint, whose every tensor must have the shape the
//! configuration and vocabularies imply.

use std::collections::HashMap;

use candle_core::{DType, Device, Tensor, Var, D};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::config::{EncoderKind, LabellerConfig};
use super::crf::Crf;
use super::vocab::{shape, word_key, Vocab, PAD, SHAPES};
use crate::{Error, Result};

/// How a new parameter is filled.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Init {
    /// Uniform in ±√(6 / (fan_in + fan_out)) (Glorot).
    Glorot(usize, usize),
    /// Uniform in ±a.
    Uniform(f32),
    /// Every element this value.
    Const(f32),
    /// An LSTM's gate biases: 1 for the forget gate's `h` units, else 0.
    ForgetBias(usize),
}

/// Where parameters come from: fresh (seeded) or a checkpoint's tensors.
pub(crate) enum Source {
    /// New parameters drawn from this generator.
    Fresh(Box<ChaCha8Rng>),
    /// A checkpoint's tensors (each taken once), and the file's name.
    Loaded(HashMap<String, Tensor>, String),
}

/// The parameters of one network, by name, in creation order.
pub(crate) struct Params {
    pub(crate) vars: Vec<(String, Var)>,
    source: Source,
    device: Device,
}

impl Params {
    pub(crate) fn new(source: Source, device: &Device) -> Self {
        Params {
            vars: Vec::new(),
            source,
            device: device.clone(),
        }
    }

    /// The parameter `name` of shape `dims`.
    fn get(&mut self, name: &str, dims: &[usize], init: Init) -> Result<Tensor> {
        let err = |e: candle_core::Error| Error::Model(format!("parameter {name}: {e}"));
        let t = match &mut self.source {
            Source::Fresh(rng) => {
                let n: usize = dims.iter().product();
                let data: Vec<f32> = match init {
                    Init::Const(v) => vec![v; n],
                    Init::ForgetBias(h) => (0..n)
                        .map(|i| if (h..2 * h).contains(&i) { 1.0 } else { 0.0 })
                        .collect(),
                    Init::Uniform(a) => (0..n).map(|_| rng.gen_range(-a..=a)).collect(),
                    Init::Glorot(i, o) => {
                        let a = (6.0 / (i + o).max(1) as f32).sqrt();
                        (0..n).map(|_| rng.gen_range(-a..=a)).collect()
                    }
                };
                Tensor::from_vec(data, dims, &self.device).map_err(err)?
            }
            Source::Loaded(map, file) => {
                let t = map.remove(name).ok_or_else(|| Error::ModelMismatch {
                    file: file.as_str().into(),
                    part: "weights",
                    message: format!("tensor `{name}` is missing"),
                })?;
                if t.dims() != dims {
                    return Err(Error::ModelMismatch {
                        file: file.as_str().into(),
                        part: part_of(name),
                        message: format!(
                            "tensor `{name}` has shape {:?}, the configuration and vocabularies need {dims:?}",
                            t.dims()
                        ),
                    });
                }
                t.to_dtype(DType::F32)
                    .and_then(|t| t.to_device(&self.device))
                    .map_err(err)?
            }
        };
        let var = Var::from_tensor(&t).map_err(err)?;
        let out = var.as_tensor().clone();
        self.vars.push((name.to_string(), var));
        Ok(out)
    }

    /// Fails when a checkpoint holds tensors the network does not use.
    pub(crate) fn finish(&self) -> Result<()> {
        if let Source::Loaded(map, file) = &self.source {
            if let Some(name) = map.keys().min() {
                return Err(Error::ModelMismatch {
                    file: file.as_str().into(),
                    part: "weights",
                    message: format!("unexpected tensor `{name}`"),
                });
            }
        }
        Ok(())
    }
}

/// Which vocabulary a tensor's shape depends on, for error messages.
fn part_of(name: &str) -> &'static str {
    match name {
        "word_emb" => "word vocabulary",
        n if n.starts_with("feat_emb.") => "feature vocabulary",
        "char_emb" => "character vocabulary",
        "out.weight" | "out.bias" | "crf.trans" | "crf.start" | "crf.end" => "label set",
        _ => "hyper-parameters",
    }
}

/// One direction of one LSTM layer (gates in the order input, forget,
/// cell, output).
struct LstmDir {
    w_ih: Tensor,
    w_hh: Tensor,
    b: Tensor,
}

enum Enc {
    Lstm(Vec<(LstmDir, LstmDir)>),
    Cnn {
        proj_w: Tensor,
        proj_b: Tensor,
        layers: Vec<(Tensor, Tensor, usize)>,
    },
}

/// The network.
pub(crate) struct Net {
    pub(crate) config: LabellerConfig,
    word_emb: Tensor,
    shape_emb: Tensor,
    char_emb: Tensor,
    char_w: Tensor,
    char_b: Tensor,
    /// One embedding per extra feature column.
    feat_emb: Vec<Tensor>,
    enc: Enc,
    out_w: Tensor,
    out_b: Tensor,
    pub(crate) crf: Option<Crf>,
    pub(crate) labels: usize,
    /// Every parameter by name (the checkpoint's tensors).
    pub(crate) named: Vec<(String, Tensor)>,
}

/// A minibatch of sentences as tensors.
pub(crate) struct Batch {
    b: usize,
    t: usize,
    words: Tensor,
    shapes: Tensor,
    chars: Tensor,
    char_len: usize,
    char_mask: Tensor,
    pub(crate) mask: Tensor,
    pub(crate) lens: Vec<usize>,
    rev: Tensor,
    /// Each feature column's ids, `(B·T)`.
    feats: Vec<Tensor>,
}

impl Batch {
    /// Encodes `sentences` (each non-empty) and their feature columns
    /// (`features[i][k][j]`: sentence `i`, column `k`, token `j`; one
    /// vocabulary per column in `fvocabs`). `word_id` maps a word key to
    /// its index (training replaces some rare words by [`UNK`]).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new<S: AsRef<str>, F: AsRef<str>>(
        sentences: &[Vec<S>],
        features: &[&[Vec<F>]],
        words: &Vocab,
        chars: &Vocab,
        fvocabs: &[Vocab],
        max_chars: usize,
        mut word_id: impl FnMut(u32) -> u32,
        device: &Device,
    ) -> candle_core::Result<Batch> {
        let b = sentences.len();
        let lens: Vec<usize> = sentences.iter().map(Vec::len).collect();
        let t = lens.iter().copied().max().unwrap_or(0).max(1);
        let char_len = sentences
            .iter()
            .flatten()
            .map(|w| w.as_ref().chars().count().min(max_chars))
            .max()
            .unwrap_or(1)
            .max(1);
        let mut w_ids = vec![PAD; b * t];
        let mut s_ids = vec![0u32; b * t];
        let mut c_ids = vec![PAD; b * t * char_len];
        let mut c_mask = vec![-1e4f32; b * t * char_len];
        let mut mask = vec![0f32; b * t];
        let mut rev = vec![0u32; b * t];
        for (i, sent) in sentences.iter().enumerate() {
            for j in 0..t {
                let pos = i * t + j;
                rev[pos] = if j < lens[i] {
                    i * t + lens[i] - 1 - j
                } else {
                    pos
                } as u32;
                c_mask[pos * char_len] = 0.0;
            }
            for (j, w) in sent.iter().enumerate() {
                let w = w.as_ref();
                let pos = i * t + j;
                w_ids[pos] = word_id(words.get_or_unk(&word_key(w)));
                s_ids[pos] = shape(w);
                mask[pos] = 1.0;
                for (k, c) in w.chars().take(max_chars).enumerate() {
                    let mut buf = [0u8; 4];
                    c_ids[pos * char_len + k] = chars.get_or_unk(c.encode_utf8(&mut buf));
                    c_mask[pos * char_len + k] = 0.0;
                }
            }
        }
        let mut feats = Vec::with_capacity(fvocabs.len());
        for (k, vocab) in fvocabs.iter().enumerate() {
            let mut ids = vec![PAD; b * t];
            for (i, cols) in features.iter().enumerate() {
                let col = cols.get(k).ok_or_else(|| {
                    candle_core::Error::Msg(format!(
                        "sentence {}: feature column {} missing",
                        i + 1,
                        k + 1
                    ))
                })?;
                if col.len() != lens[i] {
                    return Err(candle_core::Error::Msg(format!(
                        "sentence {}: {} words but {} values in feature column {}",
                        i + 1,
                        lens[i],
                        col.len(),
                        k + 1
                    )));
                }
                for (j, v) in col.iter().enumerate() {
                    ids[i * t + j] = vocab.get_or_unk(v.as_ref());
                }
            }
            feats.push(Tensor::from_vec(ids, b * t, device)?);
        }
        Ok(Batch {
            feats,
            b,
            t,
            words: Tensor::from_vec(w_ids, b * t, device)?,
            shapes: Tensor::from_vec(s_ids, b * t, device)?,
            chars: Tensor::from_vec(c_ids, b * t * char_len, device)?,
            char_len,
            char_mask: Tensor::from_vec(c_mask, (b * t, char_len, 1), device)?,
            mask: Tensor::from_vec(mask, (b, t), device)?,
            lens,
            rev: Tensor::from_vec(rev, b * t, device)?,
        })
    }
}

/// Training-time randomness: dropout masks from the seeded generator.
pub(crate) struct Dropout<'a> {
    pub(crate) rng: &'a mut ChaCha8Rng,
    pub(crate) p: f32,
}

impl Dropout<'_> {
    fn apply(&mut self, x: &Tensor) -> candle_core::Result<Tensor> {
        if self.p <= 0.0 {
            return Ok(x.clone());
        }
        let keep = 1.0 / (1.0 - self.p);
        let m: Vec<f32> = (0..x.elem_count())
            .map(|_| {
                if self.rng.gen::<f32>() < self.p {
                    0.0
                } else {
                    keep
                }
            })
            .collect();
        x.mul(&Tensor::from_vec(m, x.dims(), x.device())?)
    }
}

/// `x · wᵀ + b` over the last dimension of `x`.
fn linear(x: &Tensor, w: &Tensor, b: &Tensor) -> candle_core::Result<Tensor> {
    let dims = x.dims().to_vec();
    let last = dims.last().copied().unwrap_or(0);
    let rows = x.elem_count() / last.max(1);
    let y = x.reshape((rows, last))?.matmul(&w.t()?)?.broadcast_add(b)?;
    let mut out = dims;
    if let Some(l) = out.last_mut() {
        *l = w.dim(0)?;
    }
    y.reshape(out)
}

/// Width-3 windows along dimension 1 with dilation `d`: `(B, T, C)` →
/// `(B, T, 3C)` holding positions `t−d`, `t`, `t+d` (zeros outside).
fn windows(x: &Tensor, d: usize) -> candle_core::Result<Tensor> {
    let (b, t, c) = x.dims3()?;
    let z = Tensor::zeros((b, d, c), x.dtype(), x.device())?;
    let p = Tensor::cat(&[&z, x, &z], 1)?;
    Tensor::cat(&[&p.narrow(1, 0, t)?, x, &p.narrow(1, 2 * d, t)?], 2)
}

impl Net {
    /// Builds the network for these vocabularies (`features`: the size of
    /// each feature column's vocabulary, as many as `config.features`).
    pub(crate) fn new(
        config: &LabellerConfig,
        words: usize,
        chars: usize,
        features: &[usize],
        labels: usize,
        params: &mut Params,
    ) -> Result<Net> {
        config.validate()?;
        if features.len() != config.features.len() {
            return Err(Error::InvalidInput(format!(
                "labeller configuration: {} feature columns but {} feature vocabularies",
                config.features.len(),
                features.len()
            )));
        }
        let c = config;
        let word_emb = params.get("word_emb", &[words, c.word_dim], Init::Uniform(0.1))?;
        let shape_emb = params.get("shape_emb", &[SHAPES, c.shape_dim], Init::Uniform(0.1))?;
        let char_emb = params.get("char_emb", &[chars, c.char_dim], Init::Uniform(0.1))?;
        let cw = 3 * c.char_dim;
        let char_w = params.get(
            "char_conv.weight",
            &[c.char_filters, cw],
            Init::Glorot(cw, c.char_filters),
        )?;
        let char_b = params.get("char_conv.bias", &[c.char_filters], Init::Const(0.0))?;
        let mut feat_emb = Vec::with_capacity(features.len());
        for (k, (f, &n)) in c.features.iter().zip(features).enumerate() {
            feat_emb.push(params.get(&format!("feat_emb.{k}"), &[n, f.dim], Init::Uniform(0.1))?);
        }
        let input = c.word_dim
            + c.shape_dim
            + c.char_filters
            + c.features.iter().map(|f| f.dim).sum::<usize>();
        let enc = match &c.encoder {
            EncoderKind::BiLstm { hidden, layers } => {
                let h = *hidden;
                let mut out = Vec::new();
                let mut in_dim = input;
                for l in 0..*layers {
                    let mut dir = |name: &str| -> Result<LstmDir> {
                        let p = format!("enc.lstm.{l}.{name}");
                        // forget-gate bias 1 (Jozefowicz et al. 2015)
                        let b = params.get(&format!("{p}.bias"), &[4 * h], Init::ForgetBias(h))?;
                        Ok(LstmDir {
                            w_ih: params.get(
                                &format!("{p}.w_ih"),
                                &[4 * h, in_dim],
                                Init::Glorot(in_dim, h),
                            )?,
                            w_hh: params.get(
                                &format!("{p}.w_hh"),
                                &[4 * h, h],
                                Init::Glorot(h, h),
                            )?,
                            b,
                        })
                    };
                    let fw = dir("fw")?;
                    let bw = dir("bw")?;
                    out.push((fw, bw));
                    in_dim = 2 * h;
                }
                Enc::Lstm(out)
            }
            EncoderKind::DilatedCnn { hidden, dilations } => {
                let h = *hidden;
                let proj_w =
                    params.get("enc.cnn.proj.weight", &[h, input], Init::Glorot(input, h))?;
                let proj_b = params.get("enc.cnn.proj.bias", &[h], Init::Const(0.0))?;
                let mut layers = Vec::new();
                for (i, &d) in dilations.iter().enumerate() {
                    let w = params.get(
                        &format!("enc.cnn.{i}.weight"),
                        &[h, 3 * h],
                        Init::Glorot(3 * h, h),
                    )?;
                    let b = params.get(&format!("enc.cnn.{i}.bias"), &[h], Init::Const(0.0))?;
                    layers.push((w, b, d));
                }
                Enc::Cnn {
                    proj_w,
                    proj_b,
                    layers,
                }
            }
        };
        let hdim = c.encoder.output_dim();
        let out_w = params.get("out.weight", &[labels, hdim], Init::Glorot(hdim, labels))?;
        let out_b = params.get("out.bias", &[labels], Init::Const(0.0))?;
        let crf = if c.crf {
            Some(Crf {
                trans: params.get("crf.trans", &[labels, labels], Init::Const(0.0))?,
                start: params.get("crf.start", &[labels], Init::Const(0.0))?,
                end: params.get("crf.end", &[labels], Init::Const(0.0))?,
            })
        } else {
            None
        };
        params.finish()?;
        Ok(Net {
            config: config.clone(),
            word_emb,
            shape_emb,
            char_emb,
            char_w,
            char_b,
            feat_emb,
            enc,
            out_w,
            out_b,
            crf,
            labels,
            named: params
                .vars
                .iter()
                .map(|(n, v)| (n.clone(), v.as_tensor().clone()))
                .collect(),
        })
    }

    /// Per-label scores `(B, T, L)` of a batch; dropout when training.
    pub(crate) fn emissions(
        &self,
        batch: &Batch,
        mut dropout: Option<&mut Dropout<'_>>,
    ) -> candle_core::Result<Tensor> {
        let (b, t) = (batch.b, batch.t);
        let w = self.word_emb.index_select(&batch.words, 0)?;
        let s = self.shape_emb.index_select(&batch.shapes, 0)?;
        let ce = self.char_emb.index_select(&batch.chars, 0)?.reshape((
            b * t,
            batch.char_len,
            self.config.char_dim,
        ))?;
        let ch = linear(&windows(&ce, 1)?, &self.char_w, &self.char_b)?
            .tanh()?
            .broadcast_add(&batch.char_mask)?
            .max(1)?;
        let mut parts = vec![w, s, ch];
        for (emb, ids) in self.feat_emb.iter().zip(&batch.feats) {
            parts.push(emb.index_select(ids, 0)?);
        }
        let mut x = Tensor::cat(&parts, 1)?.reshape((b, t, ()))?;
        if let Some(d) = dropout.as_deref_mut() {
            x = d.apply(&x)?;
        }
        let mask = batch.mask.unsqueeze(2)?;
        let h = match &self.enc {
            Enc::Lstm(layers) => {
                for (fw, bw) in layers {
                    let f = run_lstm(fw, &x)?;
                    let r = reverse(&x, &batch.rev)?;
                    let r = reverse(&run_lstm(bw, &r)?, &batch.rev)?;
                    x = Tensor::cat(&[&f, &r], 2)?;
                }
                x
            }
            Enc::Cnn {
                proj_w,
                proj_b,
                layers,
            } => {
                let mut h = linear(&x, proj_w, proj_b)?.relu()?.broadcast_mul(&mask)?;
                for (w, bias, d) in layers {
                    let y = linear(&windows(&h, *d)?, w, bias)?.relu()?;
                    h = h.add(&y)?.broadcast_mul(&mask)?;
                }
                h
            }
        };
        let h = match dropout {
            Some(d) => d.apply(&h)?,
            None => h,
        };
        linear(&h, &self.out_w, &self.out_b)
    }

    /// The training loss of a batch (summed over its sentences).
    pub(crate) fn loss(
        &self,
        emissions: &Tensor,
        batch: &Batch,
        labels: &[Vec<u32>],
    ) -> candle_core::Result<Tensor> {
        match &self.crf {
            Some(crf) => crf.nll(emissions, &batch.mask, labels),
            None => {
                let t = batch.t;
                let gold: Vec<u32> = labels
                    .iter()
                    .flat_map(|s| s.iter().copied().chain(std::iter::repeat(0)).take(t))
                    .collect();
                let gold = Tensor::from_vec(gold, (batch.b, t, 1), emissions.device())?;
                candle_nn::ops::log_softmax(emissions, D::Minus1)?
                    .gather(&gold, 2)?
                    .squeeze(2)?
                    .mul(&batch.mask)?
                    .sum_all()?
                    .neg()
            }
        }
    }
}

/// Reverses each sentence of `(B, T, C)` within its own length (`rev` is
/// the flat permutation; it is its own inverse).
fn reverse(x: &Tensor, rev: &Tensor) -> candle_core::Result<Tensor> {
    let (b, t, c) = x.dims3()?;
    x.reshape((b * t, c))?
        .index_select(rev, 0)?
        .reshape((b, t, c))
}

/// One LSTM direction over `(B, T, In)` → `(B, T, H)`. The input
/// projection of all steps is one product; only `h·W_hh` is per step.
fn run_lstm(p: &LstmDir, x: &Tensor) -> candle_core::Result<Tensor> {
    let (b, t, _) = x.dims3()?;
    let h_dim = p.w_hh.dim(1)?;
    let xp = linear(x, &p.w_ih, &p.b)?;
    let w_hh = p.w_hh.t()?;
    let mut h = Tensor::zeros((b, h_dim), x.dtype(), x.device())?;
    let mut c = h.clone();
    let mut outs = Vec::with_capacity(t);
    for step in 0..t {
        let g = xp.narrow(1, step, 1)?.squeeze(1)?.add(&h.matmul(&w_hh)?)?;
        let gates = g.chunk(4, 1)?;
        let i = candle_nn::ops::sigmoid(&gates[0])?;
        let f = candle_nn::ops::sigmoid(&gates[1])?;
        let o = candle_nn::ops::sigmoid(&gates[3])?;
        c = f.mul(&c)?.add(&i.mul(&gates[2].tanh()?)?)?;
        h = o.mul(&c.tanh()?)?;
        outs.push(h.clone());
    }
    Tensor::stack(&outs, 1)
}

/// A fresh generator for `seed`.
pub(crate) fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}
