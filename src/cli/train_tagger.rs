//! `nlkit train-tagger`: train a tagger and save it in nlkit's model format.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::corpus::conllu::Column;
use crate::tag::{FeatureSet, ModelMeta, PerceptronTagger, TrainConfig, WordClusters};
use crate::{Error, Result};

/// Training algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Algorithm {
    /// NLTK's averaged perceptron.
    Perceptron,
    /// Supervised HMM with Viterbi decoding (NLTK's `HiddenMarkovModelTagger.train`: Lidstone 0.1).
    Hmm,
    /// Trigram -> bigram -> unigram -> default-tag backoff chain.
    Ngram,
    /// Brill transformation-based learning (fntbl37 templates) on top of the n-gram chain.
    Brill,
    /// The head of a contextual tagger (`nlkit tag --encoder`): needs `--encoder` and CoNLL-U
    /// data; the first-stage tags of train come from XPOS perceptrons trained with the other
    /// perceptron options on all but one of `--folds` parts; dev is tagged by nlkit's embedded
    /// XPOS model, the first stage the head will run with. Writes a safetensors head.
    Context,
}

/// Feature templates for the perceptron.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Features {
    /// NLTK's 14 templates (the model then behaves as NLTK's trainer's).
    #[default]
    Nltk,
    /// NLTK's templates plus affix, shape and conjunction features.
    Extended,
    /// The extended templates plus word-cluster features (needs `--clusters`; nlkit's default XPOS model).
    Clusters,
    /// The cluster templates plus the tags of a first-stage `clusters` tagger trained on
    /// `--first-column` of the same CoNLL-U data, which the model keeps (needs `--clusters` and
    /// `--first-column`; nlkit's default UPOS model reads XPOS tags this way).
    Stacked,
}

/// Tag column of CoNLL-U input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColumnArg {
    /// Column 5 (Penn Treebank tags in English UD treebanks).
    #[default]
    Xpos,
    /// Column 4 (Universal POS tags).
    Upos,
}

impl From<ColumnArg> for Column {
    fn from(c: ColumnArg) -> Self {
        match c {
            ColumnArg::Xpos => Column::Xpos,
            ColumnArg::Upos => Column::Upos,
        }
    }
}

/// Arguments of `nlkit train-tagger`.
#[derive(Debug, Args)]
pub struct TrainTaggerArgs {
    /// Training algorithm.
    #[arg(long, value_enum, default_value = "perceptron")]
    algorithm: Algorithm,
    /// Training data: CoNLL-U (`.conllu`) or word/TAG lines (one sentence per line).
    #[arg(long, value_name = "FILE")]
    train: PathBuf,
    /// CoNLL-U tag column.
    #[arg(long, value_enum, default_value_t)]
    column: ColumnArg,
    /// Development data (same format as --train): accuracy is printed and stored in the model.
    #[arg(long, value_name = "FILE")]
    dev: Option<PathBuf>,
    /// Training iterations.
    #[arg(long, default_value_t = 5)]
    iterations: usize,
    /// Shuffling seed.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Perceptron feature templates.
    #[arg(long, value_enum, default_value_t)]
    features: Features,
    /// `--features stacked`: the CoNLL-U column the first stage is trained on.
    #[arg(long, value_enum, value_name = "COLUMN")]
    first_column: Option<ColumnArg>,
    /// `--features stacked`: the training data is split in this many parts, each tagged by a
    /// first stage trained on the others, for the second stage to learn from.
    #[arg(long, default_value_t = 5, value_name = "N")]
    folds: usize,
    /// Word clusters for `--features clusters|stacked` (`word<TAB>c1<TAB>c2<TAB>c3` lines, as
    /// `scripts/train/clusters.py` writes them); stored in the model.
    #[arg(long, value_name = "FILE")]
    clusters: Option<PathBuf>,
    /// Drop averaged weights with absolute value below this (smaller model).
    #[arg(long, default_value_t = 0.0)]
    prune: f64,
    /// Perceptron: a word enters the tag dictionary (tagged without the perceptron) when seen
    /// at least this often...
    #[arg(long, default_value_t = 20, value_name = "N")]
    tagdict_min_count: usize,
    /// ...and with one tag at least this share of the time (NLTK: 20 and 0.97).
    #[arg(long, default_value_t = 0.97, value_name = "RATIO")]
    tagdict_min_ratio: f64,
    /// N-gram taggers (ngram, brill): keep a context only if its best tag occurs more than N times.
    #[arg(long, default_value_t = 0, value_name = "N")]
    cutoff: usize,
    /// Tag of the default tagger ending the n-gram chain (ngram, brill).
    #[arg(long, default_value = "NN", value_name = "TAG")]
    default_tag: String,
    /// Brill: the most rules to learn.
    #[arg(long, default_value_t = 100)]
    max_rules: usize,
    /// Brill: the least score of a rule.
    #[arg(long, default_value_t = 2)]
    min_score: i64,
    /// `--algorithm context`: the transformer encoder folder (all-MiniLM-L6-v2).
    #[arg(long, value_name = "DIR")]
    encoder: Option<PathBuf>,
    /// `--algorithm context`: passes over the training tokens (the best on --dev is kept).
    #[arg(long, default_value_t = 12, value_name = "N")]
    epochs: usize,
    /// Free-text description stored in the model.
    #[arg(long, default_value = "")]
    description: String,
    /// Licence stored in the model (that of the training data).
    #[arg(long, default_value = "")]
    license: String,
    /// Output model file.
    #[arg(short = 'o', long, value_name = "MODEL")]
    output: PathBuf,
}

