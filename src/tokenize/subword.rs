//! Subword tokenizers: a Hugging Face `tokenizer.json` (BPE, WordPiece,
//! Unigram, …) loaded with the `tokenizers` crate, and training of new BPE /
//! WordPiece models on a corpus. NLTK has no subword tokenizers.
//!
//! Tokens are the model's tokens (without special tokens such as `[CLS]`),
//! spans the byte offsets the model reports into the original text. Training
//! uses the `Whitespace` pre-tokenizer (`\w+|[^\w\s]+`) for BPE and the
//! `BertPreTokenizer` plus the `##` continuation prefix for WordPiece, with
//! `[UNK]` as the unknown token.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use tokenizers::models::bpe::{BpeTrainer, BPE};
use tokenizers::models::wordpiece::{WordPiece, WordPieceTrainer};
use tokenizers::models::TrainerWrapper;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::pre_tokenizers::whitespace::Whitespace;
use tokenizers::AddedToken;

use crate::tokenize::Tokenizer;
use crate::{Error, Result, Span};

/// A Hugging Face tokenizer (`tokenizer.json`) as an nlkit [`Tokenizer`].
///
/// # Example
/// ```
/// use nlkit::tokenize::{train_subword, SubwordModel, SubwordTokenizer, SubwordTrainConfig, Tokenizer};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("tokenizer.json");
/// let lines = ["the cat sat on the mat", "the dog sat on the log"].map(|s| Ok(s.to_string()));
/// let cfg = SubwordTrainConfig { model: SubwordModel::Bpe, vocab_size: 60, min_frequency: 0 };
/// train_subword(&cfg, lines.into_iter(), &path).unwrap();
/// let t = SubwordTokenizer::from_file(&path).unwrap();
/// let text = "the cat";
/// let toks = t.tokenize(text);
/// let spans = t.span_tokenize(text).unwrap();
/// assert_eq!(toks.len(), spans.len());
/// assert_eq!(toks.concat(), "thecat");
/// ```
pub struct SubwordTokenizer {
    inner: tokenizers::Tokenizer,
    path: PathBuf,
}

impl std::fmt::Debug for SubwordTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SubwordTokenizer")
            .field("path", &self.path)
            .finish()
    }
}

impl SubwordTokenizer {
    /// Loads a `tokenizer.json` file.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::Model`] when it is
    /// not a valid `tokenizer.json`.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let inner = tokenizers::Tokenizer::from_bytes(&bytes).map_err(|e| {
            Error::Model(format!(
                "{}: not a valid Hugging Face tokenizer.json: {e}",
                path.display()
            ))
        })?;
        Ok(SubwordTokenizer {
            inner,
            path: path.to_path_buf(),
        })
    }

    fn encode(&self, text: &str) -> Result<tokenizers::Encoding> {
        self.inner
            .encode(text, false)
            .map_err(|e| Error::Model(format!("{}: encoding failed: {e}", self.path.display())))
    }
}

impl Tokenizer for SubwordTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        match self.encode(text) {
            Ok(enc) => enc
                .get_tokens()
                .iter()
                .map(|t| Cow::Owned(t.clone()))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        let enc = self.encode(text)?;
        Ok(enc
            .get_offsets()
            .iter()
            .map(|&(s, e)| Span::new(s.min(text.len()), e.min(text.len())))
            .collect())
    }
}

/// The subword model to train.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubwordModel {
    /// Byte-pair encoding.
    Bpe,
    /// WordPiece (BERT's model).
    WordPiece,
}

/// Settings of [`train_subword`].
#[derive(Debug, Clone)]
pub struct SubwordTrainConfig {
    /// Which model.
    pub model: SubwordModel,
    /// Target vocabulary size (including `[UNK]`).
    pub vocab_size: usize,
    /// Minimum frequency of a pair to be merged (0: the trainer's default).
    pub min_frequency: u64,
}

/// Trains a subword model on `lines` and writes it as `tokenizer.json` to
/// `output` atomically (a temporary file in the same folder, renamed into
/// place). Returns the size of the learnt vocabulary. Lines are streamed to
/// the trainer, which keeps only word counts in memory.
///
/// # Errors
/// The first error of `lines`, [`Error::InvalidInput`] for a zero vocabulary
/// size, [`Error::Model`] when training fails, [`Error::Io`] when the output
/// cannot be written.
///
/// # Example
/// See [`SubwordTokenizer`].
pub fn train_subword(
    config: &SubwordTrainConfig,
    lines: impl Iterator<Item = Result<String>>,
    output: &Path,
) -> Result<usize> {
    if config.vocab_size == 0 {
        return Err(Error::InvalidInput(
            "--vocab-size must be at least 1".into(),
        ));
    }
    let unk = "[UNK]".to_string();
    let specials = vec![AddedToken::from(unk.clone(), true)];
    let model_err = |e: tokenizers::Error| Error::Model(format!("subword training failed: {e}"));
    let (mut tok, mut trainer): (tokenizers::Tokenizer, TrainerWrapper) = match config.model {
        SubwordModel::Bpe => {
            let model = BPE::builder().unk_token(unk).build().map_err(model_err)?;
            let mut tok = tokenizers::Tokenizer::new(model);
            tok.with_pre_tokenizer(Some(Whitespace {}));
            let mut b = BpeTrainer::builder()
                .vocab_size(config.vocab_size)
                .special_tokens(specials)
                .show_progress(false);
            if config.min_frequency > 0 {
                b = b.min_frequency(config.min_frequency);
            }
            (tok, b.build().into())
        }
        SubwordModel::WordPiece => {
            let model = WordPiece::builder()
                .unk_token(unk)
                .build()
                .map_err(model_err)?;
            let mut tok = tokenizers::Tokenizer::new(model);
            tok.with_pre_tokenizer(Some(BertPreTokenizer));
            tok.with_decoder(Some(tokenizers::decoders::wordpiece::WordPiece::default()));
            let mut b = WordPieceTrainer::builder()
                .vocab_size(config.vocab_size)
                .special_tokens(specials)
                .show_progress(false);
            if config.min_frequency > 0 {
                b = b.min_frequency(config.min_frequency);
            }
            (tok, b.build().into())
        }
    };
    // The input iterator need not be `Send`: read it on this thread and
    // hand the lines to the trainer through a bounded channel.
    let (tx, rx) = std::sync::mpsc::sync_channel::<String>(4096);
    let mut input_err = None;
    let trained = std::thread::scope(|s| {
        let tok_ref = &mut tok;
        let trainer_ref = &mut trainer;
        let h = s.spawn(move || tok_ref.train(trainer_ref, rx.into_iter()).map(|_| ()));
        for line in lines {
            match line {
                Ok(l) => {
                    if tx.send(l).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    input_err = Some(e);
                    break;
                }
            }
        }
        drop(tx);
        h.join()
    });
    if let Some(e) = input_err {
        return Err(e);
    }
    match trained {
        Ok(r) => r.map_err(model_err)?,
        Err(_) => {
            return Err(Error::Model(
                "subword training failed (trainer thread panicked)".into(),
            ))
        }
    }
    let dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(&dir, e))?;
    tok.save(tmp.path(), false)
        .map_err(|e| Error::Model(format!("{}: cannot write tokenizer: {e}", output.display())))?;
    tmp.persist(output)
        .map_err(|e| Error::io(output, e.error))?;
    Ok(tok.get_vocab_size(true))
}
