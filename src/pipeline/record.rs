//! The pipeline's output record, one per sentence, and its CoNLL-U writer.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::io::push_json_str;
use crate::Result;

/// One sentence of pipeline output. Optional fields are absent (not
/// `null`) when the stage that fills them did not run.
///
/// The JSON field order is fixed (README documents it): `doc`, `sent`,
/// `text`, `span`, `tokens`, `spans`, then `tags`, `upos`, `lemmas` and
/// the columns of other stages in name order.
///
/// # Example
/// ```
/// use nlkit::pipeline::SentenceRecord;
/// let mut r = SentenceRecord::new("doc", 0, "Hi !", (0, 4));
/// r.tokens = vec!["Hi".into(), "!".into()];
/// r.spans = vec![(0, 2), (3, 4)];
/// r.set_column("shout", vec!["no".into(), "yes".into()]);
/// assert_eq!(r.column("shout").unwrap()[1], "yes");
/// let json = serde_json::to_string(&r).unwrap();
/// assert!(json.ends_with(r#""spans":[[0,2],[3,4]],"shout":["no","yes"]}"#));
/// ```
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SentenceRecord {
    /// Document name (input file name, or `<stdin>`).
    pub doc: String,
    /// 0-based sentence number within the document.
    pub sent: usize,
    /// The sentence text, exactly as in the input.
    pub text: String,
    /// Byte span of the sentence in the document.
    pub span: (u64, u64),
    /// The tokens.
    pub tokens: Vec<String>,
    /// Byte span of each token in the document.
    pub spans: Vec<(u64, u64)>,
    /// One Penn Treebank tag per token (column `tags`), when a tagger ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// One Universal POS tag per token (column `upos`), when a UPOS tagger ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upos: Option<Vec<String>>,
    /// One lemma per token (column `lemmas`), when a lemmatizer ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lemmas: Option<Vec<String>>,
    /// The per-token columns of other stages (chunks, entities, a caller's
    /// own stages), by name.
    #[serde(flatten)]
    pub columns: BTreeMap<String, Vec<String>>,
}

impl SentenceRecord {
    /// A record with no tokens and no columns yet.
    pub fn new(doc: &str, sent: usize, text: &str, span: (u64, u64)) -> Self {
        SentenceRecord {
            doc: doc.to_string(),
            sent,
            text: text.to_string(),
            span,
            tokens: Vec::new(),
            spans: Vec::new(),
            tags: None,
            upos: None,
            lemmas: None,
            columns: BTreeMap::new(),
        }
    }

    /// The per-token column `name` (`tags`, `upos`, `lemmas` or another
    /// stage's), when a stage filled it.
    pub fn column(&self, name: &str) -> Option<&[String]> {
        match name {
            "tags" => self.tags.as_deref(),
            "upos" => self.upos.as_deref(),
            "lemmas" => self.lemmas.as_deref(),
            _ => self.columns.get(name).map(Vec::as_slice),
        }
    }

    /// Sets the per-token column `name` (see [`SentenceRecord::column`]).
    pub fn set_column(&mut self, name: &str, values: Vec<String>) {
        match name {
            "tags" => self.tags = Some(values),
            "upos" => self.upos = Some(values),
            "lemmas" => self.lemmas = Some(values),
            _ => {
                self.columns.insert(name.to_string(), values);
            }
        }
    }

    /// The tokens as string slices.
    pub fn words(&self) -> Vec<&str> {
        self.tokens.iter().map(String::as_str).collect()
    }

    /// Appends the record as one line of JSON (with its `\n`) to `out`:
    /// the same bytes as `serde_json::to_writer` of the record and a
    /// newline, written without serde (`nlkit pipeline`'s output path).
    /// Returns where the `sent` number was written in `out`, so that a
    /// caller that numbers sentences later can put its own number there.
    ///
    /// # Example
    /// ```
    /// use nlkit::pipeline::SentenceRecord;
    /// let mut r = SentenceRecord::new("d", 13, "Hi \"you\"", (0, 8));
    /// r.tokens = vec!["Hi".into(), "\"you\"".into()];
    /// r.spans = vec![(0, 2), (3, 8)];
    /// let mut out = Vec::new();
    /// let at = r.write_json(&mut out);
    /// assert_eq!(out, format!("{}\n", serde_json::to_string(&r).unwrap()).into_bytes());
    /// assert_eq!(&out[at], b"13");
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) -> std::ops::Range<usize> {
        let own = [
            ("tags", &self.tags),
            ("upos", &self.upos),
            ("lemmas", &self.lemmas),
        ];
        let named = own
            .into_iter()
            .filter_map(|(name, col)| Some((name, col.as_deref()?)));
        let columns = named.chain(self.columns.iter().map(|(n, c)| (n.as_str(), c.as_slice())));
        JsonLine {
            doc: &self.doc,
            sent: self.sent,
            text: &self.text,
            span: self.span,
            tokens: &self.tokens,
            spans: self.spans.iter().copied(),
        }
        .write(out, columns)
    }
}

