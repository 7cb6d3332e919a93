//! Contextual taggers: nlkit's perceptron stacked under a small network that
//! also reads a pretrained transformer encoder's states (`nlkit tag
//! --encoder DIR`).
//!
//! For each token the head reads
//! 1. the tags the first stage (nlkit's embedded XPOS perceptron) gives the
//!    token and its neighbours (the head's `window`, -2..=2),
//! 2. the encoder's hidden states at the word's first word piece, mixed over
//!    the layers with learned weights (ELMo's scalar mix),
//! 3. the word's capitalisation class ([`capitalisation`]),
//!
//! and a hidden layer of ReLU units, then a linear layer picks the tag. The
//! heads are trained by nlkit ([`super::train_context_head`], `nlkit
//! train-tagger --algorithm context`) on UD English-EWT train (the first
//! stage's tags of train come from jackknifing, as for the stacked UPOS
//! perceptron) and embedded in the binary; the encoder (all-MiniLM-L6-v2,
//! about 90 MB) is read from a folder the user names.
//!
//! # Head format (version 1)
//! A safetensors file. Metadata: `format` = `nlkit-context-head`,
//! `version` = `1`, `column` (`xpos` or `upos`), `tags` (JSON list: the
//! output tags, in the order of `out`'s rows), `first_tags` (JSON list: the
//! first-stage tag vocabulary; index 0 pads positions outside the sentence,
//! index 1 stands for a tag not in the list), `window` (JSON list of
//! offsets), `encoder` (the encoder's name), `license`. Tensors (f32):
//! `mix` `(layers)`, `first.K.weight` `(first_tags, E)` for each window
//! offset K, `cap.weight` `(4, C)`, `hidden.weight` `(units, hidden_size +
//! E·window + C)`, `hidden.bias`, `out.weight` `(tags, units)`, `out.bias`.

use std::collections::HashMap;
use std::sync::Arc;

use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Embedding, Linear, VarBuilder};

use super::{PerceptronTagger, Tagger};
use crate::neural::{candle_err, Encoder};
use crate::{Error, Result};

/// The format name in a head file's metadata.
pub const HEAD_FORMAT: &str = "nlkit-context-head";
/// The head format version this nlkit reads and writes.
pub const HEAD_VERSION: u32 = 1;

static XPOS_HEAD: &[u8] = include_bytes!("../../corpora/models/en_ewt_xpos_context.safetensors");
static UPOS_HEAD: &[u8] = include_bytes!("../../corpora/models/en_ewt_upos_context.safetensors");

/// The capitalisation class the heads read: 0 no upper-case letter, 1 upper
/// case and no lower case (`NASA`), 2 first character upper case (`Paris`),
/// 3 other mixes (`iPhone`).
///
/// # Example
/// ```
/// use nlkit::tag::capitalisation;
/// assert_eq!([capitalisation("the"), capitalisation("NASA"), capitalisation("Paris"), capitalisation("iPhone")], [0, 1, 2, 3]);
/// ```
pub fn capitalisation(word: &str) -> u32 {
    if !word.chars().any(char::is_uppercase) {
        0
    } else if !word.chars().any(char::is_lowercase) {
        1
    } else if word.chars().next().is_some_and(char::is_uppercase) {
        2
    } else {
        3
    }
}

/// The trained head of a contextual tagger (see the module documentation
/// for its file format).
pub struct ContextHead {
    column: String,
    tags: Vec<String>,
    first_ids: HashMap<String, u32>,
    window: Vec<i64>,
    mix: Vec<f32>,
    first: Vec<Embedding>,
    cap: Embedding,
    hidden: Linear,
    out: Linear,
    input_states: usize,
}

impl std::fmt::Debug for ContextHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContextHead")
            .field("column", &self.column)
            .field("tags", &self.tags.len())
            .field("window", &self.window)
            .finish()
    }
}

