//! Training the head of a contextual tagger ([`super::ContextHead`]):
//! `nlkit train-tagger --algorithm context`.
//!
//! The head is a network of one hidden layer over the encoder's mixed
//! states, the first stage's tags in a window and the capitalisation class
//! (see [`super::context`]); it is trained with Adam on cross-entropy, with
//! dropout, on tokens in a seeded random order, and the epoch with the best
//! dev accuracy is kept. Parameters are initialised and dropout masks drawn
//! from a seeded ChaCha generator (candle's CPU generator cannot be seeded),
//! so a run is repeatable.

use std::collections::{BTreeSet, HashMap};

use candle_core::{DType, Device, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::context::{capitalisation, HEAD_FORMAT, HEAD_VERSION};
use crate::neural::{candle_err, Encoder};
use crate::{Error, Result};

/// The window of first-stage tags the trained heads read.
const WINDOW: [i64; 5] = [-2, -1, 0, 1, 2];
/// Size of the capitalisation embedding.
const CAP_DIM: usize = 8;

/// Settings of [`train_context_head`].
///
/// # Example
/// ```
/// let cfg = nlkit::tag::ContextTrainConfig { epochs: 3, ..Default::default() };
/// assert_eq!(cfg.hidden, 256);
/// ```
#[derive(Debug, Clone)]
pub struct ContextTrainConfig {
    /// Passes over the training tokens.
    pub epochs: usize,
    /// Hidden units.
    pub hidden: usize,
    /// Size of each first-stage tag embedding.
    pub tag_dim: usize,
    /// Adam's learning rate.
    pub learning_rate: f64,
    /// Tokens per update.
    pub batch: usize,
    /// Dropout on the input and on the hidden layer.
    pub dropout: f32,
    /// Seed of initialisation, order and dropout.
    pub seed: u64,
    /// Column name stored in the head (`xpos` or `upos`).
    pub column: String,
    /// Licence stored in the head (that of the training data).
    pub license: String,
    /// Where to report progress (a message per epoch); `None` is quiet.
    pub progress: Option<crate::progress::ProgressHandle>,
}

impl Default for ContextTrainConfig {
    fn default() -> Self {
        ContextTrainConfig {
            epochs: 12,
            hidden: 256,
            tag_dim: 32,
            learning_rate: 1e-3,
            batch: 256,
            dropout: 0.2,
            seed: 1,
            column: "xpos".into(),
            license: String::new(),
            progress: None,
        }
    }
}

/// Sentences turned into per-token inputs.
struct Tokens {
    states: Tensor,
    first: Vec<u32>,
    caps: Vec<u32>,
    gold: Vec<u32>,
}

fn prepare(
    encoder: &Encoder,
    sents: &[Vec<(String, String)>],
    first: &[Vec<String>],
    first_ids: &HashMap<&str, u32>,
    tag_ids: &HashMap<&str, u32>,
) -> Result<Tokens> {
    if sents.len() != first.len() || sents.iter().zip(first).any(|(s, f)| s.len() != f.len()) {
        return Err(Error::InvalidInput(
            "first-stage tags do not match the sentences".into(),
        ));
    }
    let err = candle_err("encoder");
    // groups of 32 sentences: the encoder is faster on several at once
    let states: Vec<Vec<Tensor>> = sents
        .par_chunks(32)
        .map(|group| {
            let words: Vec<Vec<&str>> = group
                .iter()
                .map(|s| s.iter().map(|(w, _)| w.as_str()).collect())
                .collect();
            let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
            encoder
                .word_states_batch(&refs)?
                .iter()
                .map(|t| t.to_dtype(DType::F16).map_err(&err))
                .collect()
        })
        .collect::<Result<_>>()?;
    let states: Vec<Tensor> = states.into_iter().flatten().collect();
    let states = Tensor::cat(&states, 0).map_err(&err)?;
    let (mut fv, mut caps, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    for (s, f) in sents.iter().zip(first) {
        let ids: Vec<u32> = f
            .iter()
            .map(|t| first_ids.get(t.as_str()).copied().unwrap_or(1))
            .collect();
        let n = ids.len() as i64;
        for (i, (w, g)) in s.iter().enumerate() {
            for off in WINDOW {
                let j = i as i64 + off;
                fv.push(if (0..n).contains(&j) {
                    ids[j as usize]
                } else {
                    0
                });
            }
            caps.push(capitalisation(w));
            // a dev tag unknown to train can never be predicted
            gold.push(tag_ids.get(g.as_str()).copied().unwrap_or(u32::MAX));
        }
    }
    Ok(Tokens {
        states,
        first: fv,
        caps,
        gold,
    })
}

struct Params {
    mix: Var,
    first: Vec<Var>,
    cap: Var,
    hidden_w: Var,
    hidden_b: Var,
    out_w: Var,
    out_b: Var,
}

impl Params {
    fn new(
        rng: &mut ChaCha8Rng,
        layers: usize,
        dim: usize,
        n_first: usize,
        n_tags: usize,
        cfg: &ContextTrainConfig,
    ) -> candle_core::Result<Self> {
        let dev = Device::Cpu;
        let mut normal = |n: usize, r: usize, c: usize| -> candle_core::Result<Var> {
            // Box-Muller normal(0, 1), as torch initialises embeddings
            let v: Vec<f32> = (0..n)
                .map(|_| {
                    let u1: f32 = rng.gen_range(f32::EPSILON..1.0);
                    let u2: f32 = rng.gen();
                    (-2.0 * u1.ln()).sqrt() * (std::f32::consts::TAU * u2).cos()
                })
                .collect();
            Var::from_tensor(&Tensor::from_vec(v, (r, c), &dev)?)
        };
        let first = (0..WINDOW.len())
            .map(|_| normal(n_first * cfg.tag_dim, n_first, cfg.tag_dim))
            .collect::<candle_core::Result<Vec<_>>>()?;
        let cap = normal(4 * CAP_DIM, 4, CAP_DIM)?;
        let input = dim + cfg.tag_dim * WINDOW.len() + CAP_DIM;
        // uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)), as torch initialises Linear
        let mut uniform = |shape: &[usize], fan_in: usize| -> candle_core::Result<Var> {
            let b = 1.0 / (fan_in as f32).sqrt();
            let n = shape.iter().product();
            let v: Vec<f32> = (0..n).map(|_| rng.gen_range(-b..b)).collect();
            Var::from_tensor(&Tensor::from_vec(v, shape, &dev)?)
        };
        Ok(Params {
            mix: Var::zeros(layers, DType::F32, &dev)?,
            first,
            cap,
            hidden_w: uniform(&[cfg.hidden, input], input)?,
            hidden_b: uniform(&[cfg.hidden], input)?,
            out_w: uniform(&[n_tags, cfg.hidden], cfg.hidden)?,
            out_b: uniform(&[n_tags], cfg.hidden)?,
        })
    }

    fn vars(&self) -> Vec<Var> {
        let mut v = vec![self.mix.clone(), self.cap.clone()];
        v.extend(self.first.iter().cloned());
        v.extend([
            self.hidden_w.clone(),
            self.hidden_b.clone(),
            self.out_w.clone(),
            self.out_b.clone(),
        ]);
        v
    }

    /// The named tensors of the head file (copies, not tied to the vars).
    fn snapshot(&self) -> candle_core::Result<Vec<(String, Tensor)>> {
        let mut out = vec![
            ("mix".to_string(), self.mix.as_tensor().copy()?),
            ("cap.weight".to_string(), self.cap.as_tensor().copy()?),
            (
                "hidden.weight".to_string(),
                self.hidden_w.as_tensor().copy()?,
            ),
            ("hidden.bias".to_string(), self.hidden_b.as_tensor().copy()?),
            ("out.weight".to_string(), self.out_w.as_tensor().copy()?),
            ("out.bias".to_string(), self.out_b.as_tensor().copy()?),
        ];
        for (k, f) in self.first.iter().enumerate() {
            out.push((format!("first.{k}.weight"), f.as_tensor().copy()?));
        }
        Ok(out)
    }

    /// Logits for the tokens `idx` of `t`; `dropout` draws masks while training.
    fn forward(
        &self,
        t: &Tokens,
        idx: &[u32],
        dropout: Option<(&mut ChaCha8Rng, f32)>,
    ) -> candle_core::Result<Tensor> {
        let dev = Device::Cpu;
        let rows = Tensor::new(idx, &dev)?;
        let states = t.states.index_select(&rows, 0)?.to_dtype(DType::F32)?;
        let layers = self.mix.as_tensor().dim(0)?;
        let mix =
            candle_nn::ops::softmax_last_dim(self.mix.as_tensor())?.reshape((1, layers, 1))?;
        let mut parts = vec![states.broadcast_mul(&mix)?.sum(1)?];
        for (k, f) in self.first.iter().enumerate() {
            let ids: Vec<u32> = idx
                .iter()
                .map(|&i| t.first[i as usize * WINDOW.len() + k])
                .collect();
            parts.push(f.as_tensor().index_select(&Tensor::new(ids, &dev)?, 0)?);
        }
        let caps: Vec<u32> = idx.iter().map(|&i| t.caps[i as usize]).collect();
        parts.push(
            self.cap
                .as_tensor()
                .index_select(&Tensor::new(caps, &dev)?, 0)?,
        );
        let mut x = Tensor::cat(&parts, 1)?;
        let mut rng = dropout;
        let mut drop = |x: Tensor| -> candle_core::Result<Tensor> {
            match rng.as_mut() {
                Some((r, p)) => {
                    let keep = 1.0 / (1.0 - *p);
                    let n = x.elem_count();
                    let m: Vec<f32> = (0..n)
                        .map(|_| if r.gen::<f32>() < *p { 0.0 } else { keep })
                        .collect();
                    let mask = Tensor::from_vec(m, x.shape(), &dev)?;
                    x * mask
                }
                None => Ok(x),
            }
        };
        x = drop(x)?;
        let h = x
            .matmul(&self.hidden_w.as_tensor().t()?)?
            .broadcast_add(self.hidden_b.as_tensor())?
            .relu()?;
        let h = drop(h)?;
        h.matmul(&self.out_w.as_tensor().t()?)?
            .broadcast_add(self.out_b.as_tensor())
    }

    fn accuracy(&self, t: &Tokens) -> candle_core::Result<f64> {
        let n = t.gold.len();
        if n == 0 {
            return Ok(0.0);
        }
        let mut right = 0usize;
        let idx: Vec<u32> = (0..n as u32).collect();
        for chunk in idx.chunks(4096) {
            let pred: Vec<u32> = self.forward(t, chunk, None)?.argmax(1)?.to_vec1()?;
            right += chunk
                .iter()
                .zip(pred)
                .filter(|(&i, p)| t.gold[i as usize] == *p)
                .count();
        }
        Ok(100.0 * right as f64 / n as f64)
    }
}

/// Trains a contextual tagger's head and returns the bytes of its file
/// (the format of [`super::ContextHead`]).
///
/// `train_first` holds the first stage's tags of each training sentence,
/// which should be as noisy as on new text
/// ([`super::PerceptronTagger::jackknife`]); `dev` (with the first stage's
/// tags of its sentences) picks the best epoch, or the last epoch is kept
/// when it is empty.
///
/// # Errors
/// [`Error::InvalidInput`] for empty training data or first-stage tags that
/// do not match the sentences; [`Error::Model`] if the encoder fails.
pub fn train_context_head(
    encoder: &Encoder,
    train: &[Vec<(String, String)>],
    train_first: &[Vec<String>],
    dev: &[Vec<(String, String)>],
    dev_first: &[Vec<String>],
    cfg: &ContextTrainConfig,
) -> Result<Vec<u8>> {
    if train.iter().all(|s| s.is_empty()) || cfg.epochs == 0 || cfg.batch == 0 {
        return Err(Error::InvalidInput(
            "a context head needs training tokens, epochs and a batch size".into(),
        ));
    }
    let tags: Vec<&str> = train
        .iter()
        .flatten()
        .map(|(_, t)| t.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut first_tags = vec!["<pad>", "<unk>"];
    first_tags.extend(
        train_first
            .iter()
            .flatten()
            .map(String::as_str)
            .collect::<BTreeSet<_>>(),
    );
    let tag_ids: HashMap<&str, u32> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, i as u32))
        .collect();
    let first_ids: HashMap<&str, u32> = first_tags
        .iter()
        .enumerate()
        .skip(2)
        .map(|(i, t)| (*t, i as u32))
        .collect();
    let say = |m: String| crate::progress::report(&cfg.progress, |p| p.message(&m));
    say(format!("encoding {} training sentences", train.len()));
    let tr = prepare(encoder, train, train_first, &first_ids, &tag_ids)?;
    let dv = prepare(encoder, dev, dev_first, &first_ids, &tag_ids)?;
    let err = candle_err("training");
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let p = Params::new(
        &mut rng,
        encoder.layers(),
        encoder.hidden_size(),
        first_tags.len(),
        tags.len(),
        cfg,
    )
    .map_err(&err)?;
    let mut opt = AdamW::new(
        p.vars(),
        ParamsAdamW {
            lr: cfg.learning_rate,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.0,
        },
    )
    .map_err(&err)?;
    let mut order: Vec<u32> = (0..tr.gold.len() as u32).collect();
    let mut best: Option<(f64, Vec<(String, Tensor)>)> = None;
    for epoch in 1..=cfg.epochs {
        order.shuffle(&mut rng);
        for batch in order.chunks(cfg.batch) {
            let logits = p
                .forward(&tr, batch, Some((&mut rng, cfg.dropout)))
                .map_err(&err)?;
            let gold: Vec<u32> = batch.iter().map(|&i| tr.gold[i as usize]).collect();
            let gold = Tensor::new(gold, &Device::Cpu).map_err(&err)?;
            let loss = candle_nn::loss::cross_entropy(&logits, &gold).map_err(&err)?;
            opt.backward_step(&loss).map_err(&err)?;
        }
        let acc = if dv.gold.is_empty() {
            f64::NAN
        } else {
            p.accuracy(&dv).map_err(&err)?
        };
        say(format!("epoch {epoch}/{}: dev {acc:.2} %", cfg.epochs));
        if dv.gold.is_empty() || best.as_ref().is_none_or(|(b, _)| acc > *b) {
            best = Some((acc, p.snapshot().map_err(&err)?));
        }
    }
    let (acc, tensors) = best.ok_or_else(|| Error::InvalidInput("no epoch ran".into()))?;
    let json = |v: &[&str]| serde_json::to_string(v).unwrap_or_default();
    let mut meta = HashMap::from([
        ("format".to_string(), HEAD_FORMAT.to_string()),
        ("version".to_string(), HEAD_VERSION.to_string()),
        ("column".to_string(), cfg.column.clone()),
        ("tags".to_string(), json(&tags)),
        ("first_tags".to_string(), json(&first_tags)),
        (
            "window".to_string(),
            serde_json::to_string(&WINDOW).unwrap_or_default(),
        ),
        ("license".to_string(), cfg.license.clone()),
    ]);
    if acc.is_finite() {
        meta.insert("dev_accuracy".into(), format!("{acc:.2}"));
    }
    safetensors::serialize(tensors, Some(meta))
        .map_err(|e| Error::Model(format!("writing the head: {e}")))
}

/// Trains the head of an English contextual tagger the way nlkit's shipped
/// heads were trained (`nlkit train-tagger --algorithm context`), and
/// returns the bytes of its file, checked to load.
///
/// The head learns from first-stage tags as noisy as on new text: each
/// training sentence's Penn tags come from an XPOS perceptron trained with
/// `first` on all but one of `folds` parts of `train_xpos` (the same
/// sentences as `train`, with their XPOS tags); `dev` is tagged by nlkit's
/// embedded XPOS model, the first stage the head will run with. `train`
/// holds the column the head learns (XPOS or UPOS, as `head.column` says).
///
/// # Errors
/// [`Error::InvalidInput`] when `train` and `train_xpos` differ in their
/// sentences, or as [`super::PerceptronTagger::jackknife`] and
/// [`train_context_head`].
pub fn train_english_context_head(
    encoder: &Encoder,
    train: &[Vec<(String, String)>],
    train_xpos: &[Vec<(String, String)>],
    dev: &[Vec<(String, String)>],
    first: &super::TrainConfig,
    folds: usize,
    head: &ContextTrainConfig,
) -> Result<Vec<u8>> {
    let same_words = train.len() == train_xpos.len()
        && train
            .iter()
            .zip(train_xpos)
            .all(|(a, b)| a.len() == b.len() && a.iter().zip(b).all(|((wa, _), (wb, _))| wa == wb));
    if !same_words {
        return Err(Error::InvalidInput(
            "the training sentences of the head and of its first stage differ".into(),
        ));
    }
    let train_first = super::PerceptronTagger::jackknife(train_xpos, first, folds)?;
    let first_stage = super::default_english_xpos()?;
    let dev_first: Vec<Vec<String>> = dev
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.iter().map(|(w, _)| w.as_str()).collect();
            super::Tagger::tag(first_stage, &words)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    let bytes = train_context_head(encoder, train, &train_first, dev, &dev_first, head)?;
    // a head that does not load is an error here, not at tagging time
    super::ContextHead::from_bytes(&bytes)?;
    Ok(bytes)
}