/// The fields of one JSON line of [`SentenceRecord::write_json`], borrowed
/// from wherever the caller has them (a record, or the pipeline's direct
/// writer, which has `&str` tokens and tags and no record), so that both
/// write the same bytes from one piece of code.
pub(super) struct JsonLine<'a, T, P> {
    pub(super) doc: &'a str,
    pub(super) sent: usize,
    pub(super) text: &'a str,
    pub(super) span: (u64, u64),
    pub(super) tokens: &'a [T],
    pub(super) spans: P,
}

impl<T: AsRef<str>, P: Iterator<Item = (u64, u64)>> JsonLine<'_, T, P> {
    /// Appends the line (with its `\n`) and then `columns` (name, values;
    /// in the record's field order) to `out`; returns where `sent` is.
    pub(super) fn write<'c, C: AsRef<str> + 'c>(
        self,
        out: &mut Vec<u8>,
        columns: impl Iterator<Item = (&'c str, &'c [C])>,
    ) -> std::ops::Range<usize> {
        out.reserve(self.text.len() * 3 + 64);
        out.extend_from_slice(b"{\"doc\":");
        push_json_str(out, self.doc);
        out.extend_from_slice(b",\"sent\":");
        let at = out.len();
        push_u64(out, self.sent as u64);
        let sent = at..out.len();
        out.extend_from_slice(b",\"text\":");
        push_json_str(out, self.text);
        out.extend_from_slice(b",\"span\":");
        push_pair(out, self.span);
        out.extend_from_slice(b",\"tokens\":");
        push_str_list(out, self.tokens);
        out.extend_from_slice(b",\"spans\":[");
        for (i, sp) in self.spans.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            push_pair(out, sp);
        }
        out.push(b']');
        for (name, col) in columns {
            out.push(b',');
            push_json_str(out, name);
            out.push(b':');
            push_str_list(out, col);
        }
        out.extend_from_slice(b"}\n");
        sent
    }
}

/// Appends `["a","b",...]`.
fn push_str_list(out: &mut Vec<u8>, items: &[impl AsRef<str>]) {
    out.push(b'[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_json_str(out, s.as_ref());
    }
    out.push(b']');
}

/// Appends `[a,b]`.
fn push_pair(out: &mut Vec<u8>, (a, b): (u64, u64)) {
    out.push(b'[');
    push_u64(out, a);
    out.push(b',');
    push_u64(out, b);
    out.push(b']');
}

/// Appends `n` in decimal.
fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Writes records as CoNLL-U: `# sent_id`, `# text`, then one line per
/// token with the columns nlkit filled (`_` elsewhere); MISC holds
/// `TokenRange=start:end` and, when chunks ran, `Chunk=B-NP` (the IOB tag),
/// when entities ran, `NER=B-PER` (the BIO tag).
///
/// # Errors
/// The write error.
///
/// # Example
/// ```
/// use nlkit::pipeline::{write_conllu, SentenceRecord};
/// let mut r = SentenceRecord::new("d", 0, "Hi", (0, 2));
/// r.tokens = vec!["Hi".into()];
/// r.spans = vec![(0, 2)];
/// let mut out = Vec::new();
/// write_conllu(&mut out, &r).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("1\tHi\t_\t_\t_\t_\t_\t_\t_\tTokenRange=0:2"));
/// ```
pub fn write_conllu(out: &mut impl std::io::Write, r: &SentenceRecord) -> Result<()> {
    write_conllu_with(out, r, false)
}

