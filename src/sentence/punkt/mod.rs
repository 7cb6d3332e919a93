//! The Punkt sentence splitter: NLTK's `PunktSentenceTokenizer`,
//! `PunktParameters`, `PunktLanguageVars` and `PunktTrainer`
//! (`nltk.tokenize.punkt`, Kiss & Strunk 2006).
//!
//! [`PunktSentenceTokenizer`] gives exactly the sentence boundaries of NLTK
//! 3.10.4's `PunktSentenceTokenizer(params).span_tokenize(text)` (and so of
//! `nltk.sent_tokenize`), with `realign_boundaries=True`, for the same
//! `punkt_tab` parameters. [`PunktParameters`] reads and writes NLTK's
//! `punkt_tab` language folders (`abbrev_types.txt`, `collocations.tab`,
//! `sent_starters.txt`, `ortho_context.tab`). [`PunktTrainer`] learns those
//! parameters from text with NLTK's algorithm and statistics.
//!
//! Differences from NLTK: spans are UTF-8 byte offsets (NLTK: characters);
//! the regular expressions NLTK uses (word tokenizer, period context,
//! boundary realignment) are hand-written scanners that run in linear time;
//! character classes are Python 3.11's (`\s`, `[^\W\d]`, `str.lower()`),
//! from generated tables. Saved parameter files list their entries sorted
//! (NLTK writes Python set order, which changes from run to run).
//!
//! # Example
//! ```
//! use nlkit::sentence::{punkt::PunktSentenceTokenizer, SentenceTokenizer};
//! let punkt = PunktSentenceTokenizer::default_english();
//! let text = "Mr. Smith arrived at 5 p.m. on Monday. He left (quietly.) Then rain.";
//! let sents = punkt.tokenize(text);
//! assert_eq!(sents.len(), 3);
//! assert_eq!(sents[1], "He left (quietly.)");
//! ```

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::sentence::SentenceTokenizer;
use crate::{Error, Result, Span};

pub(crate) mod chars;
mod lang_vars;
mod params;
mod token;
mod trainer;

pub use lang_vars::PunktLanguageVars;
use lang_vars::*;
pub use params::{FxBuild, FxHasher, PunktParameters};
use token::*;

pub use trainer::PunktTrainer;

use chars::{is_digit, is_lower, is_space, is_upper, is_word_nondigit};

/// Orthographic context: beginning of a sentence with upper case.
pub const ORTHO_BEG_UC: u32 = 1 << 1;
/// Orthographic context: middle of a sentence with upper case.
pub const ORTHO_MID_UC: u32 = 1 << 2;
/// Orthographic context: unknown position in a sentence with upper case.
pub const ORTHO_UNK_UC: u32 = 1 << 3;
/// Orthographic context: beginning of a sentence with lower case.
pub const ORTHO_BEG_LC: u32 = 1 << 4;
/// Orthographic context: middle of a sentence with lower case.
pub const ORTHO_MID_LC: u32 = 1 << 5;
/// Orthographic context: unknown position in a sentence with lower case.
pub const ORTHO_UNK_LC: u32 = 1 << 6;
/// Orthographic context: occurs with upper case.
pub const ORTHO_UC: u32 = ORTHO_BEG_UC + ORTHO_MID_UC + ORTHO_UNK_UC;
/// Orthographic context: occurs with lower case.
pub const ORTHO_LC: u32 = ORTHO_BEG_LC + ORTHO_MID_LC + ORTHO_UNK_LC;

/// The file names of a `punkt_tab` language folder.
pub const PUNKT_TAB_FILES: [&str; 4] = [
    "abbrev_types.txt",
    "collocations.tab",
    "sent_starters.txt",
    "ortho_context.tab",
];

// ---------------------------------------------------------------------------
// Language variables
// ---------------------------------------------------------------------------

/// NLTK's `PunktSentenceTokenizer`: splits text into sentences with Punkt
/// parameters (loaded from a `punkt_tab` folder, trained, or the embedded
/// English model).
///
/// # Example
/// ```
/// use nlkit::sentence::{punkt::PunktSentenceTokenizer, SentenceTokenizer};
/// let t = PunktSentenceTokenizer::default_english();
/// let text = "Hello there. \"How are you?\" she asked.";
/// let spans = t.span_tokenize(text);
/// assert_eq!(spans[0].slice(text), "Hello there.");
/// ```
#[derive(Debug, Clone)]
pub struct PunktSentenceTokenizer {
    params: PunktParameters,
    lang: PunktLanguageVars,
    /// `collocations` indexed by first type.
    colloc_index: HashMap<String, HashSet<String, FxBuild>, FxBuild>,
}