impl ContextHead {
    /// Reads a head from the bytes of its safetensors file.
    ///
    /// # Errors
    /// [`Error::Model`] for bytes that are not a safetensors file, a file
    /// of another format or version, missing metadata, or tensors that are
    /// missing or of inconsistent shapes.
    ///
    /// # Example
    /// ```
    /// use nlkit::tag::ContextHead;
    /// assert!(ContextHead::from_bytes(b"not a model").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let bad = |m: String| Error::Model(format!("context tagger head: {m}"));
        let (_, meta) = safetensors::SafeTensors::read_metadata(bytes)
            .map_err(|e| bad(format!("not a safetensors file ({e})")))?;
        let md = meta.metadata().clone().unwrap_or_default();
        let get = |k: &str| {
            md.get(k)
                .cloned()
                .ok_or_else(|| bad(format!("metadata `{k}` missing")))
        };
        let format = get("format")?;
        if format != HEAD_FORMAT {
            return Err(bad(format!("format `{format}`, expected `{HEAD_FORMAT}`")));
        }
        let version = get("version")?;
        if version != HEAD_VERSION.to_string() {
            return Err(bad(format!(
                "format version {version}; this nlkit reads version {HEAD_VERSION}"
            )));
        }
        let json_list = |k: &str| -> Result<Vec<String>> {
            serde_json::from_str(&get(k)?).map_err(|e| bad(format!("metadata `{k}`: {e}")))
        };
        let tags = json_list("tags")?;
        let first_tags = json_list("first_tags")?;
        let window: Vec<i64> = serde_json::from_str(&get("window")?)
            .map_err(|e| bad(format!("metadata `window`: {e}")))?;
        if tags.is_empty() || first_tags.len() < 2 || window.is_empty() {
            return Err(bad("empty tag list or window".into()));
        }
        if window.iter().any(|o| o.abs() > 64) {
            return Err(bad(format!(
                "window {window:?} reaches more than 64 tokens away"
            )));
        }
        let vb = VarBuilder::from_slice_safetensors(bytes, DType::F32, &Device::Cpu)
            .map_err(|e| bad(e.to_string()))?;
        let shape_err = |e: candle_core::Error| bad(e.to_string());
        let mix_t = vb
            .get_unchecked_dtype("mix", DType::F32)
            .map_err(shape_err)?;
        let mix: Vec<f32> = mix_t.to_vec1().map_err(shape_err)?;
        let first0 = vb
            .get_unchecked_dtype("first.0.weight", DType::F32)
            .map_err(shape_err)?;
        let emb = first0.dim(1).map_err(shape_err)?;
        let first = (0..window.len())
            .map(|k| {
                candle_nn::embedding(first_tags.len(), emb, vb.pp(format!("first.{k}")))
                    .map_err(shape_err)
            })
            .collect::<Result<Vec<_>>>()?;
        let cap_t = vb
            .get_unchecked_dtype("cap.weight", DType::F32)
            .map_err(shape_err)?;
        let cap_dim = cap_t.dim(1).map_err(shape_err)?;
        let cap = candle_nn::embedding(4, cap_dim, vb.pp("cap")).map_err(shape_err)?;
        let hidden_w = vb
            .get_unchecked_dtype("hidden.weight", DType::F32)
            .map_err(shape_err)?;
        let (units, input) = hidden_w.dims2().map_err(shape_err)?;
        let fixed = emb * window.len() + cap_dim;
        if input <= fixed {
            return Err(bad(format!("hidden.weight has {input} inputs, too few")));
        }
        let hidden = candle_nn::linear(input, units, vb.pp("hidden")).map_err(shape_err)?;
        let out = candle_nn::linear(units, tags.len(), vb.pp("out")).map_err(shape_err)?;
        let first_ids = first_tags
            .iter()
            .enumerate()
            .skip(2)
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        Ok(ContextHead {
            column: get("column")?,
            tags,
            first_ids,
            window,
            mix: softmax(&mix),
            first,
            cap,
            hidden,
            out,
            input_states: input - fixed,
        })
    }

    /// The head for nlkit's embedded English models: `upos` for Universal
    /// POS tags, otherwise Penn Treebank tags.
    ///
    /// # Errors
    /// [`Error::Model`] only if the embedded head is defective (a build bug).
    ///
    /// # Example
    /// ```
    /// let head = nlkit::tag::ContextHead::english(true).unwrap();
    /// assert_eq!(head.column(), "upos");
    /// assert!(head.tags().iter().any(|t| t == "PROPN"));
    /// ```
    pub fn english(upos: bool) -> Result<Self> {
        Self::from_bytes(if upos { UPOS_HEAD } else { XPOS_HEAD })
    }

    /// The column (`xpos` or `upos`) the head was trained on.
    pub fn column(&self) -> &str {
        &self.column
    }

    /// The tags the head chooses from.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Tag indices for one sentence, from the encoder's word states
    /// `(words, layers, hidden)` and the first stage's tags.
    fn predict(
        &self,
        states: &Tensor,
        first_tags: &[&str],
        words: &[&str],
    ) -> candle_core::Result<Vec<u32>> {
        let n = words.len();
        if n == 0 {
            return Ok(Vec::new());
        }
        let dev = states.device();
        let mix = Tensor::from_slice(&self.mix, (1, self.mix.len(), 1), dev)?;
        let h = states.broadcast_mul(&mix)?.sum(1)?;
        let ids: Vec<u32> = first_tags
            .iter()
            .map(|t| self.first_ids.get(*t).copied().unwrap_or(1))
            .collect();
        let mut parts = vec![h];
        for (k, off) in self.window.iter().enumerate() {
            let col: Vec<u32> = (0..n as i64)
                .map(|i| {
                    let j = i.saturating_add(*off);
                    if (0..n as i64).contains(&j) {
                        ids[j as usize]
                    } else {
                        0
                    }
                })
                .collect();
            parts.push(self.first[k].forward(&Tensor::new(col.as_slice(), dev)?)?);
        }
        let caps: Vec<u32> = words.iter().map(|w| capitalisation(w)).collect();
        parts.push(self.cap.forward(&Tensor::new(caps.as_slice(), dev)?)?);
        let x = Tensor::cat(&parts, 1)?;
        let y = self.out.forward(&self.hidden.forward(&x)?.relu()?)?;
        y.argmax(1)?.to_vec1()
    }
}

