//! `nlkit train-neural`: train the neural sequence labeller
//! ([`crate::neural::labeller`]) for a task and save its checkpoint folder.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::neural::labeller::{
    train_examples, EncoderKind, FeatureColumn, LabellerConfig, ModelInfo, Task, TrainConfig,
};
use crate::neural::FineTuneConfig;
use crate::Result;

/// `--task`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TaskArg {
    /// UPOS tags from CoNLL-U files.
    Upos,
    /// XPOS tags from CoNLL-U files.
    Xpos,
    /// BIO named entities from CoNLL-2002-format files (`word POS tag` rows).
    Ner,
    /// IOB chunks from CoNLL-2000-format files (`word POS chunk` rows).
    Chunk,
}

/// `--encoder-kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum EncoderArg {
    /// Dilated convolutions (fast on a CPU).
    #[default]
    Cnn,
    /// A bidirectional LSTM.
    Bilstm,
}

/// Arguments of `nlkit train-neural`.
#[derive(Debug, Args)]
pub struct TrainNeuralArgs {
    /// What to predict (and how --train/--dev are read).
    #[arg(long, value_enum)]
    task: TaskArg,
    /// Training data.
    #[arg(long, value_name = "FILE")]
    train: PathBuf,
    /// Development data: picks the best epoch and stops training early.
    #[arg(long, value_name = "FILE")]
    dev: PathBuf,
    /// Output folder (model.safetensors, config.json).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: PathBuf,
    /// Device: cpu, cuda or cuda:N (cuda needs a build with `--features cuda`).
    #[arg(long, default_value = "cpu")]
    device: String,
    /// Maximum epochs (default 30; 3 with --encoder).
    #[arg(long)]
    epochs: Option<usize>,
    /// Fine-tune this pretrained encoder folder (a BERT model such as
    /// all-MiniLM-L6-v2) end to end with a labelling layer, instead of
    /// training the labeller; the output folder is a tuned encoder that
    /// `nlkit tag --tagger neural:DIR` runs.
    #[arg(long, value_name = "DIR")]
    encoder: Option<PathBuf>,
    /// With --encoder: AdamW's learning rate for the encoder's weights
    /// (--lr is the labelling layer's).
    #[arg(long, default_value_t = 5e-5)]
    encoder_lr: f64,
    /// Seed of all random choices (same data, options and seed: same model).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Stop after this many epochs without a better dev score.
    #[arg(long, default_value_t = 5)]
    patience: usize,
    /// Sentences per minibatch.
    #[arg(long, default_value_t = 16)]
    batch_size: usize,
    /// AdamW learning rate.
    #[arg(long, default_value_t = 2e-3)]
    lr: f64,
    /// The contextual encoder.
    #[arg(long, value_enum, default_value_t)]
    encoder_kind: EncoderArg,
    /// Encoder width (channels, or LSTM units per direction).
    #[arg(long, default_value_t = 160)]
    hidden: usize,
    /// Word embedding width.
    #[arg(long, default_value_t = 64)]
    word_dim: usize,
    /// Words seen fewer times in training are unknown to the model.
    #[arg(long, default_value_t = 1)]
    min_word_count: usize,
    /// Dropout.
    #[arg(long, default_value_t = 0.4)]
    dropout: f32,
    /// Extra input columns, comma-separated: `pos` (the POS column of
    /// CoNLL-2000/2002 files, for `chunk` and `ner`), `upos` or `xpos`
    /// (CoNLL-U, for `upos` and `xpos`). With --encoder each column's
    /// embedding is appended to the encoder's state at each word.
    #[arg(long, value_delimiter = ',', value_name = "COLS")]
    features: Vec<String>,
    /// Embedding width of each extra column.
    #[arg(long, default_value_t = 16)]
    feature_dim: usize,
    /// A per-token softmax instead of the CRF output layer.
    #[arg(long)]
    no_crf: bool,
    /// Only the first N training sentences (quick experiments).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// The licence to record in the model (it follows the training data's).
    #[arg(long, default_value = "same as the training data")]
    licence: String,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

/// Runs `nlkit train-neural`.
pub fn run(a: TrainNeuralArgs) -> Result<()> {
    let task = match a.task {
        TaskArg::Upos => Task::Upos,
        TaskArg::Xpos => Task::Xpos,
        TaskArg::Ner => Task::Ner,
        TaskArg::Chunk => Task::Chunk,
    };
    let device = crate::neural::parse_device(&a.device)?;
    if let Some(enc) = &a.encoder {
        return finetune(&a, task, enc);
    }
    let cols: Vec<&str> = a.features.iter().map(String::as_str).collect();
    let mut train = task.read_examples(&a.train, &cols)?;
    if let Some(n) = a.limit {
        train.truncate(n);
    }
    let dev = task.read_examples(&a.dev, &cols)?;
    let config = LabellerConfig {
        word_dim: a.word_dim,
        encoder: match a.encoder_kind {
            EncoderArg::Cnn => EncoderKind::DilatedCnn {
                hidden: a.hidden,
                dilations: vec![1, 2, 4, 1, 2, 4],
            },
            EncoderArg::Bilstm => EncoderKind::BiLstm {
                hidden: a.hidden,
                layers: 1,
            },
        },
        crf: !a.no_crf,
        dropout: a.dropout,
        features: feature_columns(&cols, a.feature_dim),
        ..LabellerConfig::default()
    };
    let opts = TrainConfig {
        epochs: a.epochs.unwrap_or(30),
        batch_size: a.batch_size,
        learning_rate: a.lr,
        patience: a.patience,
        min_word_count: a.min_word_count,
        seed: a.seed,
        metric: task.metric(),
        progress: progress(a.quiet),
        save_best: Some(a.output.clone()),
        ..TrainConfig::default()
    };
    let tokens: usize = train.iter().map(|e| e.words.len()).sum();
    let mut info = ModelInfo::new(task.name());
    info.training_data = describe(&a.train, train.len(), tokens);
    info.licence = a.licence.clone();
    let start = std::time::Instant::now();
    let model = train_examples(&train, &dev, &config, &opts, info, &device)?;
    model.save(&a.output)?;
    done(model.info(), start, &a.output);
    Ok(())
}

/// `--encoder`: fine-tunes the encoder ([`crate::neural::finetune_tagger`]).
fn finetune(a: &TrainNeuralArgs, task: Task, encoder: &std::path::Path) -> Result<()> {
    if a.device != "cpu" {
        return Err(crate::Error::InvalidInput(
            "fine-tuning runs on the CPU only (--device cpu)".into(),
        ));
    }
    let cols: Vec<&str> = a.features.iter().map(String::as_str).collect();
    let mut train = task.read_examples(&a.train, &cols)?;
    if let Some(n) = a.limit {
        train.truncate(n);
    }
    let dev = task.read_examples(&a.dev, &cols)?;
    let opts = FineTuneConfig {
        features: feature_columns(&cols, a.feature_dim),
        epochs: a.epochs.unwrap_or(3),
        batch_size: a.batch_size,
        encoder_lr: a.encoder_lr,
        head_lr: a.lr,
        patience: a.patience,
        metric: task.metric(),
        seed: a.seed,
        dropout: 0.1,
        progress: progress(a.quiet),
        ..FineTuneConfig::default()
    };
    let mut info = ModelInfo::new(task.name());
    info.training_data = describe(
        &a.train,
        train.len(),
        train.iter().map(|e| e.words.len()).sum(),
    );
    info.licence = a.licence.clone();
    let start = std::time::Instant::now();
    let model = crate::neural::finetune_examples(encoder, &train, &dev, &opts, info, &a.output)?;
    done(model.info(), start, &a.output);
    Ok(())
}

/// `--features` and `--feature-dim` as columns.
fn feature_columns(cols: &[&str], dim: usize) -> Vec<FeatureColumn> {
    cols.iter()
        .map(|c| FeatureColumn {
            name: c.to_string(),
            dim,
        })
        .collect()
}

/// The progress reporter: a bar on a terminal, one line per epoch in logs.
fn progress(quiet: bool) -> Option<crate::progress::ProgressHandle> {
    match super::progress::terminal(quiet) {
        Some(p) => Some(p),
        None if !quiet => Some(std::sync::Arc::new(EpochLines)),
        None => None,
    }
}

/// The training data as the model's provenance records it.
fn describe(path: &std::path::Path, sentences: usize, tokens: usize) -> String {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    format!("{file}: {sentences} sentences, {tokens} tokens")
}

/// The last line of a training run.
fn done(i: &ModelInfo, start: std::time::Instant, out: &std::path::Path) {
    eprintln!(
        "trained {} epochs in {:.0} s; best dev {}: {}; saved {}",
        i.epochs,
        start.elapsed().as_secs_f64(),
        match i.dev_metric {
            Some(crate::neural::labeller::Metric::SpanF1) => "F1",
            _ => "accuracy",
        },
        i.dev_score.map_or("-".into(), |s| format!("{s:.2}%")),
        out.display()
    );
}

/// Writes each finished phase (an epoch's loss and dev score) as a line on
/// stderr, for logs.
struct EpochLines;

impl crate::progress::Progress for EpochLines {
    fn finish(&self, message: &str) {
        eprintln!("{message}");
    }
}