/// Writes records as CoNLL-U as [`write_conllu`] does, and with
/// `multiword` also the multi-word token lines (`3-4 don't`) that UD
/// English-EWT writes over a clitic and its host
/// ([`crate::tokenize::multiword_groups`]); the words keep their own lines.
///
/// # Errors
/// The write error.
///
/// # Example
/// ```
/// use nlkit::pipeline::{write_conllu_with, SentenceRecord};
/// let mut r = SentenceRecord::new("d", 0, "don't", (0, 5));
/// r.tokens = vec!["do".into(), "n't".into()];
/// r.spans = vec![(0, 2), (2, 5)];
/// let mut out = Vec::new();
/// write_conllu_with(&mut out, &r, true).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("1-2\tdon't\t_"));
/// ```
pub fn write_conllu_with(
    out: &mut impl std::io::Write,
    r: &SentenceRecord,
    multiword: bool,
) -> Result<()> {
    let groups = if multiword {
        let words: Vec<&str> = r.words();
        let spans: Vec<crate::Span> = r
            .spans
            .iter()
            .map(|&(s, e)| crate::Span::new(s as usize, e as usize))
            .collect();
        crate::tokenize::multiword_groups(&words, &spans)
    } else {
        Vec::new()
    };
    let mut groups = groups.into_iter().peekable();
    writeln!(out, "# sent_id = {}-{}", r.doc, r.sent + 1)?;
    writeln!(out, "# text = {}", r.text.replace('\n', " "))?;
    let col = |c: &Option<Vec<String>>, i: usize| -> String {
        c.as_ref()
            .and_then(|t| t.get(i))
            .map_or("_", |s| s.as_str())
            .to_string()
    };
    for (i, tok) in r.tokens.iter().enumerate() {
        let (s, e) = r.spans.get(i).copied().unwrap_or_default();
        if let Some(&(a, b)) = groups.peek() {
            if a == i {
                groups.next();
                let form: String = r.tokens.get(a..=b).unwrap_or_default().concat();
                let end = r.spans.get(b).map_or(e, |sp| sp.1);
                writeln!(
                    out,
                    "{}-{}\t{form}\t_\t_\t_\t_\t_\t_\t_\tTokenRange={s}:{end}",
                    a + 1,
                    b + 1
                )?;
            }
        }
        write!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t_\t_\t_\tTokenRange={}:{}",
            i + 1,
            tok,
            col(&r.lemmas, i),
            col(&r.upos, i),
            col(&r.tags, i),
            s,
            e
        )?;
        if let Some(c) = r.column("chunks").and_then(|c| c.get(i)) {
            write!(out, "|Chunk={c}")?;
        }
        if let Some(c) = r.column("ner").and_then(|c| c.get(i)) {
            write!(out, "|NER={c}")?;
        }
        writeln!(out)?;
    }
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod json_tests {
    use super::SentenceRecord;

    /// [`SentenceRecord::write_json`] writes exactly what serde_json
    /// writes: escapes, non-ASCII text, every optional field, other
    /// columns in name order, large numbers.
    #[test]
    fn write_json_equals_serde_json() {
        let texts = [
            "plain",
            "quote \" and \\ back",
            "tab\tnew\nline\u{1}\u{1f}\u{7f}",
            "caf\u{e9} \u{2028} \u{1F600}",
            "",
        ];
        for (k, text) in texts.iter().enumerate() {
            let mut r = SentenceRecord::new(text, k * 1_000_003, text, (u64::MAX - 1, u64::MAX));
            r.tokens = texts.iter().map(|t| t.to_string()).collect();
            r.spans = (0..texts.len() as u64).map(|i| (i, i * 10)).collect();
            let mut out = Vec::new();
            let at = r.write_json(&mut out);
            assert_eq!(
                String::from_utf8(out.clone()).unwrap(),
                format!("{}\n", serde_json::to_string(&r).unwrap())
            );
            assert_eq!(&out[at], (k * 1_000_003).to_string().as_bytes());
            if k % 2 == 0 {
                r.tags = Some(r.tokens.clone());
                r.lemmas = Some(vec!["\"".into(); texts.len()]);
            } else {
                r.upos = Some(r.tokens.clone());
            }
            r.set_column("zeta", vec!["z".into(); texts.len()]);
            r.set_column(text, vec![text.to_string(); texts.len()]);
            let mut out = vec![b'x'];
            let at = r.write_json(&mut out);
            assert_eq!(
                String::from_utf8(out[1..].to_vec()).unwrap(),
                format!("{}\n", serde_json::to_string(&r).unwrap())
            );
            assert_eq!(&out[at], (k * 1_000_003).to_string().as_bytes());
        }
    }
}
