//! The `nlkit` command line: flags and wiring only. Every capability is a
//! library call; this module parses arguments, opens inputs and prints.
//!
//! Exit codes: 0 success, 1 failure, 2 usage error. A closed output pipe
//! (`nlkit ... | head`) ends the program quietly with 0.

use clap::{Parser, Subcommand};

use crate::Result;

mod chunk;
mod classify;
pub mod common;
mod concordance;
mod corpus;
mod detokenize;
mod download;
mod eval_chunker;
mod eval_ner;
mod eval_tagger;
mod featstruct;
mod index;
mod lemmatize;
mod lm;
mod ner;
mod parse;
mod pipeline;
mod progress;
mod score;
mod sem;
mod sentences;
mod sentiment;
mod stats;
mod stem;
mod tag;
mod tokenize;
mod train_chunker;
mod train_neural;
mod train_punkt;
mod train_subword;
mod train_tagger;
mod tree;
mod wordnet;

/// nlkit: NLTK's tools at native speed.
#[derive(Debug, Parser)]
#[command(name = "nlkit", version, about, long_about = None)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// nlkit's subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Chunk tagged sentences (word/TAG lines or CoNLL-2000 rows) with a grammar or the embedded chunker.
    Chunk(chunk::ChunkArgs),
    /// NLTK's naive Bayes classifier on JSONL feature sets: train, predict, eval, show.
    Classify(classify::ClassifyArgs),
    /// NLTK's Text.concordance for a word, answered from a corpus index (`nlkit index`).
    Concordance(concordance::ConcordanceArgs),
    /// Print a view of an NLTK corpus (words, sents, tagged, parsed, iob, entries, categories, fileids), one item per line.
    Corpus(corpus::CorpusArgs),
    /// Join space-separated tokens back into text (NLTK's TreebankWordDetokenizer), one line per line.
    Detokenize(detokenize::DetokenizeArgs),
    /// Build a persistent on-disk index of a corpus (vocabulary FST, positions) for concordance and stats.
    Index(index::IndexArgs),
    /// Corpus statistics from an index: tokens, types, most common tokens, collocations.
    Stats(stats::StatsArgs),
    /// Download and install NLTK data packages (index.xml, NLTK's data-folder layout), or list their status.
    Download(download::DownloadArgs),
    /// Score a chunker on CoNLL-2000 gold data (NLTK's ChunkScore: IOB accuracy, precision, recall, F).
    EvalChunker(eval_chunker::EvalChunkerArgs),
    /// Entity-level precision, recall and F1 (conlleval's definition) of a neural NER or chunk model.
    EvalNer(eval_ner::EvalNerArgs),
    /// Evaluate a tagger on gold-tagged data: accuracy, known/unknown words, per-tag P/R/F1, confusion matrix.
    EvalTagger(eval_tagger::EvalTaggerArgs),
    /// Lemmatize words (one per line, or `word<TAB>TAG` with --tagged) with NLTK's WordNet lemmatizer.
    Lemmatize(lemmatize::LemmatizeArgs),
    /// Feature structures (NLTK's nltk.featstruct): read or unify one (tab-separated pair) per line.
    Featstruct(featstruct::FeatStructArgs),
    /// Named entities (BIO tags) of each input line with a neural model from `train-neural --task ner`.
    Ner(ner::NerArgs),
    /// N-gram language models (NLTK's nltk.lm): train, perplexity, generate.
    Lm(lm::LmArgs),
    /// Parse each input line with a CFG/PCFG in NLTK's format (chart parsers over a packed forest, Viterbi).
    Parse(parse::ParseArgs),
    /// Run the text pipeline: sentences, tokens (and tags, lemmas where available), one JSON record per sentence.
    Pipeline(pipeline::PipelineArgs),
    /// First-order logic (NLTK's nltk.sem): parse, beta-reduce or evaluate in a model one formula per line.
    Sem(sem::SemArgs),
    /// Score MT hypotheses against references: BLEU, chrF, GLEU, NIST, METEOR, RIBES (nltk.translate).
    Score(score::ScoreArgs),
    /// Split text into sentences with Punkt (NLTK's sent_tokenize; embedded English model or --punkt DIR).
    Sentences(sentences::SentencesArgs),
    /// VADER sentiment scores (NLTK's SentimentIntensityAnalyzer) of each input line.
    Sentiment(sentiment::SentimentArgs),
    /// Stem words (one per line) or every token of each line (--tokens) with an NLTK stemmer.
    Stem(stem::StemArgs),
    /// Read bracketed trees; print them one per line, drawn (--pretty, --svg) or transformed (--cnf, --un-cnf, --collapse-unary).
    Tree(tree::TreeArgs),
    /// Part-of-speech tag each input line (default: nlkit's embedded English model).
    Tag(tag::TagArgs),
    /// Split each input line into tokens (word, treebank, tweet, ...): one output line per input line.
    Tokenize(tokenize::TokenizeArgs),
    /// Train the averaged-perceptron chunker on CoNLL-2000-style data.
    TrainChunker(train_chunker::TrainChunkerArgs),
    /// Train the neural sequence labeller (tags, entities, chunks) and save its checkpoint folder.
    TrainNeural(train_neural::TrainNeuralArgs),
    /// Train a Punkt sentence splitter (NLTK's PunktTrainer) and write a punkt_tab folder.
    TrainPunkt(train_punkt::TrainPunktArgs),
    /// Train a BPE or WordPiece subword tokenizer (Hugging Face tokenizer.json) on a corpus.
    TrainSubword(train_subword::TrainSubwordArgs),
    /// Train a part-of-speech tagger (averaged perceptron) and save it in nlkit's model format.
    TrainTagger(train_tagger::TrainTaggerArgs),
    /// Look words or synset names up in WordNet: synsets with definitions, examples, lemmas, hypernyms.
    Wordnet(wordnet::WordnetArgs),
}