static DEFAULT_ENGLISH: OnceLock<PunktSentenceTokenizer> = OnceLock::new();

const EMBEDDED_ENGLISH: [&str; 4] = [
    include_str!("../../../corpora/punkt/english/abbrev_types.txt"),
    include_str!("../../../corpora/punkt/english/collocations.tab"),
    include_str!("../../../corpora/punkt/english/sent_starters.txt"),
    include_str!("../../../corpora/punkt/english/ortho_context.tab"),
];

impl PunktSentenceTokenizer {
    /// A tokenizer using `params` and NLTK's default language variables.
    pub fn new(params: PunktParameters) -> Self {
        Self::with_lang_vars(params, PunktLanguageVars::default())
    }

    /// A tokenizer using `params` and the given language variables.
    pub fn with_lang_vars(params: PunktParameters, lang: PunktLanguageVars) -> Self {
        let mut colloc_index: HashMap<String, HashSet<String, FxBuild>, FxBuild> =
            HashMap::default();
        for (a, b) in &params.collocations {
            colloc_index.entry(a.clone()).or_default().insert(b.clone());
        }
        PunktSentenceTokenizer {
            params,
            lang,
            colloc_index,
        }
    }

    /// Loads a `punkt_tab` language folder, as NLTK's `PunktTokenizer`.
    ///
    /// # Errors
    /// As [`PunktParameters::from_dir`].
    ///
    /// # Example
    /// ```no_run
    /// use nlkit::sentence::punkt::PunktSentenceTokenizer;
    /// let t = PunktSentenceTokenizer::from_dir("nltk_data/tokenizers/punkt_tab/english".as_ref())?;
    /// # Ok::<(), nlkit::Error>(())
    /// ```
    pub fn from_dir(path: &Path) -> Result<Self> {
        Ok(Self::new(PunktParameters::from_dir(path)?))
    }

