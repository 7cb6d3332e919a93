//! Fine-tuning the pretrained encoder end to end for a labelling task:
//! every weight of the transformer ([`Encoder::load_trainable`]) and a
//! linear layer over its last layer's state at each word's first word
//! piece are trained together on gold labels (cross-entropy, AdamW with
//! one learning rate for the encoder and one for the new layer, gradient
//! clipping, dropout, a linearly decaying rate, the best dev epoch kept,
//! early stopping, a seed that makes runs repeatable).
//!
//! The result is a folder that is itself an encoder folder (`config.json`,
//! `tokenizer.json`, `model.safetensors` with the tuned weights) plus the
//! labelling layer (`head.safetensors`) and `tagger.json` (format
//! `nlkit-finetuned-tagger`, version, labels, provenance, checksums).
//! [`FineTunedTagger::load`] reads it back onto the fast inference path.
//! `nlkit train-neural --encoder DIR` makes one and `nlkit tag --tagger
//! neural:DIR` runs it. NLTK has no counterpart; this is the usual
//! "BERT + linear layer" token classifier of Devlin et al. (2019).

use std::path::Path;

use candle_core::{DType, Device, Tensor, Var, D};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::iob::IobConstraints;
use super::labeller::{
    clip, read_header, score_labels, weights_checksum, Labelled, Metric, ModelInfo,
};
use super::{candle_err, Encoder};
use crate::io::write_atomic;
use crate::progress::{report, ProgressHandle};
use crate::{Error, Result};

/// The format name in a fine-tuned folder's `tagger.json`.
pub const FINETUNED_FORMAT: &str = "nlkit-finetuned-tagger";
/// The version of that format this nlkit writes and reads.
pub const FINETUNED_VERSION: u32 = 1;

const HEADER: &str = "tagger.json";
const HEAD: &str = "head.safetensors";
const WEIGHTS: &str = "model.safetensors";

/// Options of [`finetune_tagger`].
///
/// # Example
/// ```
/// let o = nlkit::neural::FineTuneConfig { epochs: 2, ..Default::default() };
/// assert!(o.encoder_lr < o.head_lr);
/// ```
#[derive(Clone)]
pub struct FineTuneConfig {
    /// Maximum passes over the training data.
    pub epochs: usize,
    /// Sentences per minibatch (sentences of similar length go together).
    pub batch_size: usize,
    /// AdamW's learning rate for the encoder's weights at the start.
    pub encoder_lr: f64,
    /// AdamW's learning rate for the new labelling layer at the start.
    pub head_lr: f64,
    /// Both rates fall linearly to zero over all the epochs' steps.
    pub linear_decay: bool,
    /// AdamW's decoupled weight decay.
    pub weight_decay: f64,
    /// Gradients are scaled down to at most this global L2 norm.
    pub clip_norm: f64,
    /// Dropout on the encoder's output (training only).
    pub dropout: f32,
    /// Stop after this many epochs without a better dev score.
    pub patience: usize,
    /// How dev data is scored (and which score picks the epoch).
    pub metric: Metric,
    /// The seed of every random choice (head initialisation, batch order,
    /// dropout).
    pub seed: u64,
    /// Progress: one phase per epoch, with loss and dev score.
    pub progress: Option<ProgressHandle>,
}

impl Default for FineTuneConfig {
    fn default() -> Self {
        FineTuneConfig {
            epochs: 3,
            batch_size: 16,
            encoder_lr: 5e-5,
            head_lr: 1e-3,
            linear_decay: true,
            weight_decay: 0.01,
            clip_norm: 1.0,
            dropout: 0.1,
            patience: 2,
            metric: Metric::Accuracy,
            seed: 42,
            progress: None,
        }
    }
}

impl std::fmt::Debug for FineTuneConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FineTuneConfig")
            .field("epochs", &self.epochs)
            .field("batch_size", &self.batch_size)
            .field("encoder_lr", &self.encoder_lr)
            .field("head_lr", &self.head_lr)
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    labels: Vec<String>,
    /// The training data's word forms, sorted (for [`FineTunedTagger::knows`]).
    words: Vec<String>,
    info: ModelInfo,
    head_fnv1a64: String,
    encoder_fnv1a64: String,
}

/// A tagger made by fine-tuning an encoder ([`finetune_tagger`]).
///
/// # Example
/// ```no_run
/// use nlkit::neural::FineTunedTagger;
/// let t = FineTunedTagger::load(std::path::Path::new("upos-minilm")).unwrap();
/// let tags = t.tag_sents(&[vec!["The", "cat", "sat"]]).unwrap();
/// assert_eq!(tags[0].len(), 3);
/// ```
pub struct FineTunedTagger {
    encoder: Encoder,
    head_w: Tensor,
    head_b: Tensor,
    labels: Vec<String>,
    words: Vec<String>,
    info: ModelInfo,
    /// Decoding constraints of an IOB chunk or entity label set.
    iob: Option<IobConstraints>,
}

