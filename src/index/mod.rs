//! A persistent on-disk corpus index for fast concordances and statistics
//! (what NLTK's `Text`, `ConcordanceIndex` and `FreqDist` compute in memory
//! on every run).
//!
//! An index is a folder holding three files:
//!
//! * `vocab.fst` — an [`fst::Map`] from each token type to its term id
//!   (term ids are given in first-occurrence order).
//! * `keys.fst` — an [`fst::Map`] from each lower-cased type (the key NLTK's
//!   `Text.concordance` looks words up by) to its key id.
//! * `index.nlk` — everything else, little-endian, starting with a fixed
//!   128-byte header:
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `NLKIDX\0\x01` |
//! | 8 | 4 | format version (`1`) |
//! | 12 | 4 | reserved (0) |
//! | 16 | 8 | number of tokens `T` |
//! | 24 | 8 | number of term types `V` |
//! | 32 | 8 | number of keys `K` |
//! | 40 | 8×10 | byte offsets of the sections below, in this order |
//!
//! Sections: `tokens` (`T` × u32 term ids, in corpus order); `terms` (`V+1`
//! u64 offsets into the following UTF-8 blob, then the blob); `freqs` (`V`
//! u64 counts); `term_keys` (`V` u32 key ids); `rank` (`V` u32 term ids
//! sorted by count descending, ties by first occurrence = NLTK's
//! `most_common` order); `key_offsets` (`K+1` u64 offsets into `postings`);
//! `postings` (per key, the ascending token positions as LEB128 varint
//! deltas); `meta` (JSON: source, precomputed collocations). A reader
//! refuses a file with another magic or version, or whose sections do not
//! fit the file.
//!
//! Building streams the tokens once to disk and then fills the postings in
//! key ranges that fit a memory budget (re-reading the token section once
//! per range), so memory stays bounded by the budget plus the vocabulary.
//!
//! Differences from NLTK: positions are 32-bit (at most 4,294,967,295
//! tokens per index).
//!
//! # Example
//! ```
//! use nlkit::index::{build_index, BuildOptions, Index};
//! let dir = tempfile::tempdir().unwrap();
//! let out = dir.path().join("demo.nlkidx");
//! let words = "The cat sat . The dog sat .".split(' ').map(|w| Ok(w.to_string()));
//! build_index(words, &out, &BuildOptions::default()).unwrap();
//! let idx = Index::open(&out).unwrap();
//! assert_eq!(idx.n_tokens(), 8);
//! assert_eq!(idx.concordance("the", 30, 25).unwrap().total, 2);
//! assert_eq!(idx.most_common(1)[0], ("The", 2));
//! ```

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::probability::BigramAssocMeasures;
use crate::{Error, Result};

mod build;
mod render;

pub use build::{build_index, folder_words};
pub use render::sanitize_terminal;
use render::*;

/// The magic bytes at the start of `index.nlk`.
pub const MAGIC: &[u8; 8] = b"NLKIDX\0\x01";
/// The format version this build reads and writes.
pub const VERSION: u32 = 1;
const HEADER_LEN: u64 = 128;
/// Widest concordance line accepted (NLTK has no limit; this bounds memory).
pub const MAX_WIDTH: usize = 100_000;
const N_SECTIONS: usize = 10;

/// Options for [`build_index`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Memory for one postings pass, in bytes (default 256 MiB).
    pub memory_budget: usize,
    /// English stopwords for the collocation filter (NLTK's
    /// `Text.collocation_list` ignores them); `None` skips collocations.
    pub stopwords: Option<Vec<String>>,
    /// Where the tokens came from (stored in the index).
    pub source: String,
    /// Where to report progress (messages with token counts); `None` is quiet.
    pub progress: Option<crate::progress::ProgressHandle>,
    /// Most distinct bigrams counted for collocations before giving up on
    /// them (bounds memory).
    pub max_bigrams: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            memory_budget: 256 << 20,
            stopwords: None,
            source: String::new(),
            progress: None,
            max_bigrams: 40_000_000,
        }
    }
}