    /// The English model compiled into nlkit (trained by nlkit's own
    /// [`PunktTrainer`] on the public-domain texts in `corpora/punkt/`).
    pub fn default_english() -> &'static PunktSentenceTokenizer {
        DEFAULT_ENGLISH.get_or_init(|| {
            let base = Path::new("corpora/punkt/english");
            let paths = PUNKT_TAB_FILES.map(|f| base.join(f));
            let files = [
                (paths[0].as_path(), EMBEDDED_ENGLISH[0]),
                (paths[1].as_path(), EMBEDDED_ENGLISH[1]),
                (paths[2].as_path(), EMBEDDED_ENGLISH[2]),
                (paths[3].as_path(), EMBEDDED_ENGLISH[3]),
            ];
            // The embedded files are checked by the test suite; a defect
            // degrades to an empty model rather than a panic.
            let params = PunktParameters::from_strs(files).unwrap_or_default();
            PunktSentenceTokenizer::new(params)
        })
    }

    /// The parameters in use.
    pub fn params(&self) -> &PunktParameters {
        &self.params
    }

    /// The language variables in use.
    pub fn lang_vars(&self) -> &PunktLanguageVars {
        &self.lang
    }

    /// Sentence spans of `text`; `realign_boundaries` as NLTK's argument of
    /// the same name (the trait's [`SentenceTokenizer::span_tokenize`] uses
    /// `true`, NLTK's default).
    pub fn span_tokenize_with(&self, text: &str, realign_boundaries: bool) -> Vec<Span> {
        self.span_tokenize_counted(text, realign_boundaries, &Cell::new(0))
    }

    /// [`span_tokenize_with`](Self::span_tokenize_with), also returning a
    /// deterministic measure of the work done: the number of bytes the
    /// splitter scanned beyond its single pass over `text` (contexts
    /// tokenized, look-ahead and look-behind scans). Tests use it to check
    /// that the work grows linearly with the input.
    #[doc(hidden)]
    pub fn span_tokenize_work(&self, text: &str) -> (Vec<Span>, u64) {
        let work = Cell::new(text.len() as u64);
        let spans = self.span_tokenize_counted(text, true, &work);
        (spans, work.get())
    }

    fn span_tokenize_counted(
        &self,
        text: &str,
        realign_boundaries: bool,
        work: &Cell<u64>,
    ) -> Vec<Span> {
        let slices = self.slices_from_text(text, work);
        let mut out = Vec::with_capacity(slices.len());
        if !realign_boundaries {
            // NLTK can yield a final slice whose end is before its start (text
            // ending in a character `\s` keeps but `rstrip()` removes, such as
            // U+001C); nlkit gives the empty span at its start instead.
            for (a, b) in slices {
                out.push(Span::new(a, b.max(a)));
            }
            return out;
        }
        // NLTK's _realign_boundaries.
        let mut realign = 0usize;
        for k in 0..slices.len() {
            let (s1a, s1b) = slices[k];
            let s1a = s1a + realign;
            let Some(&(s2a, s2b)) = slices.get(k + 1) else {
                if s1a < s1b {
                    out.push(Span::new(s1a, s1b));
                }
                continue;
            };
            match realignment_match(text.get(s2a..s2b).unwrap_or("")) {
                Some((closing, total)) => {
                    work.set(work.get() + total as u64);
                    out.push(Span::new(s1a, s2a + closing));
                    realign = total;
                }
                None => {
                    realign = 0;
                    if s1a < s1b {
                        out.push(Span::new(s1a, s1b));
                    }
                }
            }
        }
        out
    }

    /// NLTK's `_slices_from_text`: unrealigned sentence slices.
    fn slices_from_text(&self, text: &str, work: &Cell<u64>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut last_break = 0;
        let mut scratch = Scratch::default();
        self.match_potential_end_contexts(text, work, |m, ctx_start| {
            let ctx = text.get(ctx_start..m.after_end).unwrap_or("");
            work.set(work.get() + ctx.len() as u64);
            if self.text_contains_sentbreak(ctx, &mut scratch) {
                out.push((last_break, m.end));
                last_break = m.next_tok.unwrap_or(m.end);
            }
        });
        out.push((last_break, chars::rstrip(text).len()));
        out
    }

    /// NLTK's `_match_potential_end_contexts`: calls `emit(match, start of
    /// the context)` for each candidate boundary whose preceding word does
    /// not overlap the next candidate's.
    fn match_potential_end_contexts(
        &self,
        text: &str,
        work: &Cell<u64>,
        mut emit: impl FnMut(PeriodMatch, usize),
    ) {
        let mut prev_slice = (0usize, 0usize);
        let mut prev_match: Option<PeriodMatch> = None;
        let mut on_match = |m: PeriodMatch| {
            let before = text.as_bytes().get(prev_slice.1..m.start).unwrap_or(&[]);
            // string.whitespace only (ASCII), as NLTK's _get_last_whitespace_index.
            let idx = before
                .iter()
                .rposition(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))
                .unwrap_or(0);
            work.set(work.get() + (before.len() - idx) as u64 + (m.after_end - m.start) as u64);
            let start = if idx != 0 {
                idx + prev_slice.1 + 1
            } else {
                prev_slice.0
            };
            let word = (start, m.start);
            if let Some(pm) = prev_match {
                if prev_slice.1 <= word.0 {
                    emit(pm, prev_slice.0);
                }
            }
            prev_match = Some(m);
            prev_slice = word;
        };
        let ascii_ends = self.lang.sent_end_chars.iter().all(char::is_ascii);
        if ascii_ends && self.lang.sent_end_chars.len() == 3 {
            let e: Vec<u8> = self.lang.sent_end_chars.iter().map(|&c| c as u8).collect();
            for p in memchr::memchr3_iter(e[0], e[1], e[2], text.as_bytes()) {
                if let Some(m) = self
                    .lang
                    .period_context_at(text, p, text.as_bytes()[p] as char)
                {
                    on_match(m);
                }
            }
        } else {
            for (p, c) in text.char_indices() {
                if self.lang.is_sent_end_char(c) {
                    if let Some(m) = self.lang.period_context_at(text, p, c) {
                        on_match(m);
                    }
                }
            }
        }
        if let Some(pm) = prev_match {
            emit(pm, prev_slice.0);
        }
    }

    /// NLTK's `text_contains_sentbreak`: does any token but the last end a
    /// sentence, after both annotation passes?
    fn text_contains_sentbreak<'t>(&self, text: &'t str, sc: &mut Scratch<'t>) -> bool {
        let v = &mut sc.toks;
        v.clear();
        tokenize_words(&self.lang, text, v, &mut sc.spans);
        for t in v.iter_mut() {
            first_pass_annotation(
                &self.lang,
                |s| self.params.abbrev_types.contains(s),
                t,
                &mut sc.buf,
            );
        }
        for i in 0..v.len() {
            let (a, b) = v.split_at_mut(i + 1);
            let (Some(t1), Some(t2)) = (a.last_mut(), b.first()) else {
                // The last token: its break does not count.
                return false;
            };
            self.second_pass_annotation(t1, t2);
            if t1.sentbreak {
                return true;
            }
        }
        false
    }

    /// NLTK's `_second_pass_annotation` for a token and the token after it.
    fn second_pass_annotation(&self, t1: &mut PunktToken<'_>, t2: &PunktToken<'_>) {
        if !t1.period_final {
            return;
        }
        let typ = t1.type_no_period();
        let next_typ = t2.type_no_sentperiod();
        let is_initial = t1.is_initial();

        if self
            .colloc_index
            .get(typ)
            .is_some_and(|s| s.contains(next_typ))
        {
            t1.sentbreak = false;
            t1.abbr = true;
            return;
        }

        if (t1.abbr || t1.ellipsis) && !is_initial {
            if self.ortho_heuristic(t2) == Ortho::SentStarter {
                t1.sentbreak = true;
                return;
            }
            if t2.first_upper() && self.params.sent_starters.contains(next_typ) {
                t1.sentbreak = true;
                return;
            }
        }

        if is_initial || typ == NUMBER_TYPE {
            let h = self.ortho_heuristic(t2);
            if h == Ortho::NotStarter {
                t1.sentbreak = false;
                t1.abbr = true;
                return;
            }
            if h == Ortho::Unknown
                && is_initial
                && t2.first_upper()
                && self
                    .params
                    .ortho_context
                    .get(next_typ)
                    .copied()
                    .unwrap_or(0)
                    & ORTHO_LC
                    == 0
            {
                t1.sentbreak = false;
                t1.abbr = true;
            }
        }
    }

    /// NLTK's `_ortho_heuristic`: does `t` start a sentence?
    fn ortho_heuristic(&self, t: &PunktToken<'_>) -> Ortho {
        if matches!(t.tok, ";" | ":" | "," | "." | "!" | "?") {
            return Ortho::NotStarter;
        }
        let ctx = self
            .params
            .ortho_context
            .get(t.type_no_sentperiod())
            .copied()
            .unwrap_or(0);
        if t.first_upper() && ctx & ORTHO_LC != 0 && ctx & ORTHO_MID_UC == 0 {
            return Ortho::SentStarter;
        }
        if t.first_lower() && (ctx & ORTHO_UC != 0 || ctx & ORTHO_BEG_LC == 0) {
            return Ortho::NotStarter;
        }
        Ortho::Unknown
    }
}

