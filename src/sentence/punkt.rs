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
mod trainer;

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

/// NLTK's `PunktLanguageVars`: the characters and token rules Punkt uses.
///
/// The defaults are NLTK's: sentence-end characters `.` `?` `!`, internal
/// punctuation `,:;`, and NLTK's word-tokenizer, period-context and
/// boundary-realignment patterns (implemented as linear-time scanners).
///
/// # Example
/// ```
/// use nlkit::sentence::punkt::PunktLanguageVars;
/// let lv = PunktLanguageVars::default();
/// assert_eq!(lv.word_tokenize("Hello, (world)... ok."), ["Hello", ",", "(", "world", ")", "...", "ok."]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PunktLanguageVars {
    sent_end_chars: Vec<char>,
    internal_punctuation: Vec<char>,
    /// Per ASCII byte: `ASCII_*` class bits.
    ascii: [u8; 128],
}

const ASCII_NON_WORD: u8 = 1;
const ASCII_SENT_END: u8 = 2;
const ASCII_NOT_WORD_START: u8 = 4;

impl Default for PunktLanguageVars {
    fn default() -> Self {
        Self::new(&['.', '?', '!'], &[',', ':', ';'])
    }
}

/// Closing punctuation moved onto the previous sentence by boundary
/// realignment (NLTK's `re_boundary_realignment` character class).
fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{ab}'
            | '\u{bb}'
    )
}

/// NLTK's `_re_non_word_chars` without the sentence-end characters.
fn is_non_word_base(c: char) -> bool {
    matches!(
        c,
        ')' | '"'
            | ';'
            | '}'
            | ']'
            | '*'
            | ':'
            | '@'
            | '\''
            | '('
            | '{'
            | '['
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{ab}'
            | '\u{bb}'
    )
}

/// Characters that cannot start a word token (NLTK's `_re_word_start`, negated).
fn is_not_word_start(c: char) -> bool {
    matches!(
        c,
        '(' | '"'
            | '`'
            | '{'
            | '['
            | ':'
            | ';'
            | '&'
            | '#'
            | '*'
            | '@'
            | ')'
            | '}'
            | ']'
            | '-'
            | ','
    )
}

/// The char starting at byte `i` of `s` (`None` at the end or inside a char).
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

impl PunktLanguageVars {
    /// Language variables with the given sentence-end characters (NLTK's
    /// `sent_end_chars`) and sentence-internal punctuation
    /// (`internal_punctuation`); everything else as NLTK's defaults.
    pub fn new(sent_end_chars: &[char], internal_punctuation: &[char]) -> Self {
        let mut lv = PunktLanguageVars {
            sent_end_chars: sent_end_chars.to_vec(),
            internal_punctuation: internal_punctuation.to_vec(),
            ascii: [0; 128],
        };
        for b in 0u8..128 {
            let c = b as char;
            let mut f = 0;
            if lv.sent_end_chars.contains(&c) {
                f |= ASCII_SENT_END;
            }
            if is_non_word_base(c) || (c != '.' && lv.sent_end_chars.contains(&c)) {
                f |= ASCII_NON_WORD;
            }
            if is_not_word_start(c) {
                f |= ASCII_NOT_WORD_START;
            }
            lv.ascii[b as usize] = f;
        }
        lv
    }

    /// Characters that are candidates for sentence boundaries (`. ? !`).
    pub fn sent_end_chars(&self) -> &[char] {
        &self.sent_end_chars
    }

    /// Sentence-internal punctuation that, after a period-final token,
    /// indicates an abbreviation (`,:;`).
    pub fn internal_punctuation(&self) -> &[char] {
        &self.internal_punctuation
    }

