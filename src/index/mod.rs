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

fn write_varint(out: &mut impl Write, mut v: u64) -> std::io::Result<usize> {
    let mut buf = [0u8; 10];
    let mut n = 0;
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            buf[n] = b;
            n += 1;
            break;
        }
        buf[n] = b | 0x80;
        n += 1;
    }
    out.write_all(&buf[..n])?;
    Ok(n)
}

/// Words of every text file under folder `dir` (files whose path has a
/// component starting with `.` are skipped), in sorted path order, read line
/// by line as UTF-8 and split with NLTK's `WordPunctTokenizer` — the tokens
/// of `PlaintextCorpusReader(dir, ...).words()`. Memory is bounded by the
/// longest line. (A version that tokenized on a second thread cost 25 % more
/// CPU and was slower on the loaded benchmark machine, so this is sequential.)
///
/// # Errors
/// A missing folder or one without files; read and UTF-8 errors (naming the
/// file and byte offset) arrive through the iterator.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.txt"), "Hi, you.\n").unwrap();
/// let words: Vec<String> = nlkit::index::folder_words(dir.path()).unwrap().collect::<Result<_, _>>().unwrap();
/// assert_eq!(words, ["Hi", ",", "you", "."]);
/// ```
pub fn folder_words(dir: &Path) -> Result<impl Iterator<Item = Result<String>>> {
    use crate::io::{LineReader, Utf8Mode};
    use crate::tokenize::{Tokenizer, WordPunctTokenizer};
    let res = crate::data::Resource::open(dir)?;
    let files: Vec<PathBuf> = res
        .list()?
        .into_iter()
        .filter(|f| !f.split('/').any(|c| c.starts_with('.')))
        .filter_map(|f| res.local_path(&f))
        .collect();
    if files.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{}: no text files to index",
            dir.display()
        )));
    }
    let tok = WordPunctTokenizer::new();
    Ok(files.into_iter().flat_map(move |p| {
        let tok = tok.clone();
        let it: Box<dyn Iterator<Item = Result<String>>> = match crate::io::open_input(&p) {
            Err(e) => Box::new(std::iter::once(Err(e))),
            Ok(r) => Box::new(
                LineReader::new(r, p.display().to_string(), Utf8Mode::Strict).flat_map(
                    move |line| -> Vec<Result<String>> {
                        match line {
                            Ok(l) => tok
                                .tokenize(&l)
                                .into_iter()
                                .map(|t| Ok(t.into_owned()))
                                .collect(),
                            Err(e) => vec![Err(e)],
                        }
                    },
                ),
            ),
        };
        it
    }))
}

/// Python's `str.lower()` (the concordance key).
fn key_of(w: &str) -> String {
    w.to_lowercase()
}

/// Builds an index of `tokens` in folder `out` (replaced if it exists; the
/// new index is written to a temporary folder and renamed into place).
///
/// # Errors
/// The first error of `tokens`; I/O errors; [`Error::InvalidInput`] beyond
/// 2^32 - 1 tokens.
pub fn build_index(
    tokens: impl Iterator<Item = Result<String>>,
    out: &Path,
    opts: &BuildOptions,
) -> Result<IndexSummary> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io_err(parent))?;
    let tmp = tempfile::Builder::new()
        .prefix(".nlkidx-tmp")
        .tempdir_in(parent)
        .map_err(io_err(parent))?;
    let summary = write_index(tokens, tmp.path(), opts)?;
    if out.exists() {
        if !out.join("index.nlk").exists() {
            return Err(Error::InvalidInput(format!(
                "{} exists and is not an nlkit index; not replacing it",
                out.display()
            )));
        }
        std::fs::remove_dir_all(out).map_err(io_err(out))?;
    }
    let tmp_path = tmp.keep();
    std::fs::rename(&tmp_path, out).map_err(io_err(out))?;
    Ok(summary)
}

/// The index builder's view of the caller's progress receiver.
struct Progress<'a>(&'a Option<crate::progress::ProgressHandle>);

impl Progress<'_> {
    fn msg(&self, m: String) {
        crate::progress::report(self.0, |p| p.message(&m));
    }
    fn done(&self) {
        crate::progress::report(self.0, |p| p.finish(""));
    }
}