/// Parses the process's command line as [`Cli::parse`] does. `nlkit chunk`
/// and `nlkit parse` are first tried on a parser of that subcommand alone
/// (clap otherwise builds every subcommand's arguments, a fifth of a short
/// run's time); help, version and any error come from the full parser.
pub fn parse_args() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(command) = chunk::parse_alone(&args).or_else(|| parse::parse_alone(&args)) {
        return Cli { command };
    }
    Cli::parse_from(args)
}

/// `nlkit NAME ARGS` parsed by a parser of subcommand `name` alone (whose
/// arguments are `A`), or `None` (another subcommand, help, an error: the
/// full parser answers).
fn parse_subcommand_alone<A: clap::Args + clap::FromArgMatches>(
    args: &[std::ffi::OsString],
    name: &'static str,
) -> Option<A> {
    use clap::ArgMatches;
    if args.get(1).is_none_or(|a| a != name) {
        return None;
    }
    let sub = A::augment_args(clap::Command::new(name));
    let m: ArgMatches = clap::Command::new("nlkit")
        .subcommand(sub)
        .try_get_matches_from(args)
        .ok()?;
    let (_, sub) = m.subcommand().filter(|(n, _)| *n == name)?;
    A::from_arg_matches(sub).ok()
}

/// Runs a parsed command line.
///
/// # Errors
/// Whatever the subcommand's library calls return.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Chunk(a) => chunk::run(a),
        Command::Classify(a) => classify::run(a),
        Command::Concordance(a) => concordance::run(a),
        Command::Corpus(a) => corpus::run(a),
        Command::Index(a) => index::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Detokenize(a) => detokenize::run(a),
        Command::Download(a) => download::run(a),
        Command::EvalChunker(a) => eval_chunker::run(a),
        Command::EvalNer(a) => eval_ner::run(a),
        Command::EvalTagger(a) => eval_tagger::run(a),
        Command::Lemmatize(a) => lemmatize::run(a),
        Command::Lm(a) => lm::run(a),
        Command::Ner(a) => ner::run(a),
        Command::Parse(a) => parse::run(a),
        Command::Pipeline(a) => pipeline::run(a),
        Command::Featstruct(a) => featstruct::run(a),
        Command::Sem(a) => sem::run(a),
        Command::Score(a) => score::run(a),
        Command::Sentences(a) => sentences::run(a),
        Command::Sentiment(a) => sentiment::run(a),
        Command::Stem(a) => stem::run(a),
        Command::Tree(a) => tree::run(a),
        Command::Tag(a) => tag::run(a),
        Command::Tokenize(a) => tokenize::run(a),
        Command::TrainChunker(a) => train_chunker::run(a),
        Command::TrainNeural(a) => train_neural::run(a),
        Command::TrainPunkt(a) => train_punkt::run(a),
        Command::TrainSubword(a) => train_subword::run(a),
        Command::TrainTagger(a) => train_tagger::run(a),
        Command::Wordnet(a) => wordnet::run(a),
    }
}