    #[inline]
    fn is_sent_end_char(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(f) => f & ASCII_SENT_END != 0,
            None => self.sent_end_chars.contains(&c),
        }
    }

    /// NLTK's `_re_non_word_chars`: characters that cannot appear within words.
    #[inline]
    pub fn is_non_word_char(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(f) => f & ASCII_NON_WORD != 0,
            None => is_non_word_base(c) || (c != '.' && self.sent_end_chars.contains(&c)),
        }
    }

    #[inline]
    fn not_word_start(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(f) => f & ASCII_NOT_WORD_START != 0,
            None => false,
        }
    }

    /// Length in bytes of NLTK's `_re_multi_char_punct`
    /// (`-{2,}|\.{2,}|(?:\.\s){2,}\.`) matched at byte `i` of `s`.
    fn multi_char_len(&self, s: &str, i: usize) -> Option<usize> {
        let b = s.as_bytes();
        let at = |k: usize| b.get(k).copied();
        match (at(i), at(i + 1)) {
            (Some(b'-'), Some(b'-')) => {
                let n = b[i..].iter().take_while(|&&x| x == b'-').count();
                Some(n)
            }
            (Some(b'.'), Some(b'.')) => {
                let n = b[i..].iter().take_while(|&&x| x == b'.').count();
                Some(n)
            }
            (Some(b'.'), Some(_)) => {
                // (?:\.\s){2,}\.  -- as many repetitions as possible, then a
                // final period; backtrack one repetition if it is missing.
                let (mut prev, mut last, mut reps) = (i, i, 0usize);
                while at(last) == Some(b'.') {
                    match char_at(s, last + 1) {
                        Some(c) if is_space(c) => {
                            prev = last;
                            last += 1 + c.len_utf8();
                            reps += 1;
                        }
                        _ => break,
                    }
                }
                if reps >= 2 && at(last) == Some(b'.') {
                    Some(last + 1 - i)
                } else if reps >= 3 {
                    Some(prev + 1 - i)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// True when `_re_multi_char_punct` matches at byte `i` of `s`.
    fn multi_char_at(&self, s: &str, i: usize) -> bool {
        let b = s.as_bytes();
        match (b.get(i), b.get(i + 1)) {
            (Some(b'-'), Some(b'-')) | (Some(b'.'), Some(b'.')) => true,
            (Some(b'.'), _) => {
                // \.\s\.\s\.
                let mut j = i;
                for _ in 0..2 {
                    if b.get(j) != Some(&b'.') {
                        return false;
                    }
                    match char_at(s, j + 1) {
                        Some(c) if is_space(c) => j += 1 + c.len_utf8(),
                        _ => return false,
                    }
                }
                b.get(j) == Some(&b'.')
            }
            _ => false,
        }
    }

    /// Byte ranges of NLTK's `PunktLanguageVars.word_tokenize(s)` tokens,
    /// shifted by `base`, appended to `out`.
    fn word_token_spans(&self, s: &str, base: usize, out: &mut Vec<(usize, usize)>) {
        let n = s.len();
        let mut i = 0;
        while i < n {
            let Some(c) = char_at(s, i) else { break };
            if is_space(c) {
                i += c.len_utf8();
                continue;
            }
            let end = if let Some(l) = self.multi_char_len(s, i) {
                i + l
            } else if !self.not_word_start(c) {
                let mut j = i + c.len_utf8();
                while j < n {
                    let Some(d) = char_at(s, j) else { break };
                    if is_space(d) || self.is_non_word_char(d) || self.multi_char_at(s, j) {
                        break;
                    }
                    if d == ',' {
                        let k = j + 1;
                        let ends = match char_at(s, k) {
                            None => true,
                            Some(e) => {
                                is_space(e) || self.is_non_word_char(e) || self.multi_char_at(s, k)
                            }
                        };
                        if ends {
                            break;
                        }
                    }
                    j += d.len_utf8();
                }
                j
            } else {
                i + c.len_utf8()
            };
            out.push((base + i, base + end));
            i = end;
        }
    }

    /// NLTK's `PunktLanguageVars.word_tokenize`: splits punctuation other
    /// than periods from words.
    pub fn word_tokenize<'a>(&self, s: &'a str) -> Vec<&'a str> {
        let mut spans = Vec::new();
        self.word_token_spans(s, 0, &mut spans);
        spans.into_iter().filter_map(|(a, b)| s.get(a..b)).collect()
    }

    /// NLTK's `period_context_re` at byte `p` (a sentence-end character):
    /// the match if the character is followed by a non-word character, or by
    /// whitespace and another token.
    fn period_context_at(&self, text: &str, p: usize, c: char) -> Option<PeriodMatch> {
        let q = p + c.len_utf8();
        let d = char_at(text, q)?;
        if self.is_non_word_char(d) {
            return Some(PeriodMatch {
                start: p,
                end: q,
                after_end: q + d.len_utf8(),
                next_tok: None,
            });
        }
        if !is_space(d) {
            return None;
        }
        let rest = text.get(q..)?;
        let ws = rest.find(|c: char| !is_space(c))?;
        let r = q + ws;
        let tok_len = text.get(r..)?.find(is_space).unwrap_or(text.len() - r);
        Some(PeriodMatch {
            start: p,
            end: q,
            after_end: r + tok_len,
            next_tok: Some(r),
        })
    }
}

/// One match of NLTK's period-context regex.
#[derive(Debug, Clone, Copy)]
struct PeriodMatch {
    start: usize,
    end: usize,
    /// End of the `after_tok` group.
    after_end: usize,
    /// Start of the `next_tok` group, if it matched.
    next_tok: Option<usize>,
}

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

/// The fast, non-cryptographic hasher (rustc's FxHash) of the model's
/// lookup tables ([`PunktParameters`]); keys come from the model, so hash
/// flooding is not a concern.
pub use rustc_hash::FxHasher;

/// The hasher builder of [`PunktParameters`]' sets and maps.
pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// NLTK's `PunktParameters`: abbreviation types, collocations, frequent
/// sentence starters and orthographic contexts.
///
/// # Example
/// ```
/// use nlkit::sentence::punkt::PunktParameters;
/// let mut p = PunktParameters::default();
/// p.abbrev_types.insert("dr".into());
/// let dir = tempfile::tempdir().unwrap();
/// p.save_dir(dir.path()).unwrap();
/// let q = PunktParameters::from_dir(dir.path()).unwrap();
/// assert!(q.abbrev_types.contains("dr"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PunktParameters {
    /// Known abbreviation types (lower case, without the final period).
    pub abbrev_types: HashSet<String, FxBuild>,
    /// Word-type pairs whose first word ends in a period and which are
    /// evidence against a sentence break (e.g. `("s", "bach")`).
    pub collocations: HashSet<(String, String), FxBuild>,
    /// Word types that often start sentences.
    pub sent_starters: HashSet<String, FxBuild>,
    /// Orthographic context flags (`ORTHO_*`) for each word type.
    pub ortho_context: HashMap<String, u32, FxBuild>,
}