fn write_index(
    tokens: impl Iterator<Item = Result<String>>,
    dir: &Path,
    opts: &BuildOptions,
) -> Result<IndexSummary> {
    let path = dir.join("index.nlk");
    let file = File::create(&path).map_err(io_err(&path))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    w.write_all(&[0u8; HEADER_LEN as usize])
        .map_err(io_err(&path))?;
    let progress = Progress(&opts.progress);
    crate::progress::report(&opts.progress, |p| p.start("indexing", None));

    // Pass 1: tokens to disk, vocabulary, counts, filtered bigrams.
    let stop: std::collections::HashSet<&str> = opts
        .stopwords
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut terms: Vec<String> = Vec::new();
    let mut freqs: Vec<u64> = Vec::new();
    let mut ignored: Vec<bool> = Vec::new();
    let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
    let mut bigrams_ok = opts.stopwords.is_some();
    let mut bigram_note = if opts.stopwords.is_none() {
        Some("no English stopword list (run `nlkit download stopwords`)".to_string())
    } else {
        None
    };
    let mut prev: Option<u32> = None;
    let mut n: u64 = 0;
    for tok in tokens {
        let tok = tok?;
        let id = match vocab.get(tok.as_str()) {
            Some(&i) => i,
            None => {
                let i = terms.len() as u32;
                let lower = key_of(&tok);
                ignored.push(tok.chars().count() < 3 || stop.contains(lower.as_str()));
                vocab.insert(tok.clone(), i);
                terms.push(tok);
                freqs.push(0);
                i
            }
        };
        freqs[id as usize] += 1;
        w.write_all(&id.to_le_bytes()).map_err(io_err(&path))?;
        if bigrams_ok {
            if let Some(p) = prev {
                if !ignored[p as usize] && !ignored[id as usize] {
                    *bigrams.entry((p, id)).or_insert(0) += 1;
                    if bigrams.len() > opts.max_bigrams {
                        bigrams_ok = false;
                        bigrams = HashMap::new();
                        bigram_note = Some(format!(
                            "more than {} distinct candidate bigrams; collocations skipped to bound memory",
                            opts.max_bigrams
                        ));
                    }
                }
            }
        }
        prev = Some(id);
        n += 1;
        if n >= u32::MAX as u64 {
            return Err(Error::InvalidInput(
                "more than 2^32 - 1 tokens: too large for one index".into(),
            ));
        }
        if n % (1 << 20) == 0 {
            progress.msg(format!("{} M tokens, {} types", n >> 20, terms.len()));
        }
    }
    drop(vocab);
    let v = terms.len();

    // Collocations, as NLTK's Text.collocation_list(num) with likelihood ratio.
    let collocations = if bigrams_ok {
        let mut scored: Vec<((u32, u32), f64)> = bigrams
            .iter()
            .filter(|(_, &c)| c >= 2)
            .map(|(&(a, b), &c)| {
                let s = BigramAssocMeasures::likelihood_ratio(
                    c as f64,
                    (freqs[a as usize], freqs[b as usize]),
                    n,
                );
                ((a, b), s)
            })
            .collect();
        scored.sort_by(|x, y| {
            y.1.partial_cmp(&x.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| {
                    (
                        terms[x.0 .0 as usize].as_str(),
                        terms[x.0 .1 as usize].as_str(),
                    )
                        .cmp(&(
                            terms[y.0 .0 as usize].as_str(),
                            terms[y.0 .1 as usize].as_str(),
                        ))
                })
        });
        Some(
            scored
                .into_iter()
                .take(100)
                .map(|((a, b), _)| (terms[a as usize].clone(), terms[b as usize].clone()))
                .collect(),
        )
    } else {
        None
    };
    drop(bigrams);

    // Keys (lower-cased types), in first-occurrence order.
    let mut key_ids: HashMap<String, u32> = HashMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut term_keys: Vec<u32> = Vec::with_capacity(v);
    let mut key_counts: Vec<u64> = Vec::new();
    for (t, f) in terms.iter().zip(&freqs) {
        let k = key_of(t);
        let id = match key_ids.get(&k) {
            Some(&i) => i,
            None => {
                let i = keys.len() as u32;
                key_ids.insert(k.clone(), i);
                keys.push(k);
                key_counts.push(0);
                i
            }
        };
        key_counts[id as usize] += f;
        term_keys.push(id);
    }
    drop(key_ids);
    let tokens_off = HEADER_LEN;
    let postings_off = tokens_off + 4 * n;
    w.flush().map_err(io_err(&path))?;

    // Pass 2..: postings in key ranges that fit the memory budget.
    let budget = (opts.memory_budget / 4).max(1 << 16) as u64;
    let mut key_offsets: Vec<u64> = Vec::with_capacity(keys.len() + 1);
    let mut written: u64 = 0;
    let mut start = 0usize;
    let reader_file = File::open(&path).map_err(io_err(&path))?;
    while start < keys.len() {
        let mut end = start;
        let mut total = 0u64;
        while end < keys.len() && (total == 0 || total + key_counts[end] <= budget) {
            total += key_counts[end];
            end += 1;
        }
        progress.msg(format!("postings: keys {start}..{end} of {}", keys.len()));
        // Counting sort of positions into their keys' slots.
        let mut slot_start: Vec<u64> = Vec::with_capacity(end - start);
        let mut acc = 0u64;
        for c in &key_counts[start..end] {
            slot_start.push(acc);
            acc += c;
        }
        let mut cursor = slot_start.clone();
        let mut buf: Vec<u32> = vec![0; total as usize];
        let mut r = BufReader::with_capacity(1 << 20, &reader_file);
        r.seek(SeekFrom::Start(tokens_off)).map_err(io_err(&path))?;
        let mut chunk = vec![0u8; 1 << 20];
        let mut pos: u64 = 0;
        while pos < n {
            let want = (((n - pos) * 4).min(chunk.len() as u64)) as usize;
            r.read_exact(&mut chunk[..want]).map_err(io_err(&path))?;
            for b in chunk[..want].chunks_exact(4) {
                let t = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                let k = term_keys[t as usize] as usize;
                if k >= start && k < end {
                    let c = &mut cursor[k - start];
                    buf[*c as usize] = pos as u32;
                    *c += 1;
                }
                pos += 1;
            }
        }
        for (i, s) in slot_start.iter().enumerate() {
            key_offsets.push(written);
            let e = s + key_counts[start + i];
            let mut last = 0u64;
            for &p in &buf[*s as usize..e as usize] {
                written += write_varint(&mut w, p as u64 - last).map_err(io_err(&path))? as u64;
                last = p as u64;
            }
        }
        start = end;
    }
    key_offsets.push(written);

    // Remaining sections.
    let mut offsets = [0u64; N_SECTIONS];
    let mut at = postings_off + written;
    let mut section =
        |w: &mut BufWriter<File>, idx: usize, bytes: &[u8], at: &mut u64| -> Result<()> {
            offsets[idx] = *at;
            w.write_all(bytes).map_err(io_err(&path))?;
            *at += bytes.len() as u64;
            Ok(())
        };
    // terms
    let mut tb: Vec<u8> = Vec::new();
    let mut off = 0u64;
    for t in &terms {
        tb.extend_from_slice(&off.to_le_bytes());
        off += t.len() as u64;
    }
    tb.extend_from_slice(&off.to_le_bytes());
    for t in &terms {
        tb.extend_from_slice(t.as_bytes());
    }
    section(&mut w, 1, &tb, &mut at)?;
    drop(tb);
    let le64 = |v: &[u64]| v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
    let le32 = |v: &[u32]| v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
    section(&mut w, 2, &le64(&freqs), &mut at)?;
    section(&mut w, 3, &le32(&term_keys), &mut at)?;
    let mut rank: Vec<u32> = (0..v as u32).collect();
    rank.sort_by(|a, b| freqs[*b as usize].cmp(&freqs[*a as usize]).then(a.cmp(b)));
    section(&mut w, 4, &le32(&rank), &mut at)?;
    section(&mut w, 5, &le64(&key_offsets), &mut at)?;
    let meta = Meta {
        source: opts.source.clone(),
        collocations,
        collocations_note: bigram_note,
    };
    let meta_bytes = serde_json::to_vec(&meta).map_err(|e| Error::Json {
        context: "writing index metadata".into(),
        source: e,
    })?;
    section(&mut w, 7, &meta_bytes, &mut at)?;
    offsets[0] = tokens_off;
    offsets[6] = postings_off;
    offsets[8] = at; // end of file
    w.flush().map_err(io_err(&path))?;
    let mut file = w
        .into_inner()
        .map_err(|e| Error::io(&path, e.into_error()))?;
    let mut header = Vec::with_capacity(HEADER_LEN as usize);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&VERSION.to_le_bytes());
    header.extend_from_slice(&0u32.to_le_bytes());
    header.extend_from_slice(&n.to_le_bytes());
    header.extend_from_slice(&(v as u64).to_le_bytes());
    header.extend_from_slice(&(keys.len() as u64).to_le_bytes());
    for o in offsets {
        header.extend_from_slice(&o.to_le_bytes());
    }
    header.resize(HEADER_LEN as usize, 0);
    file.seek(SeekFrom::Start(0)).map_err(io_err(&path))?;
    file.write_all(&header).map_err(io_err(&path))?;
    file.sync_all().map_err(io_err(&path))?;

    // The two FSTs (keys must be inserted in sorted byte order).
    progress.msg("vocabulary".into());
    let fst_err = |p: &Path| {
        let p = p.to_path_buf();
        move |e: fst::Error| Error::format(p.clone(), 0, format!("building FST: {e}"))
    };
    for (name, words) in [("vocab.fst", &terms), ("keys.fst", &keys)] {
        let p = dir.join(name);
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.sort_by(|a, b| {
            words[*a as usize]
                .as_bytes()
                .cmp(words[*b as usize].as_bytes())
        });
        let f = BufWriter::new(File::create(&p).map_err(io_err(&p))?);
        let mut b = fst::MapBuilder::new(f).map_err(fst_err(&p))?;
        for i in order {
            b.insert(words[i as usize].as_bytes(), i as u64)
                .map_err(fst_err(&p))?;
        }
        b.finish().map_err(fst_err(&p))?;
    }
    progress.done();
    let mut bytes = 0;
    for name in ["index.nlk", "vocab.fst", "keys.fst"] {
        bytes += std::fs::metadata(dir.join(name))
            .map(|m| m.len())
            .unwrap_or(0);
    }
    Ok(IndexSummary {
        tokens: n,
        types: v as u64,
        bytes,
    })
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