fn softmax(v: &[f32]) -> Vec<f32> {
    let m = v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = v.iter().map(|x| (x - m).exp()).collect();
    let s: f32 = e.iter().sum();
    e.into_iter().map(|x| x / s).collect()
}

/// A contextual tagger: a first-stage perceptron, a transformer
/// [`Encoder`] and a [`ContextHead`]. More accurate than the perceptron
/// alone (on UD English-EWT test, XPOS 96.05 % and UPOS 96.61 % against
/// 95.0 % and 95.8 %), and much slower: the encoder costs about as much as
/// a thousand perceptron taggings per token.
///
/// # Example
/// ```no_run
/// use std::sync::Arc;
/// use nlkit::neural::Encoder;
/// use nlkit::tag::ContextTagger;
/// let enc = Arc::new(Encoder::load(std::path::Path::new("all-MiniLM-L6-v2")).unwrap());
/// let t = ContextTagger::english(enc, false).unwrap();
/// assert_eq!(t.try_tag(&["They", "bark", "."]).unwrap(), ["PRP", "VBP", "."]);
/// ```
pub struct ContextTagger {
    first: &'static PerceptronTagger,
    encoder: Arc<Encoder>,
    head: ContextHead,
}

impl std::fmt::Debug for ContextTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContextTagger")
            .field("encoder", &self.encoder)
            .field("head", &self.head)
            .finish()
    }
}

impl ContextTagger {
    /// A contextual tagger from its parts.
    ///
    /// # Errors
    /// [`Error::Model`] if the head was trained on states of another size
    /// or number of layers than the encoder gives.
    pub fn new(
        first: &'static PerceptronTagger,
        encoder: Arc<Encoder>,
        head: ContextHead,
    ) -> Result<Self> {
        if head.mix.len() != encoder.layers() || head.input_states != encoder.hidden_size() {
            return Err(Error::Model(format!(
                "context tagger head expects an encoder of {} layers of {}; this encoder has {} of {}",
                head.mix.len(),
                head.input_states,
                encoder.layers(),
                encoder.hidden_size()
            )));
        }
        Ok(ContextTagger {
            first,
            encoder,
            head,
        })
    }

    /// nlkit's English contextual tagger (`upos`: Universal POS tags,
    /// otherwise Penn Treebank tags), on nlkit's embedded XPOS perceptron
    /// and the embedded head, with `encoder` (all-MiniLM-L6-v2).
    ///
    /// # Errors
    /// As [`ContextTagger::new`].
    pub fn english(encoder: Arc<Encoder>, upos: bool) -> Result<Self> {
        Self::new(
            super::default_english_xpos()?,
            encoder,
            ContextHead::english(upos)?,
        )
    }

    /// The first-stage perceptron.
    pub fn first_stage(&self) -> &PerceptronTagger {
        self.first
    }

    /// Tags one sentence.
    ///
    /// # Errors
    /// [`Error::Model`] if the encoder's tokenizer fails on the input.
    pub fn try_tag(&self, tokens: &[&str]) -> Result<Vec<&str>> {
        if tokens.is_empty() {
            return Ok(Vec::new());
        }
        let states = self.encoder.word_states(tokens)?;
        self.tags_from_states(tokens, &states)
    }

    /// The head's tags for one sentence from its encoder states.
    fn tags_from_states(&self, tokens: &[&str], states: &Tensor) -> Result<Vec<&str>> {
        if tokens.is_empty() {
            return Ok(Vec::new());
        }
        let first = self.first.tag(tokens);
        let ids = self
            .head
            .predict(states, &first, tokens)
            .map_err(candle_err("context tagger"))?;
        Ok(ids
            .into_iter()
            .map(|i| self.head.tags.get(i as usize).map_or("", String::as_str))
            .collect())
    }
}

