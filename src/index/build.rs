//! Building an index: tokens to disk, vocabulary and counts, postings in
//! memory-bounded passes, collocations, then the FST and the header.

use super::*;

pub(super) fn write_varint(out: &mut impl Write, mut v: u64) -> std::io::Result<usize> {
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
pub(super) struct Progress<'a>(&'a Option<crate::progress::ProgressHandle>);

impl Progress<'_> {
    pub(crate) fn msg(&self, m: String) {
        crate::progress::report(self.0, |p| p.message(&m));
    }
    pub(crate) fn done(&self) {
        crate::progress::report(self.0, |p| p.finish(""));
    }
}

pub(super) fn write_index(
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