impl std::fmt::Debug for FineTunedTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FineTunedTagger")
            .field("task", &self.info.task)
            .field("labels", &self.labels.len())
            .finish_non_exhaustive()
    }
}

/// Sentences tagged per encoder call.
const GROUP: usize = 32;

impl FineTunedTagger {
    /// Reads a fine-tuned folder (CPU).
    ///
    /// # Errors
    /// [`Error::Io`] for a missing file; [`Error::Json`] for a `tagger.json`
    /// that is not JSON; [`Error::Model`] for another format, a corrupt or
    /// swapped weights file (checksums) or an encoder folder nlkit cannot
    /// read; [`Error::ModelVersion`] for another version;
    /// [`Error::ModelMismatch`] when the labelling layer does not fit the
    /// labels or the encoder.
    pub fn load(dir: &Path) -> Result<Self> {
        let hpath = dir.join(HEADER);
        let json = std::fs::read(&hpath).map_err(|e| Error::io(&hpath, e))?;
        let (header, _): (Header, u32) = read_header(
            &json,
            &hpath,
            FINETUNED_FORMAT,
            "fine-tuned tagger",
            FINETUNED_VERSION..=FINETUNED_VERSION,
        )?;
        let read_checked = |name: &str, sum: &str| -> Result<Vec<u8>> {
            let p = dir.join(name);
            let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
            if weights_checksum(&bytes) != sum {
                return Err(Error::Model(format!(
                    "{}: corrupt or truncated weights, or weights of another model (checksum differs from {})",
                    p.display(),
                    hpath.display()
                )));
            }
            Ok(bytes)
        };
        read_checked(WEIGHTS, &header.encoder_fnv1a64)?;
        let head = read_checked(HEAD, &header.head_fnv1a64)?;
        let encoder = Encoder::load(dir)?;
        let hfile = dir.join(HEAD);
        let mut t = candle_core::safetensors::load_buffer(&head, &Device::Cpu)
            .map_err(|e| Error::Model(format!("{}: corrupt weights: {e}", hfile.display())))?;
        let mismatch = |message: String| Error::ModelMismatch {
            file: hfile.clone(),
            part: "label set",
            message,
        };
        let (head_w, head_b) = match (t.remove("head.weight"), t.remove("head.bias")) {
            (Some(w), Some(b)) => (w, b),
            _ => {
                return Err(mismatch(
                    "tensors `head.weight` and `head.bias` needed".into(),
                ))
            }
        };
        let want = [header.labels.len(), encoder.hidden_size()];
        if header.labels.is_empty() || head_w.dims() != want || head_b.dims() != [want[0]] {
            return Err(mismatch(format!(
                "head of shape {:?}, {} labels and hidden size {} need {want:?}",
                head_w.dims(),
                header.labels.len(),
                encoder.hidden_size()
            )));
        }
        Ok(FineTunedTagger {
            encoder,
            head_w,
            head_b,
            iob: iob_for(&header.info.task, &header.labels),
            labels: header.labels,
            words: header.words,
            info: header.info,
        })
    }

    /// Tags sentences (an empty sentence gets no tags).
    ///
    /// # Errors
    /// [`Error::Model`] when the encoder or the layer fails; never empty
    /// or made-up tags.
    pub fn tag_sents<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Result<Vec<Vec<&str>>> {
        let err = candle_err("fine-tuned tagger");
        let mut out = Vec::with_capacity(sentences.len());
        for group in sentences.chunks(GROUP) {
            let refs: Vec<Vec<&str>> = group
                .iter()
                .map(|s| s.iter().map(AsRef::as_ref).collect())
                .collect();
            let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
            let states = self.encoder.word_states_batch(&slices)?;
            for (s, st) in refs.iter().zip(states) {
                if s.is_empty() {
                    out.push(Vec::new());
                    continue;
                }
                let ids = last_layer(&st)
                    .and_then(|h| logits(&h, &self.head_w, &self.head_b))
                    .and_then(|l| decode(&l, self.iob.as_ref()))
                    .map_err(&err)?;
                let tags = ids
                    .iter()
                    .map(|&i| {
                        self.labels
                            .get(i as usize)
                            .map(String::as_str)
                            .ok_or_else(|| Error::Model(format!("label index {i} out of range")))
                    })
                    .collect::<Result<Vec<&str>>>()?;
                if tags.len() != s.len() {
                    return Err(Error::Model(format!(
                        "the encoder gave {} states for {} words",
                        tags.len(),
                        s.len()
                    )));
                }
                out.push(tags);
            }
        }
        Ok(out)
    }