impl ContextTagger {
    /// Tags several sentences, encoding them together
    /// ([`Encoder::word_states_batch`]): the same tags as
    /// [`Self::try_tag`] on each, about 1.6 times as fast on one core for
    /// groups of a few dozen sentences.
    ///
    /// # Errors
    /// [`Error::Model`] if the encoder's tokenizer fails on an input.
    ///
    /// # Example
    /// ```no_run
    /// use std::sync::Arc;
    /// use nlkit::neural::Encoder;
    /// use nlkit::tag::ContextTagger;
    /// let enc = Arc::new(Encoder::load(std::path::Path::new("all-MiniLM-L6-v2")).unwrap());
    /// let t = ContextTagger::english(enc, false).unwrap();
    /// let tags = t.try_tag_sents(&[&["They", "bark", "."], &["Dogs", "run"]]).unwrap();
    /// assert_eq!(tags[1], ["NNS", "VBP"]);
    /// ```
    pub fn try_tag_sents(&self, sentences: &[&[&str]]) -> Result<Vec<Vec<&str>>> {
        let states = self.encoder.word_states_batch(sentences)?;
        sentences
            .iter()
            .zip(&states)
            .map(|(tokens, states)| self.tags_from_states(tokens, states))
            .collect()
    }
}

impl super::TryTagger for ContextTagger {
    /// Tags several sentences with one encoder pass per group of them; an
    /// encoder failure is returned, never turned into tags.
    fn try_tag_sents<'t>(&'t self, sentences: &[Vec<&str>]) -> Result<Vec<Vec<&'t str>>> {
        let refs: Vec<&[&str]> = sentences.iter().map(Vec::as_slice).collect();
        ContextTagger::try_tag_sents(self, &refs)
    }

    fn try_tag<'t>(&'t self, tokens: &[&str]) -> Result<Vec<&'t str>> {
        ContextTagger::try_tag(self, tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded XPOS head with `from` replaced by `to` (same length) in
    /// its safetensors header.
    fn patched(from: &str, to: &str) -> Vec<u8> {
        assert_eq!(from.len(), to.len());
        let mut b = XPOS_HEAD.to_vec();
        let n = 8 + u64::from_le_bytes(b[..8].try_into().unwrap()) as usize;
        let header = &mut b[8..n];
        let at = header
            .windows(from.len())
            .position(|w| w == from.as_bytes())
            .expect("in header");
        header[at..at + from.len()].copy_from_slice(to.as_bytes());
        b
    }

    #[test]
    fn embedded_heads_load() {
        let x = ContextHead::english(false).unwrap();
        let u = ContextHead::english(true).unwrap();
        assert_eq!((x.column(), u.column()), ("xpos", "upos"));
        assert!(x.tags().iter().any(|t| t == "NNP"));
        assert_eq!(x.window, [-2, -1, 0, 1, 2]);
        assert_eq!((x.mix.len(), x.input_states), (6, 384));
        assert!((x.mix.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }

    #[test]
    fn bad_heads_are_errors() {
        let err = |b: &[u8]| ContextHead::from_bytes(b).unwrap_err().to_string();
        assert!(err(b"").contains("not a safetensors file"));
        assert!(err(&XPOS_HEAD[..XPOS_HEAD.len() / 2]).contains("context tagger head"));
        for n in [0, 7, 8, 100, XPOS_HEAD.len() - 1] {
            assert!(
                ContextHead::from_bytes(&XPOS_HEAD[..n]).is_err(),
                "length {n}"
            );
        }
        let e = err(&patched("nlkit-context-head", "nlkit-context-hexd"));
        assert!(e.contains("format `nlkit-context-hexd`"), "{e}");
        let e = err(&patched("\"version\":\"1\"", "\"version\":\"2\""));
        assert!(
            e.contains("format version 2; this nlkit reads version 1"),
            "{e}"
        );
        let e = err(&patched("\"out.weight\"", "\"out.weighx\""));
        assert!(e.contains("out.weight"), "{e}");
        let e = err(&patched("[-2,-1,0,1,2]", "[-2,-1,0,-99]"));
        assert!(e.contains("more than 64 tokens away"), "{e}");
        let e = err(&patched("\"tags\":", "\"tagz\":"));
        assert!(e.contains("metadata `tags` missing"), "{e}");
    }

    #[test]
    fn capitalisation_classes() {
        for (w, c) in [
            ("", 0),
            ("3.14", 0),
            ("über", 0),
            ("ÜBER", 1),
            ("A", 1),
            ("U.S.", 1),
            ("Über", 2),
            ("eBay", 3),
        ] {
            assert_eq!(capitalisation(w), c, "{w}");
        }
    }
}
