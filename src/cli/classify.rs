//! `nlkit classify train|predict|eval|show`: NLTK's naive Bayes and maxent
//! (GIS, IIS) classifiers on JSONL feature sets.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::common::stdout;
use crate::classify::{
    accuracy, load_classifier, log_likelihood, read_jsonl, Classifier, ClassifierI,
    DecisionTreeClassifier, DecisionTreeOptions, FeatureSet, MaxentAlgorithm, MaxentClassifier,
    MaxentOptions, NaiveBayesClassifier,
};
use crate::io::{input_name, open_input};
use crate::sentiment::py_float_repr;
use crate::{Error, Result};

/// Arguments of `nlkit classify`.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Input is JSONL, one example per line: {\"features\": {\"name\": value, ...},
\"label\": \"pos\"}; values are strings, numbers, booleans or null, compared
as Python compares them (true == 1 == 1.0). `predict` ignores labels, and
prints one label per line (--probs: a JSON object of each label's
probability). `eval` prints NLTK's accuracy and log_likelihood.")]
pub struct ClassifyArgs {
    #[command(subcommand)]
    command: ClassifyCommand,
}

#[derive(Debug, Subcommand)]
enum ClassifyCommand {
    /// Train a classifier on labeled feature sets and save it.
    Train(TrainArgs),
    /// Label feature sets with a saved classifier.
    Predict(PredictArgs),
    /// Accuracy and log likelihood of a saved classifier on labeled feature sets.
    Eval(PredictArgs),
    /// NLTK's show_most_informative_features of a saved classifier (a decision tree: pretty_format or pseudocode).
    Show(ShowArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Algorithm {
    /// NLTK's NaiveBayesClassifier.
    #[value(name = "naivebayes", alias = "naive-bayes")]
    NaiveBayes,
    /// NLTK's MaxentClassifier, algorithm="GIS".
    MaxentGis,
    /// NLTK's MaxentClassifier, algorithm="IIS".
    MaxentIis,
    /// NLTK's DecisionTreeClassifier.
    #[value(name = "decisiontree", alias = "decision-tree")]
    DecisionTree,
}

#[derive(Debug, Args)]
struct TrainArgs {
    /// JSONL files of labeled feature sets (`-` or none: stdin).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The model file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// The classifier.
    #[arg(long, value_enum, default_value_t = Algorithm::NaiveBayes)]
    algorithm: Algorithm,
    /// Maxent: NLTK's max_iter cutoff.
    #[arg(long, default_value_t = 100)]
    max_iter: usize,
    /// Maxent: NLTK's min_ll cutoff.
    #[arg(long, allow_negative_numbers = true)]
    min_ll: Option<f64>,
    /// Maxent: NLTK's min_lldelta cutoff.
    #[arg(long, allow_negative_numbers = true)]
    min_lldelta: Option<f64>,
    /// Maxent: the encoding's unseen-value features.
    #[arg(long)]
    unseen_features: bool,
    /// Maxent: the encoding's always-on (label prior) features.
    #[arg(long)]
    alwayson_features: bool,
    /// Decision tree: NLTK's entropy_cutoff.
    #[arg(long, default_value_t = 0.05)]
    entropy_cutoff: f64,
    /// Decision tree: NLTK's depth_cutoff.
    #[arg(long, default_value_t = 100, allow_negative_numbers = true)]
    depth_cutoff: i64,
    /// Decision tree: NLTK's support_cutoff.
    #[arg(long, default_value_t = 10)]
    support_cutoff: usize,
    /// Decision tree: binary (feature = value) branches.
    #[arg(long)]
    binary: bool,
}

#[derive(Debug, Args)]
struct PredictArgs {
    /// JSONL files of feature sets (`-` or none: stdin).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The model file.
    #[arg(short = 'm', long = "model", value_name = "FILE")]
    model: PathBuf,
    /// Print each label's probability (predict only).
    #[arg(long)]
    probs: bool,
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// The model file.
    #[arg(short = 'm', long = "model", value_name = "FILE")]
    model: PathBuf,
    /// Number of features (a decision tree: the depth printed).
    #[arg(short = 'n', default_value_t = 10)]
    n: usize,
    /// Decision tree: print NLTK's pseudocode() instead of pretty_format().
    #[arg(long)]
    pseudocode: bool,
}

/// Runs `nlkit classify`.
pub fn run(a: ClassifyArgs) -> Result<()> {
    match a.command {
        ClassifyCommand::Train(t) => {
            let data = labeled(&t.files)?;
            let opts = MaxentOptions {
                max_iter: t.max_iter,
                min_ll: t.min_ll,
                min_lldelta: t.min_lldelta,
                unseen_features: t.unseen_features,
                alwayson_features: t.alwayson_features,
            };
            let c = match t.algorithm {
                Algorithm::NaiveBayes => {
                    Classifier::NaiveBayes(NaiveBayesClassifier::train(&data)?)
                }
                Algorithm::MaxentGis => {
                    Classifier::Maxent(MaxentClassifier::train(&data, MaxentAlgorithm::Gis, &opts)?)
                }
                Algorithm::MaxentIis => {
                    Classifier::Maxent(MaxentClassifier::train(&data, MaxentAlgorithm::Iis, &opts)?)
                }
                Algorithm::DecisionTree => {
                    let o = DecisionTreeOptions {
                        entropy_cutoff: t.entropy_cutoff,
                        depth_cutoff: t.depth_cutoff,
                        support_cutoff: t.support_cutoff,
                        binary: t.binary,
                    };
                    Classifier::DecisionTree(DecisionTreeClassifier::train(&data, &o)?)
                }
            };
            c.save(&t.output)
        }
        ClassifyCommand::Predict(p) => predict(p),
        ClassifyCommand::Eval(p) => {
            let nb = load_classifier(&p.model)?;
            let gold = labeled(&p.files)?;
            if gold.is_empty() {
                return Err(Error::InvalidInput("no examples to evaluate".into()));
            }
            let mut out = stdout();
            writeln!(out, "examples\t{}", gold.len())?;
            writeln!(out, "accuracy\t{}", py_float_repr(accuracy(&nb, &gold)?))?;
            // a decision tree has no probabilities (NLTK: NotImplementedError)
            if !matches!(nb, Classifier::DecisionTree(_)) {
                writeln!(
                    out,
                    "log_likelihood\t{}",
                    py_float_repr(log_likelihood(&nb, &gold)?)
                )?;
            }
            out.flush()?;
            Ok(())
        }
        ClassifyCommand::Show(s) => {
            let nb = load_classifier(&s.model)?;
            let mut out = stdout();
            let text = match (&nb, s.pseudocode) {
                (Classifier::DecisionTree(dt), true) => dt.pseudocode(s.n),
                _ => nb.show_most_informative_features(s.n),
            };
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}

fn read_all(files: &[PathBuf], need_label: bool) -> Result<Vec<(FeatureSet, Option<String>)>> {
    let paths = if files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        files.to_vec()
    };
    let mut all = Vec::new();
    for p in &paths {
        all.extend(read_jsonl(open_input(p)?, &input_name(p), need_label)?);
    }
    Ok(all)
}

fn labeled(files: &[PathBuf]) -> Result<Vec<(FeatureSet, String)>> {
    Ok(read_all(files, true)?
        .into_iter()
        .filter_map(|(f, l)| Some((f, l?)))
        .collect())
}

fn predict(p: PredictArgs) -> Result<()> {
    let nb = load_classifier(&p.model)?;
    let mut out = stdout();
    for (fs, _) in read_all(&p.files, false)? {
        if !p.probs {
            writeln!(out, "{}", nb.classify(&fs)?)?;
            continue;
        }
        let dist = nb.prob_classify(&fs)?;
        {
            let mut line = String::from("{");
            for (i, l) in dist.samples().iter().enumerate() {
                if i > 0 {
                    line.push_str(", ");
                }
                line.push_str(&serde_json::to_string(l).unwrap_or_default());
                line.push_str(": ");
                line.push_str(&py_float_repr(dist.prob(l)));
            }
            line.push('}');
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(())
}
