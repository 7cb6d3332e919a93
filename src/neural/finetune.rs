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
//! With extra input columns ([`FineTuneConfig::features`], e.g. the POS
//! column of CoNLL-2000) each token's state is the encoder's followed by
//! one embedding per column ([`super::finetune_columns`]); such a model is
//! written as version 2 (`features` and their vocabularies in
//! `tagger.json`, the tables `feat_emb.K` in `head.safetensors`), a model
//! without columns as version 1, and both are read.
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

use super::finetune_columns::Columns;
use super::iob::IobConstraints;
use super::labeller::{
    check_examples, check_features, clip, read_header, score_labels, weights_checksum, Example,
    FeatureColumn, Labelled, Metric, ModelInfo, Vocab,
};
use super::{candle_err, Encoder};
use crate::io::write_atomic;
use crate::progress::{report, ProgressHandle};
use crate::{Error, Result};

/// The format name in a fine-tuned folder's `tagger.json`.
pub const FINETUNED_FORMAT: &str = "nlkit-finetuned-tagger";
/// The newest version of that format this nlkit writes and reads (1 for
/// models without extra input columns, 2 for models with them).
pub const FINETUNED_VERSION: u32 = 2;

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
    /// Extra input columns (none by default): every training and dev
    /// sentence must have them, in this order ([`finetune_examples`]).
    pub features: Vec<FeatureColumn>,
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
            features: Vec::new(),
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
    /// The extra input columns (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    features: Vec<FeatureColumn>,
    /// One vocabulary per extra column, in index order (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    feature_vocabs: Vec<Vec<String>>,
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
    /// The extra input columns and their embedding tables.
    columns: Columns,
    tables: Vec<Tensor>,
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
        let (header, version): (Header, u32) = read_header(
            &json,
            &hpath,
            FINETUNED_FORMAT,
            "fine-tuned tagger",
            1..=FINETUNED_VERSION,
        )?;
        let columns_mismatch = |message: String| Error::ModelMismatch {
            file: hpath.clone(),
            part: "feature vocabulary",
            message,
        };
        if version == 1 && !(header.features.is_empty() && header.feature_vocabs.is_empty()) {
            return Err(columns_mismatch(
                "a version 1 fine-tuned tagger has no feature columns".into(),
            ));
        }
        if header.features.len() != header.feature_vocabs.len() {
            return Err(columns_mismatch(format!(
                "{} feature columns but {} vocabularies",
                header.features.len(),
                header.feature_vocabs.len()
            )));
        }
        let columns = Columns {
            vocabs: header
                .feature_vocabs
                .iter()
                .map(|v| Vocab::from_items(v.clone()))
                .collect::<Result<_>>()?,
            columns: header.features.clone(),
        };
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
        let want = [header.labels.len(), encoder.hidden_size() + columns.width()];
        if header.labels.is_empty() || head_w.dims() != want || head_b.dims() != [want[0]] {
            return Err(mismatch(format!(
                "head of shape {:?}, {} labels, hidden size {} and feature width {} need {want:?}",
                head_w.dims(),
                header.labels.len(),
                encoder.hidden_size(),
                columns.width()
            )));
        }
        let mut tables = Vec::with_capacity(columns.columns.len());
        for (k, (c, v)) in columns.columns.iter().zip(&columns.vocabs).enumerate() {
            let name = Columns::table_name(k);
            let table = t.remove(&name).ok_or_else(|| {
                columns_mismatch(format!("tensor `{name}` (column `{}`) needed", c.name))
            })?;
            if table.dims() != [v.len(), c.dim] {
                return Err(columns_mismatch(format!(
                    "`{name}` of shape {:?} for {} values of width {}",
                    table.dims(),
                    v.len(),
                    c.dim
                )));
            }
            tables.push(table);
        }
        Ok(FineTunedTagger {
            encoder,
            head_w,
            head_b,
            columns,
            tables,
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
    /// or made-up tags; [`Error::InvalidInput`] for a model that reads
    /// extra columns (use [`FineTunedTagger::tag_sents_with`]).
    pub fn tag_sents<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Result<Vec<Vec<&str>>> {
        let none: Vec<Vec<Vec<&str>>> = vec![Vec::new(); sentences.len()];
        self.tag_sents_with(sentences, &none)
    }

    /// Tags sentences with their extra columns: `features[i][k][j]` is
    /// column `k`'s value for token `j` of sentence `i` (the columns of
    /// [`FineTunedTagger::feature_columns`], in order; none for a model
    /// without columns). A value never seen in training is read as unknown.
    ///
    /// # Errors
    /// As [`FineTunedTagger::tag_sents`]; [`Error::InvalidInput`] when the
    /// columns are missing or a column's length differs from its
    /// sentence's.
    ///
    /// # Example
    /// ```no_run
    /// use nlkit::neural::FineTunedTagger;
    /// let t = FineTunedTagger::load(std::path::Path::new("chunk-minilm-pos")).unwrap();
    /// let tags = t.tag_sents_with(&[vec!["The", "cat"]], &[vec![vec!["DT", "NN"]]]).unwrap();
    /// assert_eq!(tags[0].len(), 2);
    /// ```
    pub fn tag_sents_with<S: AsRef<str>, F: AsRef<str>, C: AsRef<[Vec<F>]>>(
        &self,
        sentences: &[Vec<S>],
        features: &[C],
    ) -> Result<Vec<Vec<&str>>> {
        check_features(&self.columns.columns, sentences, features)?;
        let err = candle_err("fine-tuned tagger");
        let mut out = Vec::with_capacity(sentences.len());
        for (group, fgroup) in sentences.chunks(GROUP).zip(features.chunks(GROUP)) {
            let refs: Vec<Vec<&str>> = group
                .iter()
                .map(|s| s.iter().map(AsRef::as_ref).collect())
                .collect();
            let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
            let states = self.encoder.word_states_batch(&slices)?;
            for ((s, st), f) in refs.iter().zip(states).zip(fgroup) {
                if s.is_empty() {
                    out.push(Vec::new());
                    continue;
                }
                let ids = last_layer(&st)
                    .and_then(|h| {
                        self.columns
                            .append(&h, &self.tables, std::slice::from_ref(f))
                    })
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

    /// The extra input columns the model reads (none for a model of the
    /// words only).
    pub fn feature_columns(&self) -> &[FeatureColumn] {
        &self.columns.columns
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
    info: ModelInfo,
    out: &Path,
) -> Result<FineTunedTagger> {
    let train: Vec<Example> = train.iter().cloned().map(Example::from).collect();
    let dev: Vec<Example> = dev.iter().cloned().map(Example::from).collect();
    finetune_examples(encoder_dir, &train, &dev, opts, info, out)
}

/// Fine-tunes as [`finetune_tagger`] on sentences with the extra input
/// columns [`FineTuneConfig::features`] names (each sentence's
/// `features`, in that order); each column's vocabulary is its training
/// values.
///
/// # Errors
/// As [`finetune_tagger`]; [`Error::InvalidInput`] when a sentence's
/// columns do not fit the configuration or its words, or a column's width
/// is 0 or above 65,536.
///
/// # Example
/// ```no_run
/// use nlkit::neural::labeller::{Example, FeatureColumn, ModelInfo};
/// use nlkit::neural::{finetune_examples, FineTuneConfig};
/// let s = |w: &[&str]| w.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// let data = vec![Example { words: s(&["the", "cat"]), features: vec![s(&["DT", "NN"])], labels: s(&["B-NP", "I-NP"]) }];
/// let opts = FineTuneConfig { features: vec![FeatureColumn { name: "pos".into(), dim: 16 }], ..Default::default() };
/// let out = std::path::Path::new("chunk-minilm-pos");
/// let m = finetune_examples(std::path::Path::new(".encoder"), &data, &[], &opts, ModelInfo::new("chunk"), out).unwrap();
/// assert_eq!(m.feature_columns().len(), 1);
/// ```
pub fn finetune_examples(
    encoder_dir: &Path,
    train: &[Example],
    dev: &[Example],
    opts: &FineTuneConfig,
    mut info: ModelInfo,
    out: &Path,
) -> Result<FineTunedTagger> {
    let err = candle_err("fine-tuning");
    check_examples(train, opts.features.len(), "training")?;
    check_examples(dev, opts.features.len(), "dev")?;
    if let Some(c) = opts.features.iter().find(|c| c.dim == 0 || c.dim > 1 << 16) {
        return Err(Error::InvalidInput(format!(
            "feature column `{}`: width {} is out of range",
            c.name, c.dim
        )));
    }
    if opts.batch_size == 0 || opts.epochs == 0 || !(0.0..1.0).contains(&opts.dropout) {
        return Err(Error::InvalidInput(
            "fine-tuning needs a positive batch size and epoch count, and dropout in [0, 1)".into(),
        ));
    }
    let train: Vec<&Example> = train.iter().filter(|e| !e.words.is_empty()).collect();
    if train.is_empty() {
        return Err(Error::InvalidInput("no training sentences".into()));
    }
    let columns = Columns::from_training(&opts.features, &train);
    let mut labels: Vec<String> = train
        .iter()
        .flat_map(|e| e.labels.iter().cloned())
        .collect();
    labels.sort();
    labels.dedup();
    let label_id = |l: &str| labels.binary_search_by(|x| x.as_str().cmp(l)).ok();
    let mut known: Vec<String> = train.iter().flat_map(|e| e.words.iter().cloned()).collect();
    known.sort();
    known.dedup();
    let (encoder, enc_vars) = Encoder::load_trainable(encoder_dir)?;
    let hidden = encoder.hidden_size() + columns.width();
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
    // drawn after the head's weights, so that a model without columns
    // draws the same numbers as before
    let tables = columns.init_tables(&mut rng).map_err(&err)?;
    let enc_list = enc_vars.all_vars();
    let mut head_list = vec![head_w.clone(), head_b.clone()];
    head_list.extend(tables.iter().cloned());
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
        .map(|e| {
            e.labels
                .iter()
                .map(|l| label_id(l).unwrap_or(0) as u32)
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..train.len()).collect();
    order.sort_by_key(|&i| train[i].words.len());
    let batches: Vec<Vec<usize>> = order
        .chunks(opts.batch_size)
        .map(<[usize]>::to_vec)
        .collect();
    let total_steps = (batches.len() * opts.epochs) as f64;
    let mut step = 0usize;
    let dev: Vec<&Example> = dev.iter().filter(|e| !e.words.is_empty()).collect();
    let table_tensors =
        || -> Vec<Tensor> { tables.iter().map(|t| t.as_tensor().clone()).collect() };
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
                .map(|&i| train[i].words.iter().map(String::as_str).collect())
                .collect();
            let slices: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
            let states = encoder.word_states_train(&slices)?;
            let h: Vec<Tensor> = states
                .iter()
                .map(last_layer)
                .collect::<candle_core::Result<_>>()
                .map_err(&err)?;
            let h = Tensor::cat(&h, 0).map_err(&err)?;
            let feats: Vec<&[Vec<String>]> =
                idx.iter().map(|&i| train[i].features.as_slice()).collect();
            let h = columns.append(&h, &table_tensors(), &feats).map_err(&err)?;
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
                (
                    [head_w.as_tensor(), head_b.as_tensor()],
                    &columns,
                    &table_tensors(),
                ),
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
            ([&head_w, &head_b], &columns, &table_tensors()),
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
    ([w, b], columns, tables): ([&Var; 2], &Columns, &[Tensor]),
    (labels, iob): (&[String], Option<&IobConstraints>),
    dev: &[&Example],
    metric: Metric,
) -> Result<f64> {
    let err = candle_err("fine-tuning");
    let tables: Vec<Tensor> = tables.iter().map(Tensor::detach).collect();
    let mut pred: Vec<Vec<&str>> = Vec::with_capacity(dev.len());
    for group in dev.chunks(GROUP) {
        let words: Vec<Vec<&str>> = group
            .iter()
            .map(|e| e.words.iter().map(String::as_str).collect())
            .collect();
        let slices: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
        let states = encoder.word_states_train(&slices)?;
        for (st, e) in states.iter().zip(group) {
            let ids = last_layer(st)
                .and_then(|h| columns.append(&h.detach(), &tables, &[e.features.as_slice()]))
                .and_then(|h| logits(&h, &w.as_tensor().detach(), &b.as_tensor().detach()))
                .and_then(|l| decode(&l, iob))
                .map_err(&err)?;
            pred.push(
                ids.iter()
                    .map(|&i| labels.get(i as usize).map_or("", String::as_str))
                    .collect(),
            );
        }
    }
    let gold: Vec<&[String]> = dev.iter().map(|e| e.labels.as_slice()).collect();
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
    ([w, b], columns, tables): ([&Tensor; 2], &Columns, &[Tensor]),
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
    let mut head_tensors = vec![
        ("head.weight".into(), w.clone()),
        ("head.bias".into(), b.clone()),
    ];
    for (k, t) in tables.iter().enumerate() {
        head_tensors.push((Columns::table_name(k), t.clone()));
    }
    let head = save(head_tensors)?;
    let header = Header {
        format: FINETUNED_FORMAT.into(),
        // version 1 readers can still read a model without columns
        version: if columns.columns.is_empty() {
            1
        } else {
            FINETUNED_VERSION
        },
        features: columns.columns.clone(),
        feature_vocabs: columns.vocabs.iter().map(|v| v.items().to_vec()).collect(),
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