/// Runs `nlkit train-tagger`.
pub fn run(a: TrainTaggerArgs) -> Result<()> {
    let column: Column = a.column.into();
    let stacked = a.features == Features::Stacked;
    if stacked != a.first_column.is_some() {
        return Err(Error::InvalidInput(
            "`--features stacked` and `--first-column` go together".into(),
        ));
    }
    let is_conllu = a.train.extension().is_some_and(|e| e == "conllu");
    if stacked && !is_conllu {
        return Err(Error::InvalidInput(format!(
            "{}: `--features stacked` trains on two columns of CoNLL-U data (a `.conllu` file)",
            a.train.display()
        )));
    }
    let train = crate::tag::read_tagged(&a.train, column)?;
    let dev = a
        .dev
        .as_deref()
        .map(|d| crate::tag::read_tagged(d, column))
        .transpose()?;
    if a.algorithm != Algorithm::Perceptron && a.algorithm != Algorithm::Context {
        return run_classic(a, &train, dev.as_deref());
    }
    let cfg = TrainConfig {
        iterations: a.iterations,
        seed: a.seed,
        feature_set: match a.features {
            Features::Nltk => FeatureSet::Nltk,
            Features::Extended => FeatureSet::Extended,
            Features::Clusters => FeatureSet::Clusters,
            Features::Stacked => FeatureSet::Stacked,
        },
        clusters: a
            .clusters
            .as_deref()
            .map(|p| {
                let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                WordClusters::from_tsv(&text)
                    .map(std::sync::Arc::new)
                    .map_err(|e| Error::InvalidInput(format!("{}: {e}", p.display())))
            })
            .transpose()?,
        prune_below: a.prune,
        tagdict_min_count: a.tagdict_min_count,
        tagdict_min_ratio: a.tagdict_min_ratio,
        progress: super::progress::terminal(false),
    };
    if a.algorithm == Algorithm::Context {
        return run_context(&a, &train, dev.as_deref().unwrap_or_default(), &cfg);
    }
    let mut tagger = match a.first_column {
        Some(first_column) => {
            let first = crate::tag::read_tagged(&a.train, first_column.into())?;
            let first_cfg = TrainConfig {
                feature_set: FeatureSet::Clusters,
                ..cfg.clone()
            };
            PerceptronTagger::train_stacked(&first, &train, &first_cfg, &cfg, a.folds)?
        }
        None => PerceptronTagger::train(&train, &cfg)?,
    };
    fill_meta(tagger.meta_mut(), &a);
    if let Some(dev) = &dev {
        let acc = report_dev(&tagger, dev, |w| tagger.knows(w))?;
        tagger.meta_mut().dev_accuracy = Some(acc);
    }
    tagger.save(&a.output)
}