/// Metadata stored in the index.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Meta {
    /// Where the tokens came from.
    pub source: String,
    /// NLTK's `Text.collocation_list(100)`: bigrams by likelihood ratio after
    /// `apply_freq_filter(2)` and the stopword/short-word filter. `None`
    /// when they could not be computed.
    pub collocations: Option<Vec<(String, String)>>,
    /// Why collocations are missing, if they are.
    pub collocations_note: Option<String>,
}

/// What [`build_index`] produced.
#[derive(Debug, Clone)]
pub struct IndexSummary {
    /// Number of tokens.
    pub tokens: u64,
    /// Number of distinct tokens.
    pub types: u64,
    /// Total size of the index files in bytes.
    pub bytes: u64,
}

fn io_err(p: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::io(p, e)
}

/// Python's `str.lower()` (the concordance key).
fn key_of(w: &str) -> String {
    w.to_lowercase()
}
/// An opened index.
pub struct Index {
    path: PathBuf,
    file: File,
    n_tokens: u64,
    keys: fst::Map<Vec<u8>>,
    vocab: fst::Map<Vec<u8>>,
    term_offsets: Vec<u64>,
    terms_blob: Vec<u8>,
    freqs: Vec<u64>,
    rank: Vec<u32>,
    key_offsets: Vec<u64>,
    tokens_off: u64,
    postings_off: u64,
    meta: Meta,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("path", &self.path)
            .field("n_tokens", &self.n_tokens)
            .finish()
    }
}

/// One concordance result (NLTK's `print_concordance` output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concordance {
    /// Number of matches.
    pub total: usize,
    /// The formatted lines (at most the requested number).
    pub lines: Vec<String>,
}

impl Concordance {
    /// The text NLTK prints: `no matches`, or `Displaying N of M matches:`
    /// followed by the lines.
    pub fn render(&self) -> String {
        if self.total == 0 {
            return "no matches\n".into();
        }
        let mut s = format!(
            "Displaying {} of {} matches:\n",
            self.lines.len(),
            self.total
        );
        for l in &self.lines {
            s.push_str(&sanitize_terminal(l));
            s.push('\n');
        }
        s
    }
}

fn corrupt(path: &Path, what: &str) -> Error {
    Error::format(
        path,
        0,
        format!("not a valid nlkit index ({what}); rebuild it with `nlkit index`"),
    )
}