/// Whether a type can be one line of a `punkt_tab` file ([`py_lines`]
/// splits at `\n` and `\r`).
fn fits_one_line(t: &str) -> bool {
    !t.contains(['\n', '\r'])
}

/// Splits a file's text into lines the way Python's text-mode file
/// iteration does (universal newlines), without their line ends.
fn py_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                Some(line)
            }
            None => {
                let line = rest;
                rest = "";
                Some(line)
            }
        }
    })
}

impl PunktParameters {
    /// Loads a `punkt_tab` language folder (e.g.
    /// `tokenizers/punkt_tab/english` of an NLTK data folder).
    ///
    /// # Errors
    /// [`Error::MissingResource`] when `dir` does not exist,
    /// [`Error::InvalidInput`] when it is not a folder,
    /// [`Error::Io`] naming a missing or unreadable file, [`Error::InvalidUtf8`],
    /// or [`Error::Format`] with the file and line of a malformed entry.
    pub fn from_dir(dir: &Path) -> Result<Self> {
        if !dir.exists() {
            return Err(Error::MissingResource {
                name: dir.display().to_string(),
                searched: dir.display().to_string(),
                package: "punkt_tab".into(),
            });
        }
        if !dir.is_dir() {
            return Err(Error::InvalidInput(format!(
                "{}: not a folder; a Punkt model is a punkt_tab language folder such as \
                 nltk_data/tokenizers/punkt_tab/english (unzip punkt_tab.zip first)",
                dir.display()
            )));
        }
        let read = |name: &str| -> Result<(PathBuf, String)> {
            let p = dir.join(name);
            let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
            match String::from_utf8(bytes) {
                Ok(s) => Ok((p, s)),
                Err(e) => Err(Error::InvalidUtf8 {
                    source_name: p.display().to_string(),
                    offset: e.utf8_error().valid_up_to() as u64,
                }),
            }
        };
        let (pa, a) = read("abbrev_types.txt")?;
        let (pc, c) = read("collocations.tab")?;
        let (ps, s) = read("sent_starters.txt")?;
        let (po, o) = read("ortho_context.tab")?;
        Self::from_strs([(&pa, &a), (&pc, &c), (&ps, &s), (&po, &o)])
    }

