//! `nltk.word_tokenize`: split the text into sentences with Punkt, then
//! tokenize each sentence with [`NLTKWordTokenizer`].
//!
//! [`WordTokenizer`] holds the sentence splitter. By default it is nlkit's
//! embedded English Punkt model; [`WordTokenizer::from_punkt_dir`] loads an
//! NLTK `punkt_tab` language folder instead, which gives exactly
//! `nltk.word_tokenize(text)` with that model. With `preserve_line` the text
//! is not split into sentences (NLTK's `preserve_line=True`).
//!
//! Spans (not offered by NLTK for `word_tokenize`) are the sentence's span
//! plus the token's offset in the sentence, as NLTK's
//! `NLTKWordTokenizer.span_tokenize` computes it.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use super::{NLTKWordTokenizer, Tokenizer};
use crate::sentence::{PunktSentenceTokenizer, SentenceTokenizer};
use crate::{Result, Span};

/// `nltk.word_tokenize`: Punkt sentences, then the improved Treebank word
/// tokenizer per sentence.
///
/// # Example
/// ```
/// use nlkit::tokenize::{Tokenizer, WordTokenizer};
/// let t = WordTokenizer::new();
/// assert_eq!(
///     t.tokenize("Hello there. I can't go."),
///     ["Hello", "there", ".", "I", "ca", "n't", "go", "."]
/// );
/// ```
#[derive(Clone)]
pub struct WordTokenizer {
    sentences: Sentences,
    words: NLTKWordTokenizer,
    preserve_line: bool,
}

impl std::fmt::Debug for WordTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordTokenizer")
            .field("preserve_line", &self.preserve_line)
            .finish_non_exhaustive()
    }
}

impl Default for WordTokenizer {
    fn default() -> Self {
        Self::new()
    }
}

impl WordTokenizer {
    /// `word_tokenize` with nlkit's embedded English Punkt model.
    pub fn new() -> Self {
        WordTokenizer {
            sentences: Sentences::Static(PunktSentenceTokenizer::default_english()),
            words: NLTKWordTokenizer::new(),
            preserve_line: false,
        }
    }

    /// `word_tokenize` with the Punkt model of an NLTK `punkt_tab` language
    /// folder (e.g. `nltk_data/tokenizers/punkt_tab/english`).
    ///
    /// # Errors
    /// The Punkt loader's errors for a missing or malformed folder.
    pub fn from_punkt_dir(dir: &Path) -> Result<Self> {
        let punkt = PunktSentenceTokenizer::from_dir(dir)?;
        Ok(Self::with_sentence_tokenizer(Arc::new(punkt)))
    }

    /// `word_tokenize` with any sentence splitter.
    pub fn with_sentence_tokenizer(sentences: Arc<dyn SentenceTokenizer>) -> Self {
        WordTokenizer {
            sentences: Sentences::Shared(sentences),
            words: NLTKWordTokenizer::new(),
            preserve_line: false,
        }
    }

    /// NLTK's `preserve_line`: when true the text is tokenized as one
    /// sentence (no sentence splitting).
    #[must_use]
    pub fn preserve_line(mut self, yes: bool) -> Self {
        self.preserve_line = yes;
        self
    }

    /// NLTK's `convert_parentheses` for the word step (off by default).
    #[must_use]
    pub fn convert_parentheses(mut self, yes: bool) -> Self {
        self.words.convert_parentheses = yes;
        self
    }

    fn sentence_spans(&self, text: &str) -> Vec<Span> {
        if self.preserve_line {
            vec![Span::new(0, text.len())]
        } else {
            match &self.sentences {
                Sentences::Static(s) => s.span_tokenize(text),
                Sentences::Shared(s) => s.span_tokenize(text),
            }
        }
    }

    /// Tokens as owned strings.
    pub fn tokenize_owned(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for s in self.sentence_spans(text) {
            out.extend(self.words.tokenize_owned(s.slice(text)));
        }
        out
    }
}

impl Tokenizer for WordTokenizer {
    fn tokenize<'a>(&self, text: &'a str) -> Vec<Cow<'a, str>> {
        let mut out = Vec::new();
        for s in self.sentence_spans(text) {
            out.extend(self.words.tokenize(s.slice(text)));
        }
        out
    }

    fn span_tokenize(&self, text: &str) -> Result<Vec<Span>> {
        let mut out = Vec::new();
        for s in self.sentence_spans(text) {
            let spans = self.words.span_tokenize(s.slice(text))?;
            out.extend(spans.into_iter().map(|t| t.shift(s.start)));
        }
        Ok(out)
    }
}

/// `nltk.word_tokenize(text, preserve_line=...)` with nlkit's embedded
/// English Punkt model.
///
/// # Example
/// ```
/// let toks = nlkit::tokenize::word_tokenize("\"Stop!\" he said.", false);
/// assert_eq!(toks, ["``", "Stop", "!", "''", "he", "said", "."]);
/// ```
pub fn word_tokenize(text: &str, preserve_line: bool) -> Vec<String> {
    static DEFAULT: std::sync::OnceLock<WordTokenizer> = std::sync::OnceLock::new();
    let t = DEFAULT.get_or_init(WordTokenizer::new);
    if preserve_line {
        t.words.tokenize_owned(text)
    } else {
        t.tokenize_owned(text)
    }
}

/// Where a [`WordTokenizer`] gets its sentence splitter from.
#[derive(Clone)]
enum Sentences {
    Static(&'static PunktSentenceTokenizer),
    Shared(Arc<dyn SentenceTokenizer>),
}