const BIDI_OVERRIDES: [char; 2] = ['\u{202d}', '\u{202e}'];
const BIDI_EMB_OPEN: [char; 4] = ['\u{202a}', '\u{202b}', '\u{202d}', '\u{202e}'];
const BIDI_ISO_OPEN: [char; 3] = ['\u{2066}', '\u{2067}', '\u{2068}'];
const BIDI_EMB_CLOSE: char = '\u{202c}';
const BIDI_ISO_CLOSE: char = '\u{2069}';
const BIDI_MARKS: [char; 3] = ['\u{200e}', '\u{200f}', '\u{061c}'];

fn is_bidi(c: char) -> bool {
    BIDI_EMB_OPEN.contains(&c)
        || BIDI_ISO_OPEN.contains(&c)
        || c == BIDI_EMB_CLOSE
        || c == BIDI_ISO_CLOSE
        || BIDI_MARKS.contains(&c)
}

fn bidi_balanced(chars: impl Iterator<Item = char>) -> bool {
    let mut stack = Vec::new();
    for c in chars {
        if BIDI_EMB_OPEN.contains(&c) {
            stack.push(BIDI_EMB_CLOSE);
        } else if BIDI_ISO_OPEN.contains(&c) {
            stack.push(BIDI_ISO_CLOSE);
        } else if (c == BIDI_EMB_CLOSE || c == BIDI_ISO_CLOSE) && stack.pop() != Some(c) {
            return false;
        }
    }
    stack.is_empty()
}