    /// Parses the four `punkt_tab` files from strings, in the order of
    /// [`PUNKT_TAB_FILES`], each with the path used in error messages.
    ///
    /// # Errors
    /// [`Error::Format`] with the file and line of a malformed entry.
    pub fn from_strs(files: [(&Path, &str); 4]) -> Result<Self> {
        let [(_, abbrev), (pc, colloc), (_, starters), (po, ortho)] = files;
        let mut p = PunktParameters {
            abbrev_types: py_lines(abbrev).map(str::to_string).collect(),
            sent_starters: py_lines(starters).map(str::to_string).collect(),
            ..Default::default()
        };
        for (i, line) in py_lines(colloc).enumerate() {
            let mut it = line.split('\t');
            match (it.next(), it.next(), it.next()) {
                (Some(a), Some(b), None) => {
                    p.collocations.insert((a.to_string(), b.to_string()));
                }
                _ => {
                    return Err(Error::format(
                        pc,
                        i + 1,
                        format!("expected two tab-separated word types, found {line:?}"),
                    ))
                }
            }
        }
        for (i, line) in py_lines(ortho).enumerate() {
            let mut it = line.split('\t');
            match (it.next(), it.next(), it.next()) {
                (Some(a), Some(b), None) => {
                    let v: u32 = b.trim().parse().map_err(|_| {
                        Error::format(
                            po,
                            i + 1,
                            format!("expected a non-negative integer flag, found {b:?}"),
                        )
                    })?;
                    p.ortho_context.insert(a.to_string(), v);
                }
                _ => {
                    return Err(Error::format(
                        po,
                        i + 1,
                        format!("expected `type<TAB>flags`, found {line:?}"),
                    ))
                }
            }
        }
        Ok(p)
    }

    /// Writes the parameters as a `punkt_tab` language folder that NLTK's
    /// `load_punkt_params` reads (same four files and layout as NLTK's
    /// `save_punkt_params`; entries sorted, no final newline).
    ///
    /// # Errors
    /// [`Error::Io`] when a file cannot be written.
    pub fn save_dir(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        for (name, body) in PUNKT_TAB_FILES.iter().zip(self.to_strs()) {
            let p = dir.join(name);
            std::fs::write(&p, body).map_err(|e| Error::io(&p, e))?;
        }
        Ok(())
    }