    /// Whether `word` occurred in the training data.
    pub fn knows(&self, word: &str) -> bool {
        self.words
            .binary_search_by(|w| w.as_str().cmp(word))
            .is_ok()
    }

    /// The label set, in the layer's order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The model's provenance (task, training data, dev score, epochs).
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }
}

impl crate::tag::TryTagger for FineTunedTagger {
    fn try_tag_sents<'t>(&'t self, sentences: &[Vec<&str>]) -> Result<Vec<Vec<&'t str>>> {
        self.tag_sents(sentences)
    }
}

/// `(words, layers, hidden)` → the last layer's `(words, hidden)`.
fn last_layer(states: &Tensor) -> candle_core::Result<Tensor> {
    let layers = states.dim(1)?;
    states.narrow(1, layers - 1, 1)?.squeeze(1)
}

fn logits(h: &Tensor, w: &Tensor, b: &Tensor) -> candle_core::Result<Tensor> {
    h.matmul(&w.t()?)?.broadcast_add(b)
}

/// The IOB constraints for a `chunk` or `ner` model whose labels are IOB2
/// tags ([`IobConstraints`]); other tasks decode by per-token argmax.
fn iob_for(task: &str, labels: &[String]) -> Option<IobConstraints> {
    matches!(task, "chunk" | "ner")
        .then(|| IobConstraints::for_labels(labels))
        .flatten()
}

/// Label ids from one sentence's logits: the per-token argmax, or the best
/// valid IOB sequence.
fn decode(l: &Tensor, iob: Option<&IobConstraints>) -> candle_core::Result<Vec<u32>> {
    match iob {
        None => l.argmax(D::Minus1)?.to_vec1::<u32>(),
        Some(c) => Ok(c.decode(&l.to_dtype(DType::F32)?.to_vec2::<f32>()?)),
    }
}