impl Index {
    /// Opens the index folder `dir` (or the folder holding an `index.nlk`
    /// given directly).
    ///
    /// # Errors
    /// [`Error::Io`] when missing; [`Error::Format`] for a bad magic, an
    /// unsupported version or a truncated or inconsistent file.
    pub fn open(dir: &Path) -> Result<Index> {
        let dir = if dir.is_file() {
            dir.parent().unwrap_or(Path::new("."))
        } else {
            dir
        };
        let path = dir.join("index.nlk");
        let file = File::open(&path).map_err(io_err(&path))?;
        let len = file.metadata().map_err(io_err(&path))?.len();
        let mut header = [0u8; HEADER_LEN as usize];
        if len < HEADER_LEN {
            return Err(corrupt(&path, "file too short"));
        }
        file.read_exact_at(&mut header, 0).map_err(io_err(&path))?;
        if &header[..8] != MAGIC {
            return Err(corrupt(&path, "bad magic"));
        }
        let u32_at =
            |o: usize| u32::from_le_bytes([header[o], header[o + 1], header[o + 2], header[o + 3]]);
        let u64_at = |o: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&header[o..o + 8]);
            u64::from_le_bytes(b)
        };
        let version = u32_at(8);
        if version != VERSION {
            return Err(Error::format(
                &path,
                0,
                format!("index format version {version} is not supported (this nlkit reads version {VERSION}); rebuild it with `nlkit index`"),
            ));
        }
        let n_tokens = u64_at(16);
        let v = u64_at(24);
        let k = u64_at(32);
        let mut off = [0u64; N_SECTIONS];
        for (i, o) in off.iter_mut().enumerate() {
            *o = u64_at(40 + 8 * i);
        }
        // Section bounds must be ordered and inside the file.
        let order = [
            off[0], off[6], off[1], off[2], off[3], off[4], off[5], off[7], off[8],
        ];
        if order.windows(2).any(|w| w[0] > w[1]) || off[8] != len || off[0] != HEADER_LEN {
            return Err(corrupt(&path, "section table does not match the file"));
        }
        let expect = |b: u64, want: u64, what: &str| -> Result<()> {
            if b != want {
                return Err(corrupt(&path, what));
            }
            Ok(())
        };
        expect(
            off[6] - off[0],
            n_tokens.saturating_mul(4),
            "token section size",
        )?;
        expect(
            off[3] - off[2],
            v.saturating_mul(8),
            "frequency section size",
        )?;
        expect(
            off[4] - off[3],
            v.saturating_mul(4),
            "term-key section size",
        )?;
        expect(off[5] - off[4], v.saturating_mul(4), "rank section size")?;
        expect(
            off[7] - off[5],
            k.saturating_add(1).saturating_mul(8),
            "key-offset section size",
        )?;
        let read = |a: u64, b: u64| -> Result<Vec<u8>> {
            let mut buf = vec![0u8; (b - a) as usize];
            file.read_exact_at(&mut buf, a).map_err(io_err(&path))?;
            Ok(buf)
        };
        let to64 = |b: Vec<u8>| -> Vec<u64> {
            b.chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect()
        };
        let to32 = |b: Vec<u8>| -> Vec<u32> {
            b.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect()
        };
        let terms = read(off[1], off[2])?;
        let table_len = v.saturating_add(1).saturating_mul(8) as usize;
        if terms.len() < table_len {
            return Err(corrupt(&path, "term section size"));
        }
        let term_offsets = to64(terms[..table_len].to_vec());
        let terms_blob = terms[table_len..].to_vec();
        if term_offsets.windows(2).any(|w| w[0] > w[1])
            || term_offsets.last().copied() != Some(terms_blob.len() as u64)
        {
            return Err(corrupt(&path, "term offsets"));
        }
        if std::str::from_utf8(&terms_blob).is_err() {
            return Err(corrupt(&path, "terms are not UTF-8"));
        }
        let freqs = to64(read(off[2], off[3])?);
        let rank = to32(read(off[4], off[5])?);
        let key_offsets = to64(read(off[5], off[7])?);
        if rank.iter().any(|&r| r as u64 >= v)
            || key_offsets.windows(2).any(|w| w[0] > w[1])
            || key_offsets.last().copied().unwrap_or(0) > off[1] - off[6]
        {
            return Err(corrupt(&path, "rank or postings table"));
        }
        let meta: Meta = serde_json::from_slice(&read(off[7], off[8])?)
            .map_err(|_| corrupt(&path, "metadata"))?;
        let load_fst = |name: &str| -> Result<fst::Map<Vec<u8>>> {
            let p = dir.join(name);
            let bytes = std::fs::read(&p).map_err(io_err(&p))?;
            fst::Map::new(bytes).map_err(|e| {
                Error::format(&p, 0, format!("not a valid FST ({e}); rebuild the index"))
            })
        };
        let vocab = load_fst("vocab.fst")?;
        let keys = load_fst("keys.fst")?;
        if vocab.len() as u64 != v || keys.len() as u64 != k {
            return Err(corrupt(&path, "FST sizes differ from the header"));
        }
        Ok(Index {
            path: dir.to_path_buf(),
            file,
            n_tokens,
            keys,
            vocab,
            term_offsets,
            terms_blob,
            freqs,
            rank,
            key_offsets,
            tokens_off: off[0],
            postings_off: off[6],
            meta,
        })
    }

    /// Number of tokens.
    pub fn n_tokens(&self) -> u64 {
        self.n_tokens
    }

    /// Number of distinct tokens.
    pub fn n_types(&self) -> u64 {
        self.freqs.len() as u64
    }

    /// The stored metadata (source, collocations).
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    fn term(&self, id: u32) -> &str {
        let i = id as usize;
        match (self.term_offsets.get(i), self.term_offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => {
                std::str::from_utf8(&self.terms_blob[a as usize..b as usize]).unwrap_or("")
            }
            _ => "",
        }
    }

    /// Count of the exact token `word`.
    pub fn count(&self, word: &str) -> u64 {
        self.vocab
            .get(word)
            .and_then(|i| self.freqs.get(i as usize).copied())
            .unwrap_or(0)
    }

    /// The `n` most common tokens in NLTK's `FreqDist.most_common` order.
    pub fn most_common(&self, n: usize) -> Vec<(&str, u64)> {
        self.rank
            .iter()
            .take(n)
            .map(|&i| {
                (
                    self.term(i),
                    self.freqs.get(i as usize).copied().unwrap_or(0),
                )
            })
            .collect()
    }

    /// Token positions of every token whose lower-case form is `word`'s.
    ///
    /// # Errors
    /// I/O errors; [`Error::Format`] for corrupt postings.
    pub fn positions(&self, word: &str) -> Result<Vec<u64>> {
        let Some(k) = self.keys.get(key_of(word)) else {
            return Ok(Vec::new());
        };
        let k = k as usize;
        let (Some(&a), Some(&b)) = (self.key_offsets.get(k), self.key_offsets.get(k + 1)) else {
            return Err(corrupt(&self.path, "key out of range"));
        };
        let mut buf = vec![0u8; (b - a) as usize];
        self.file
            .read_exact_at(&mut buf, self.postings_off + a)
            .map_err(io_err(&self.path))?;
        let mut out = Vec::new();
        let (mut v, mut shift, mut last) = (0u64, 0u32, 0u64);
        for byte in buf {
            if shift > 63 {
                return Err(corrupt(&self.path, "bad varint"));
            }
            v |= ((byte & 0x7f) as u64) << shift;
            if byte & 0x80 == 0 {
                last += v;
                if last >= self.n_tokens {
                    return Err(corrupt(&self.path, "position out of range"));
                }
                out.push(last);
                v = 0;
                shift = 0;
            } else {
                shift += 7;
            }
        }
        Ok(out)
    }

    /// Tokens `[a, b)` of the corpus.
    ///
    /// # Errors
    /// I/O errors.
    pub fn tokens(&self, a: u64, b: u64) -> Result<Vec<&str>> {
        let b = b.min(self.n_tokens);
        if a >= b {
            return Ok(Vec::new());
        }
        let mut buf = vec![0u8; ((b - a) * 4) as usize];
        self.file
            .read_exact_at(&mut buf, self.tokens_off + a * 4)
            .map_err(io_err(&self.path))?;
        Ok(buf
            .chunks_exact(4)
            .map(|c| self.term(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
            .collect())
    }

    /// NLTK's `Text.concordance(word, width, lines)` (case-insensitive).
    ///
    /// # Errors
    /// I/O errors, corrupt postings; a width above [`MAX_WIDTH`].
    pub fn concordance(&self, word: &str, width: usize, lines: usize) -> Result<Concordance> {
        if width > MAX_WIDTH {
            return Err(Error::InvalidInput(format!(
                "concordance width {width} is too large (at most {MAX_WIDTH})"
            )));
        }
        let offsets = self.positions(word)?;
        let phrase_len = word.chars().filter(|c| !is_combining(*c)).count() as i64;
        let half_width = (width as i64 - phrase_len - 2).div_euclid(2);
        let context = (width / 4) as u64;
        let mut out = Vec::new();
        for &i in offsets.iter().take(lines) {
            let left = self.tokens(i.saturating_sub(context), i)?.join(" ");
            let query = self.tokens(i, i + 1)?.join(" ");
            let right = if context > 1 {
                self.tokens(i + 1, i.saturating_add(context))?.join(" ")
            } else {
                String::new()
            };
            let left_cut = cut_string(&left, -half_width);
            let pad = (half_width.max(0) as usize).saturating_sub(left_cut.chars().count());
            let left_print = format!("{}{left_cut}", " ".repeat(pad));
            let right_print = cut_string(&right, half_width);
            out.push(format!("{left_print} {query} {right_print}"));
        }
        Ok(Concordance {
            total: offsets.len(),
            lines: out,
        })
    }
}