    /// Writes the folder atomically: into a temporary folder beside `dir`,
    /// then renamed to `dir`, so `dir` is either complete or absent. An
    /// existing `dir` is replaced only with `overwrite`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `dir` exists and `overwrite` is false;
    /// [`Error::Io`] when writing or renaming fails.
    pub fn save_dir_atomic(&self, dir: &Path, overwrite: bool) -> Result<()> {
        if dir.exists() && !overwrite {
            return Err(Error::InvalidInput(format!(
                "{} already exists (use --force to replace it)",
                dir.display()
            )));
        }
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(".punkt_tab.")
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))?;
        self.save_dir(tmp.path())?;
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let tmp_path = tmp.keep();
        std::fs::rename(&tmp_path, dir).map_err(|e| {
            let _ = std::fs::remove_dir_all(&tmp_path);
            Error::io(dir, e)
        })?;
        Ok(())
    }

    /// These parameters as saving and loading them gives them back: without
    /// the entries whose type holds a line break (see [`Self::to_strs`]).
    ///
    /// ```
    /// let mut t = nlkit::sentence::PunktTrainer::new();
    /// t.train("3.\r. . .,", true);
    /// let p = t.into_params();
    /// assert!(p.savable().abbrev_types.iter().all(|a| !a.contains('\r')));
    /// ```
    pub fn savable(&self) -> PunktParameters {
        let mut p = self.clone();
        p.abbrev_types.retain(|t| fits_one_line(t));
        p.sent_starters.retain(|t| fits_one_line(t));
        p.collocations
            .retain(|(a, b)| fits_one_line(a) && fits_one_line(b));
        p.ortho_context.retain(|k, _| fits_one_line(k));
        p
    }

    /// The contents of the four `punkt_tab` files, in the order of
    /// [`PUNKT_TAB_FILES`].
    ///
    /// Entries whose type holds a line break (`\n` or `\r`, e.g. the
    /// abbreviation type `".\r. . "` learned from the text `"3.\r. . .,"`)
    /// are left out: one entry per line cannot hold them, and NLTK, which
    /// writes them anyway, reads them back as other entries. A type with a
    /// line break never matches a token of ordinary text.
    pub fn to_strs(&self) -> [String; 4] {
        let fits = fits_one_line;
        let mut abbrev: Vec<&str> = self
            .abbrev_types
            .iter()
            .map(String::as_str)
            .filter(|t| fits(t))
            .collect();
        abbrev.sort_unstable();
        let mut colloc: Vec<String> = self
            .collocations
            .iter()
            .filter(|(a, b)| fits(a) && fits(b))
            .map(|(a, b)| format!("{a}\t{b}"))
            .collect();
        colloc.sort_unstable();
        let mut starters: Vec<&str> = self
            .sent_starters
            .iter()
            .map(String::as_str)
            .filter(|t| fits(t))
            .collect();
        starters.sort_unstable();
        let mut ortho: Vec<String> = self
            .ortho_context
            .iter()
            .filter(|(k, _)| fits(k))
            .map(|(k, v)| format!("{k}\t{v}"))
            .collect();
        ortho.sort_unstable();
        [
            abbrev.join("\n"),
            colloc.join("\n"),
            starters.join("\n"),
            ortho.join("\n"),
        ]
    }

    fn ortho(&self, typ: &str) -> u32 {
        self.ortho_context.get(typ).copied().unwrap_or(0)
    }
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

/// NLTK's `PunktToken`: a word token with Punkt's annotations.
#[derive(Debug, Clone)]
pub(crate) struct PunktToken<'a> {
    pub(crate) tok: &'a str,
    /// Case-normalised type; numbers become `##number##`.
    pub(crate) typ: Cow<'a, str>,
    pub(crate) period_final: bool,
    pub(crate) parastart: bool,
    pub(crate) linestart: bool,
    pub(crate) sentbreak: bool,
    pub(crate) abbr: bool,
    pub(crate) ellipsis: bool,
}

/// NLTK's `_RE_NUMERIC`: `^-?[\.,]?\d[\d,\.-]*\.?$`.
fn is_numeric_token(tok: &str) -> bool {
    let mut it = tok.chars().peekable();
    if it.peek() == Some(&'-') {
        it.next();
    }
    if matches!(it.peek(), Some('.') | Some(',')) {
        it.next();
    }
    match it.next() {
        Some(c) if is_digit(c) => {}
        _ => return false,
    }
    it.all(|c| is_digit(c) || matches!(c, ',' | '.' | '-'))
}

const NUMBER_TYPE: &str = "##number##";

