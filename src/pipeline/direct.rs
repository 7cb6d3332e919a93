//! JSON lines straight from the text: [`Pipeline::write_jsonl`], and the
//! direct writer it uses for nlkit's default English pipeline.

use std::ops::Range;

use super::record::JsonLine;
use super::Pipeline;
use crate::tag::PerceptronTagger;
use crate::Result;

/// nlkit's default English pipeline as the direct writer runs it: UD
/// sentences and tokens, the embedded Penn Treebank tagger (column `tags`),
/// then the stacked UPOS tagger reading those tags (column `upos`); set by
/// [`super::PipelineBuilder::english_taggers`] when those are all its stages.
///
/// Why: `nlkit pipeline`'s default run spent about 5 % of its CPU building
/// and dropping a [`super::SentenceRecord`] per sentence (three `String`s per
/// token: the token and its two tags, and the per-stage word lists) only to
/// write it as JSON; this writes the same bytes from the text's slices and
/// the taggers' `&'static str` tags, reusing its lists across sentences.
#[derive(Clone, Copy)]
pub(super) struct EnglishTaggers {
    pub(super) xpos: &'static PerceptronTagger,
    pub(super) upos: &'static PerceptronTagger,
}

impl EnglishTaggers {
    /// As [`Pipeline::write_jsonl`] for the pipeline this describes.
    fn write_jsonl(
        self,
        doc: &str,
        offset: u64,
        text: &str,
        out: &mut Vec<u8>,
        numbers: &mut Vec<Range<usize>>,
    ) {
        let abs = |a: usize| offset + a as u64;
        let sents =
            crate::sentence::UdSentenceTokenizer::default_english().sentences_with_tokens(text);
        let mut words: Vec<&str> = Vec::new();
        let mut tags: Vec<&str> = Vec::new();
        for (i, (s, toks)) in sents.iter().enumerate() {
            words.clear();
            words.extend(toks.iter().map(|t| t.slice(text)));
            tags.clear();
            tags.extend(
                self.xpos
                    .tag_ids(&words)
                    .into_iter()
                    .map(|id| self.xpos.class_name(id)),
            );
            let upos = self.upos.tag_with_first_stage(&words, &tags);
            let line = JsonLine {
                doc,
                sent: i,
                text: s.slice(text),
                span: (abs(s.start), abs(s.end)),
                tokens: &words,
                spans: toks.iter().map(|t| (abs(t.start), abs(t.end))),
            };
            let columns = [("tags", tags.as_slice()), ("upos", upos.as_slice())];
            numbers.push(line.write(out, columns.into_iter()));
        }
    }
}

impl Pipeline {
    /// Runs the pipeline on one block of text as [`Pipeline::process`]
    /// does and appends the records to `out` as JSON lines, the bytes of
    /// [`super::SentenceRecord::write_json`] for each record; pushes onto
    /// `numbers` where each record's `sent` number is in `out` (so that a
    /// caller can renumber sentences across blocks). nlkit's default
    /// English pipeline ([`Pipeline::default_english`]) writes them without
    /// building the records.
    ///
    /// # Errors
    /// As [`Pipeline::process`].
    ///
    /// # Example
    /// ```
    /// use nlkit::pipeline::Pipeline;
    /// let p = Pipeline::default_english().unwrap();
    /// let (mut out, mut numbers) = (Vec::new(), Vec::new());
    /// p.write_jsonl("d", 0, "Hi there. Bye.", &mut out, &mut numbers).unwrap();
    /// let mut want = Vec::new();
    /// for r in p.process("d", 0, "Hi there. Bye.").unwrap() {
    ///     r.write_json(&mut want);
    /// }
    /// assert_eq!(out, want);
    /// assert_eq!(&out[numbers[1].clone()], b"1");
    /// ```
    pub fn write_jsonl(
        &self,
        doc: &str,
        offset: u64,
        text: &str,
        out: &mut Vec<u8>,
        numbers: &mut Vec<Range<usize>>,
    ) -> Result<()> {
        if let Some(t) = self.english {
            t.write_jsonl(doc, offset, text, out, numbers);
            return Ok(());
        }
        for r in self.process(doc, offset, text)? {
            numbers.push(r.write_json(out));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Pipeline;

    /// What the records give, written one by one.
    fn via_records(p: &Pipeline, off: u64, text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for r in p.process("doc \"x\"", off, text).unwrap() {
            r.write_json(&mut out);
        }
        out
    }

    /// The direct writer of the default English pipeline writes the
    /// records' bytes: escapes, non-ASCII text, clitics, several sentences,
    /// blank lines, empty and whitespace-only text, offsets.
    #[test]
    fn direct_json_equals_the_records() {
        let p = Pipeline::default_english().unwrap();
        assert!(p.english.is_some());
        let texts = [
            "Hello world. Bye now.",
            "I can't go.  He said \"no\"!\nThen\tleft...",
            "caf\u{e9} na\u{ef}ve \u{2028} \u{1F600} ok. \u{1}\u{1f}",
            "one two\n\nthree four. 5 p.m. e-mail me at a@b.com or http://x.y/z.",
            "",
            " \n\t ",
            "'\"'\"<a<a@x.y a.,.,.,",
        ];
        for (k, text) in texts.iter().enumerate() {
            let off = k as u64 * 1_000_003;
            let (mut out, mut numbers) = (vec![b'x'], Vec::new());
            p.write_jsonl("doc \"x\"", off, text, &mut out, &mut numbers)
                .unwrap();
            assert_eq!(out[1..], via_records(&p, off, text), "{text:?}");
            for (i, at) in numbers.iter().enumerate() {
                assert_eq!(&out[at.clone()], i.to_string().as_bytes());
            }
        }
    }

    /// A pipeline with other stages, or built by hand, takes the records'
    /// path (and gets the same bytes).
    #[test]
    fn other_pipelines_write_their_records() {
        let text = "Cats sleep. Dogs bark.";
        let b = Pipeline::builder()
            .ud_text()
            .english_taggers()
            .unwrap()
            .with_stage(Box::new(super::super::ChunkStage::english().unwrap()))
            .unwrap();
        assert!(b.english.is_none());
        let nltk = Pipeline::nltk_english().unwrap();
        assert!(nltk.english.is_none());
        for p in [b, nltk] {
            let (mut out, mut numbers) = (Vec::new(), Vec::new());
            p.write_jsonl("doc \"x\"", 7, text, &mut out, &mut numbers)
                .unwrap();
            assert_eq!(out, via_records(&p, 7, text));
            assert_eq!(numbers.len(), 2);
        }
    }
}