/// Fine-tunes the encoder in `encoder_dir` with a new labelling layer on
/// `train`, keeps the best epoch by its score on `dev` (every epoch's
/// weights when `dev` is empty) in the folder `out`, and returns that
/// model read back from `out`.
///
/// # Errors
/// [`Error::InvalidInput`] for no training tokens, sentences whose words
/// and labels differ in number, or options out of range; the errors of
/// [`Encoder::load_trainable`]; [`Error::Model`] when training fails or
/// diverges; [`Error::Io`] when `out` cannot be written.
pub fn finetune_tagger(
    encoder_dir: &Path,
    train: &[Labelled],
    dev: &[Labelled],
    opts: &FineTuneConfig,
    mut info: ModelInfo,
    out: &Path,
) -> Result<FineTunedTagger> {
    let err = candle_err("fine-tuning");
    for (what, data) in [("training", train), ("dev", dev)] {
        if let Some(i) = data.iter().position(|(w, l)| w.len() != l.len()) {
            return Err(Error::InvalidInput(format!(
                "{what} sentence {}: {} words but {} labels",
                i + 1,
                data[i].0.len(),
                data[i].1.len()
            )));
        }
    }
    if opts.batch_size == 0 || opts.epochs == 0 || !(0.0..1.0).contains(&opts.dropout) {
        return Err(Error::InvalidInput(
            "fine-tuning needs a positive batch size and epoch count, and dropout in [0, 1)".into(),
        ));
    }
    let train: Vec<&Labelled> = train.iter().filter(|(w, _)| !w.is_empty()).collect();
    if train.is_empty() {
        return Err(Error::InvalidInput("no training sentences".into()));
    }
    let mut labels: Vec<String> = train.iter().flat_map(|(_, l)| l.iter().cloned()).collect();
    labels.sort();
    labels.dedup();
    let label_id = |l: &str| labels.binary_search_by(|x| x.as_str().cmp(l)).ok();
    let mut known: Vec<String> = train.iter().flat_map(|(w, _)| w.iter().cloned()).collect();
    known.sort();
    known.dedup();
    let (encoder, enc_vars) = Encoder::load_trainable(encoder_dir)?;
    let hidden = encoder.hidden_size();
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let a = (6.0 / (hidden + labels.len()) as f32).sqrt();
    let w0: Vec<f32> = (0..labels.len() * hidden)
        .map(|_| rng.gen_range(-a..=a))
        .collect();
    let head_w = Var::from_tensor(
        &Tensor::from_vec(w0, (labels.len(), hidden), &Device::Cpu).map_err(&err)?,
    )
    .map_err(&err)?;
    let head_b = Var::zeros(labels.len(), DType::F32, &Device::Cpu).map_err(&err)?;
    let enc_list = enc_vars.all_vars();
    let head_list = vec![head_w.clone(), head_b.clone()];
    let all: Vec<Var> = enc_list.iter().chain(&head_list).cloned().collect();
    let adam = |vars: Vec<Var>, lr: f64| {
        AdamW::new(
            vars,
            ParamsAdamW {
                lr,
                weight_decay: opts.weight_decay,
                ..ParamsAdamW::default()
            },
        )
    };
    let mut enc_opt = adam(enc_list, opts.encoder_lr).map_err(&err)?;
    let mut head_opt = adam(head_list, opts.head_lr).map_err(&err)?;

    let gold: Vec<Vec<u32>> = train
        .iter()
        .map(|(_, l)| l.iter().map(|l| label_id(l).unwrap_or(0) as u32).collect())
        .collect();
    let mut order: Vec<usize> = (0..train.len()).collect();
    order.sort_by_key(|&i| train[i].0.len());
    let batches: Vec<Vec<usize>> = order
        .chunks(opts.batch_size)
        .map(<[usize]>::to_vec)
        .collect();
    let total_steps = (batches.len() * opts.epochs) as f64;
    let mut step = 0usize;
    let dev: Vec<&Labelled> = dev.iter().filter(|(w, _)| !w.is_empty()).collect();
    let mut best: Option<f64> = None;
    let mut since_best = 0usize;
    for epoch in 0..opts.epochs {
        let title = format!("epoch {}/{}", epoch + 1, opts.epochs);
        report(&opts.progress, |p| {
            p.start(&title, Some(batches.len() as u64))
        });
        let mut shuffled = batches.clone();
        shuffled.shuffle(&mut rng);
        let (mut total, mut tokens) = (0f64, 0usize);
        for (bi, idx) in shuffled.iter().enumerate() {
            if opts.linear_decay {
                let f = 1.0 - step as f64 / total_steps;
                enc_opt.set_learning_rate(opts.encoder_lr * f);
                head_opt.set_learning_rate(opts.head_lr * f);
            }
            step += 1;
            let words: Vec<Vec<&str>> = idx
                .iter()
                .map(|&i| train[i].0.iter().map(String::as_str).collect())
                .collect();
            let slices: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
            let states = encoder.word_states_train(&slices)?;
            let h: Vec<Tensor> = states
                .iter()
                .map(last_layer)
                .collect::<candle_core::Result<_>>()
                .map_err(&err)?;
            let h = Tensor::cat(&h, 0).map_err(&err)?;
            let h = dropout(&h, opts.dropout, &mut rng).map_err(&err)?;
            let ids: Vec<u32> = idx.iter().flat_map(|&i| gold[i].iter().copied()).collect();
            let n = ids.len();
            let target = Tensor::from_vec(ids, n, &Device::Cpu).map_err(&err)?;
            let loss = logits(&h, head_w.as_tensor(), head_b.as_tensor())
                .and_then(|l| candle_nn::loss::cross_entropy(&l, &target))
                .map_err(&err)?;
            let value = loss.to_scalar::<f32>().map_err(&err)? as f64;
            if !value.is_finite() {
                return Err(Error::Model(format!(
                    "fine-tuning diverged at epoch {} (loss {value})",
                    epoch + 1
                )));
            }
            total += value * n as f64;
            tokens += n;
            let mut grads = loss.backward().map_err(&err)?;
            clip(&mut grads, &all, opts.clip_norm).map_err(&err)?;
            enc_opt.step(&grads).map_err(&err)?;
            head_opt.step(&grads).map_err(&err)?;
            report(&opts.progress, |p| p.set_position(bi as u64 + 1));
        }
        let mean = total / tokens.max(1) as f64;
        let save = |info: &ModelInfo| {
            write(
                encoder_dir,
                out,
                &enc_vars,
                [head_w.as_tensor(), head_b.as_tensor()],
                [&labels, &known],
                info,
            )
        };
        info.epochs = epoch + 1;
        info.seed = opts.seed;
        if dev.is_empty() {
            save(&info)?;
            report(&opts.progress, |p| {
                p.finish(&format!("{title}: loss {mean:.4}"))
            });
            continue;
        }
        let iob = iob_for(&info.task, &labels);
        let s = dev_score(
            &encoder,
            [&head_w, &head_b],
            (&labels, iob.as_ref()),
            &dev,
            opts.metric,
        )?;
        report(&opts.progress, |p| {
            p.finish(&format!("{title}: loss {mean:.4}, dev {s:.2}%"))
        });
        if best.is_none_or(|b| s > b) {
            best = Some(s);
            since_best = 0;
            info.dev_score = Some(s);
            info.dev_metric = Some(opts.metric);
            save(&info)?;
        } else {
            since_best += 1;
            if since_best >= opts.patience.max(1) {
                break;
            }
        }
    }
    FineTunedTagger::load(out)
}