/// `--algorithm context`: jackknifed first-stage tags, the encoder's states,
/// then the head; written atomically to `-o`.
fn run_context(
    a: &TrainTaggerArgs,
    train: &[Vec<(String, String)>],
    dev: &[Vec<(String, String)>],
    cfg: &TrainConfig,
) -> Result<()> {
    let Some(dir) = &a.encoder else {
        return Err(Error::InvalidInput(
            "`--algorithm context` needs `--encoder DIR`".into(),
        ));
    };
    if a.train.extension().is_none_or(|e| e != "conllu") {
        return Err(Error::InvalidInput(format!(
            "{}: `--algorithm context` trains on CoNLL-U data (a `.conllu` file): its first stage reads the XPOS column",
            a.train.display()
        )));
    }
    let encoder = crate::neural::Encoder::load(dir)?;
    let xpos = crate::tag::read_tagged(&a.train, Column::Xpos)?;
    let head_cfg = crate::tag::ContextTrainConfig {
        epochs: a.epochs,
        seed: a.seed,
        column: match a.column {
            ColumnArg::Xpos => "xpos".into(),
            ColumnArg::Upos => "upos".into(),
        },
        license: a.license.clone(),
        progress: super::progress::terminal(false),
        ..Default::default()
    };
    let bytes = crate::tag::train_english_context_head(
        &encoder, train, &xpos, dev, cfg, a.folds, &head_cfg,
    )?;
    crate::io::write_atomic(&a.output, &bytes)
}

/// The metadata every trained model gets from the command line.
fn fill_meta(meta: &mut ModelMeta, a: &TrainTaggerArgs) {
    meta.description = a.description.clone();
    meta.license = a.license.clone();
    meta.training_data = a.train.display().to_string();
    meta.tagset = match a.column {
        ColumnArg::Xpos => "xpos".into(),
        ColumnArg::Upos => "upos".into(),
    };
}

/// Prints the dev-set accuracy and returns it rounded to 0.01.
fn report_dev(
    tagger: &dyn crate::tag::Tagger,
    dev: &[Vec<(String, String)>],
    knows: impl Fn(&str) -> bool,
) -> Result<f64> {
    let ev = crate::tag::evaluate(tagger, dev, knows)?;
    eprintln!(
        "dev accuracy: {:.2}% ({} tokens; unknown words {:.2}%)",
        ev.accuracy,
        ev.tokens,
        ev.unknown_accuracy.unwrap_or(0.0)
    );
    Ok((ev.accuracy * 100.0).round() / 100.0)
}

/// `--algorithm ngram|hmm|brill`.
fn run_classic(
    a: TrainTaggerArgs,
    train: &[Vec<(String, String)>],
    dev: Option<&[Vec<(String, String)>]>,
) -> Result<()> {
    use crate::tag::classic::ClassicTagger;
    let mut tagger = match a.algorithm {
        Algorithm::Hmm => ClassicTagger::train_hmm(train, Default::default())?,
        Algorithm::Ngram => ClassicTagger::train_ngram(train, a.cutoff, &a.default_tag)?,
        Algorithm::Brill | Algorithm::Perceptron | Algorithm::Context => {
            let initial = ClassicTagger::train_ngram(train, a.cutoff, &a.default_tag)?;
            ClassicTagger::train_brill(train, initial.model().clone(), a.max_rules, a.min_score)?
        }
    };
    fill_meta(tagger.meta_mut(), &a);
    if let Some(dev) = dev {
        let acc = report_dev(&tagger, dev, |w| tagger.knows(w))?;
        tagger.meta_mut().dev_accuracy = Some(acc);
    }
    tagger.save(&a.output)
}