impl<'a> PunktToken<'a> {
    pub(crate) fn new(tok: &'a str) -> Self {
        let typ = if is_numeric_token(tok) {
            Cow::Borrowed(NUMBER_TYPE)
        } else if tok.is_ascii() {
            if tok.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(tok.to_ascii_lowercase())
            } else {
                Cow::Borrowed(tok)
            }
        } else {
            let l = chars::lower(tok);
            if l == tok {
                Cow::Borrowed(tok)
            } else {
                Cow::Owned(l)
            }
        };
        PunktToken {
            tok,
            typ,
            period_final: tok.ends_with('.'),
            parastart: false,
            linestart: false,
            sentbreak: false,
            abbr: false,
            ellipsis: false,
        }
    }

    pub(crate) fn type_no_period(&self) -> &str {
        let t: &str = &self.typ;
        if t.len() > 1 && t.ends_with('.') {
            &t[..t.len() - 1]
        } else {
            t
        }
    }

    pub(crate) fn type_no_sentperiod(&self) -> &str {
        if self.sentbreak {
            self.type_no_period()
        } else {
            &self.typ
        }
    }

    fn first_char(&self) -> Option<char> {
        self.tok.chars().next()
    }

    pub(crate) fn first_upper(&self) -> bool {
        self.first_char().is_some_and(is_upper)
    }

    pub(crate) fn first_lower(&self) -> bool {
        self.first_char().is_some_and(is_lower)
    }

    /// `_RE_ELLIPSIS.match`: two or more periods and nothing else.
    fn is_ellipsis(&self) -> bool {
        self.tok.len() >= 2 && self.tok.bytes().all(|b| b == b'.')
    }

    pub(crate) fn is_number(&self) -> bool {
        self.typ.starts_with(NUMBER_TYPE)
    }

    /// `_RE_INITIAL.match`: one `[^\W\d]` character and a period.
    pub(crate) fn is_initial(&self) -> bool {
        let mut it = self.tok.chars();
        matches!((it.next(), it.next(), it.next()), (Some(c), Some('.'), None) if is_word_nondigit(c))
    }

    /// `_RE_ALPHA.match`: only `[^\W\d]` characters.
    pub(crate) fn is_alpha(&self) -> bool {
        !self.tok.is_empty() && self.tok.chars().all(is_word_nondigit)
    }

    /// `_re_non_punct.search(type)`.
    pub(crate) fn is_non_punct(&self) -> bool {
        self.typ.chars().any(is_word_nondigit)
    }
}

/// NLTK's `PunktBaseClass._tokenize_words`: tokens of `text` line by line,
/// with `parastart` / `linestart` flags.
pub(crate) fn tokenize_words<'a>(
    lang: &PunktLanguageVars,
    text: &'a str,
    out: &mut Vec<PunktToken<'a>>,
    spans: &mut Vec<(usize, usize)>,
) {
    let mut parastart = false;
    let mut base = 0;
    for line in text.split('\n') {
        let line_base = base;
        base += line.len() + 1;
        if chars::is_blank(line) {
            parastart = true;
            continue;
        }
        spans.clear();
        lang.word_token_spans(line, line_base, spans);
        for (k, &(a, b)) in spans.iter().enumerate() {
            let mut t = PunktToken::new(text.get(a..b).unwrap_or(""));
            if k == 0 {
                t.parastart = parastart;
                t.linestart = true;
                parastart = false;
            }
            out.push(t);
        }
    }
}

/// NLTK's `_first_pass_annotation`: type-based sentence break, abbreviation
/// and ellipsis marks.
pub(crate) fn first_pass_annotation(
    lang: &PunktLanguageVars,
    is_abbrev: impl Fn(&str) -> bool,
    t: &mut PunktToken<'_>,
    buf: &mut String,
) {
    let tok = t.tok;
    let mut cs = tok.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if lang.is_sent_end_char(c) {
            t.sentbreak = true;
            return;
        }
    }
    if t.is_ellipsis() {
        t.ellipsis = true;
    } else if t.period_final && !tok.ends_with("..") {
        let raw = &tok[..tok.len() - 1];
        let stem: &str = if raw.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            raw
        } else {
            buf.clear();
            chars::push_lower(raw, buf);
            buf
        };
        let last = stem.rsplit('-').next().unwrap_or("");
        if is_abbrev(stem) || is_abbrev(last) {
            t.abbr = true;
        } else {
            t.sentbreak = true;
        }
    }
}

// ---------------------------------------------------------------------------
// Sentence tokenizer
// ---------------------------------------------------------------------------

/// Result of NLTK's `_ortho_heuristic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ortho {
    SentStarter,
    NotStarter,
    Unknown,
}

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
    include_str!("../../corpora/punkt/english/abbrev_types.txt"),
    include_str!("../../corpora/punkt/english/collocations.tab"),
    include_str!("../../corpora/punkt/english/sent_starters.txt"),
    include_str!("../../corpora/punkt/english/ortho_context.tab"),
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