/// Buffers reused across the candidate contexts of one text.
#[derive(Default)]
struct Scratch<'t> {
    toks: Vec<PunktToken<'t>>,
    spans: Vec<(usize, usize)>,
    buf: String,
}

/// NLTK's `re_boundary_realignment.match(s)`:
/// `["')\]}‘’“”«»]+?(?:\s+|(?=--)|$)`. Returns (bytes of closing
/// punctuation, bytes of the whole match).
fn realignment_match(s: &str) -> Option<(usize, usize)> {
    // At least one closing character.
    let mut k = match s.chars().next() {
        Some(c) if is_closing_punct(c) => c.len_utf8(),
        _ => return None,
    };
    loop {
        let rest = &s[k..];
        match rest.chars().next() {
            None => return Some((k, k)),
            Some(c) if is_space(c) => {
                let ws = rest.find(|c: char| !is_space(c)).unwrap_or(rest.len());
                return Some((k, k + ws));
            }
            Some(_) if rest.starts_with("--") => return Some((k, k)),
            Some(c) if is_closing_punct(c) => k += c.len_utf8(),
            Some(_) => return None,
        }
    }
}

impl SentenceTokenizer for PunktSentenceTokenizer {
    fn span_tokenize(&self, text: &str) -> Vec<Span> {
        self.span_tokenize_with(text, true)
    }
}