fn is_dangerous(c: char) -> bool {
    let cp = c as u32;
    BIDI_OVERRIDES.contains(&c)
        || matches!(
            cp,
            0xAD | 0x115F | 0x1160 | 0x3164 | 0xFFA0 | 0x17B4 | 0x17B5 | 0x180E | 0x2028 | 0x2029 | 0x200B
                | 0x2060 | 0xFEFF | 0x2061..=0x2065 | 0xFFF0..=0xFFFB | 0x1BCA0..=0x1BCA3 | 0x206A..=0x206F
                | 0xE0000..=0xE0FFF | 0x1D173..=0x1D17A | 0xFDD0..=0xFDEF
        )
        || (cp & 0xFFFE) == 0xFFFE
}

/// NLTK 3.10.4's `sanitize_terminal` (used by `safe_print`, hence by
/// `Text.concordance`): control, invisible and unbalanced bidirectional
/// characters become visible `\xNN` / `\uNNNN` / `\UNNNNNNNN` escapes.
pub fn sanitize_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| {
        let cp = c as u32;
        (c != '\t' && c != '\n' && (cp < 0x20 || cp == 0x7f || (0x80..=0x9f).contains(&cp)))
            || is_dangerous(c)
            || is_bidi(c)
    };
    if !text.chars().any(needs) {
        return std::borrow::Cow::Borrowed(text);
    }
    let bidi_ok = bidi_balanced(text.chars())
        && bidi_balanced(
            text.chars()
                .filter(|c| is_bidi(*c) && !BIDI_OVERRIDES.contains(c)),
        );
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        let cp = c as u32;
        let escape = if c == '\t' || c == '\n' {
            false
        } else {
            cp < 0x20
                || cp == 0x7f
                || (0x80..=0x9f).contains(&cp)
                || is_dangerous(c)
                || (is_bidi(c) && !bidi_ok)
        };
        if !escape {
            out.push(c);
        } else if cp <= 0xff {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp <= 0xffff {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
}

/// NLTK's `cut_string(s, width)`: the first (width >= 0) or last (width < 0)
/// `|width|` visible characters, combining marks not counted.
fn cut_string(s: &str, width: i64) -> String {
    let chars: Vec<char> = s.chars().collect();
    let abs = width.unsigned_abs() as usize;
    let mut taken = 0usize;
    let mut visible = 0usize;
    while visible < abs && taken < chars.len() {
        let c = if width < 0 {
            chars[chars.len() - 1 - taken]
        } else {
            chars[taken]
        };
        taken += 1;
        if !is_combining(c) {
            visible += 1;
        }
    }
    if width < 0 {
        chars[chars.len() - taken..].iter().collect()
    } else {
        chars[..taken].iter().collect()
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