/// Inverted dropout with a mask from the seeded generator.
fn dropout(x: &Tensor, p: f32, rng: &mut ChaCha8Rng) -> candle_core::Result<Tensor> {
    if p <= 0.0 {
        return Ok(x.clone());
    }
    let keep = 1.0 / (1.0 - p);
    let m: Vec<f32> = (0..x.elem_count())
        .map(|_| if rng.gen::<f32>() < p { 0.0 } else { keep })
        .collect();
    x.mul(&Tensor::from_vec(m, x.dims(), x.device())?)
}

/// The dev score of the model being trained.
fn dev_score(
    encoder: &Encoder,
    [w, b]: [&Var; 2],
    (labels, iob): (&[String], Option<&IobConstraints>),
    dev: &[&Labelled],
    metric: Metric,
) -> Result<f64> {
    let err = candle_err("fine-tuning");
    let mut pred: Vec<Vec<&str>> = Vec::with_capacity(dev.len());
    for group in dev.chunks(GROUP) {
        let words: Vec<Vec<&str>> = group
            .iter()
            .map(|(w, _)| w.iter().map(String::as_str).collect())
            .collect();
        let slices: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
        for st in encoder.word_states_train(&slices)? {
            let ids = last_layer(&st)
                .and_then(|h| {
                    logits(
                        &h.detach(),
                        &w.as_tensor().detach(),
                        &b.as_tensor().detach(),
                    )
                })
                .and_then(|l| decode(&l, iob))
                .map_err(&err)?;
            pred.push(
                ids.iter()
                    .map(|&i| labels.get(i as usize).map_or("", String::as_str))
                    .collect(),
            );
        }
    }
    let gold: Vec<&[String]> = dev.iter().map(|(_, l)| l.as_slice()).collect();
    score_labels(metric, &gold, &pred)
}

/// Writes the folder: the encoder's `config.json` and `tokenizer.json`
/// copied from `source`, its tuned weights, the head and `tagger.json`
/// (each file replaced atomically; `tagger.json`, which holds the
/// checksums, last).
fn write(
    source: &Path,
    out: &Path,
    enc_vars: &candle_nn::VarMap,
    [w, b]: [&Tensor; 2],
    [labels, words]: [&[String]; 2],
    info: &ModelInfo,
) -> Result<()> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    for name in ["config.json", "tokenizer.json"] {
        let from = source.join(name);
        let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
        write_atomic(&out.join(name), &bytes)?;
    }
    let save = |tensors: Vec<(String, Tensor)>| -> Result<Vec<u8>> {
        let views: Vec<(&str, &Tensor)> = tensors.iter().map(|(n, t)| (n.as_str(), t)).collect();
        safetensors::serialize(views, None)
            .map_err(|e| Error::Model(format!("saving weights: {e}")))
    };
    let mut enc: Vec<(String, Tensor)> = {
        let data = enc_vars
            .data()
            .lock()
            .map_err(|_| Error::Model("saving weights: a poisoned lock".into()))?;
        data.iter()
            .map(|(n, v)| (n.clone(), v.as_tensor().clone()))
            .collect()
    };
    enc.sort_by(|a, b| a.0.cmp(&b.0));
    let enc = save(enc)?;
    let head = save(vec![
        ("head.weight".into(), w.clone()),
        ("head.bias".into(), b.clone()),
    ])?;
    let header = Header {
        format: FINETUNED_FORMAT.into(),
        version: FINETUNED_VERSION,
        labels: labels.to_vec(),
        words: words.to_vec(),
        info: info.clone(),
        head_fnv1a64: weights_checksum(&head),
        encoder_fnv1a64: weights_checksum(&enc),
    };
    let json = serde_json::to_vec_pretty(&header).map_err(|e| Error::Json {
        context: "fine-tuned tagger header".into(),
        source: e,
    })?;
    write_atomic(&out.join(WEIGHTS), &enc)?;
    write_atomic(&out.join(HEAD), &head)?;
    write_atomic(&out.join(HEADER), &json)
}
