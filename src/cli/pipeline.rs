//! `nlkit pipeline`.

use clap::{Args, ValueEnum};

use super::common::{stdout, InputArgs};
use crate::io::{input_name, open_input, ParagraphReader};
use crate::pipeline::{write_conllu_with, NeuralStage, Pipeline};
use crate::Result;

/// Output format of `nlkit pipeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PipelineFormat {
    /// One JSON object per sentence.
    #[default]
    Jsonl,
    /// CoNLL-U blocks.
    Conllu,
}

/// The sentence splitter of `nlkit pipeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SentenceModel {
    /// nlkit's splitter trained on UD English-EWT.
    #[default]
    Ud,
    /// NLTK's Punkt (nlkit's embedded English model, or `--punkt DIR`).
    Punkt,
    /// Each non-blank line is a sentence.
    Line,
}

/// Arguments of `nlkit pipeline`.
#[derive(Debug, Args)]
pub struct PipelineArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: PipelineFormat,
    /// Add WordNet lemmas (`lemmas` field / CoNLL-U LEMMA column). Needs
    /// WordNet: `--wordnet DIR`, or `corpora/wordnet` on NLTK's search path
    /// (`nlkit download wordnet`).
    #[arg(long)]
    lemmas: bool,
    /// Add IOB chunk tags (`chunks` field, CoNLL-U MISC `Chunk=`) from
    /// nlkit's embedded CoNLL-2000 chunker, which reads the Penn tags.
    #[arg(long)]
    chunks: bool,
    /// WordNet folder, `wordnet.zip` or NLTK data folder for `--lemmas`.
    #[arg(long, value_name = "DIR", requires = "lemmas")]
    wordnet: Option<std::path::PathBuf>,
    /// Tag with nlkit's contextual taggers on this transformer encoder folder
    /// (all-MiniLM-L6-v2) instead of the embedded perceptrons: more
    /// accurate, much slower.
    #[arg(long, value_name = "DIR")]
    encoder: Option<std::path::PathBuf>,
    /// Build the pipeline from this JSON config file (format `nlkit-pipeline`
    /// version 1; README "Pipeline configs") instead of the defaults.
    #[arg(long, value_name = "FILE", conflicts_with = "encoder")]
    config: Option<std::path::PathBuf>,
    /// Word tokenizer (an `nlkit tokenize -t` name): `word` is NLTK's
    /// `word_tokenize` (Penn Treebank conventions), `ud` nlkit's UD
    /// English-EWT conventions, which the taggers were trained on.
    #[arg(long, short = 't', default_value = "ud", conflicts_with_all = ["config", "encoder"])]
    tokenizer: String,
    /// Sentence splitter: `ud` (trained on UD English-EWT raw text),
    /// `punkt` (NLTK's Punkt with nlkit's embedded English model) or `line`
    /// (each line a sentence).
    #[arg(long, value_enum, default_value_t, conflicts_with_all = ["config", "encoder"])]
    sentences: SentenceModel,
    /// Punkt with this NLTK punkt_tab language folder (implies `--sentences punkt`).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["config", "encoder"])]
    punkt: Option<std::path::PathBuf>,
    /// A neural tagger instead of an embedded perceptron: `neural:DIR`, a
    /// `nlkit train-neural` output folder (a labeller or a fine-tuned
    /// encoder). A `--task xpos` model writes `tags` (the UPOS perceptron
    /// then reads its tags), a `--task upos` model writes `upos`; give the
    /// flag twice for both.
    #[arg(long, value_name = "neural:DIR", value_parser = neural_dir, conflicts_with_all = ["config", "encoder"])]
    tagger: Vec<std::path::PathBuf>,
    /// Add named entities (`ner` field, CoNLL-U MISC `NER=`, BIO tags):
    /// `es` or `nl` for nlkit's embedded CoNLL-2002 models, or a
    /// `nlkit train-neural --task ner` folder.
    #[arg(long, value_name = "LANG|DIR", conflicts_with = "config")]
    ner: Option<String>,
    /// Worker threads (paragraphs are processed in parallel, output keeps input order).
    #[arg(long, short = 'j', default_value_t = 1)]
    jobs: usize,
}

/// `neural:DIR` → `DIR`.
fn neural_dir(s: &str) -> std::result::Result<std::path::PathBuf, String> {
    match s.strip_prefix("neural:") {
        Some(dir) if !dir.is_empty() => Ok(dir.into()),
        _ => Err("expected neural:DIR, a `nlkit train-neural` output folder \
                  (nlkit ships no neural tagger yet)"
            .into()),
    }
}

/// The named-entity stage of `--ner LANG|DIR`.
fn ner_stage(spec: &str) -> Result<NeuralStage> {
    if let lang @ ("es" | "nl") = spec {
        return NeuralStage::embedded_ner(lang);
    }
    let dir = std::path::Path::new(spec);
    if !dir.is_dir() {
        return Err(crate::Error::InvalidInput(format!(
            "--ner {spec}: neither an embedded model (es, nl) nor a model folder"
        )));
    }
    let stage = NeuralStage::load(dir)?;
    if stage.column() != "ner" {
        return Err(crate::Error::InvalidInput(format!(
            "--ner {spec}: not a named-entity model (it writes `{}`)",
            stage.column()
        )));
    }
    Ok(stage)
}

/// The sentence splitter of `--sentences` / `--punkt`.
fn splitter(a: &PipelineArgs) -> Result<Box<dyn crate::sentence::SentenceTokenizer>> {
    Ok(match (&a.punkt, a.sentences) {
        (Some(dir), _) => Box::new(crate::sentence::PunktSentenceTokenizer::from_dir(dir)?),
        (None, SentenceModel::Punkt) => {
            Box::new(crate::sentence::PunktSentenceTokenizer::default_english())
        }
        (None, SentenceModel::Line) => Box::new(crate::sentence::LineSentenceTokenizer),
        (None, SentenceModel::Ud) => {
            Box::new(crate::sentence::UdSentenceTokenizer::default_english())
        }
    })
}

/// The word tokenizer of `--tokenizer` (with `--punkt`'s model).
fn tokenizer(a: &PipelineArgs) -> Result<Box<dyn crate::tokenize::Tokenizer>> {
    if a.tokenizer == "word" && a.punkt.is_none() {
        // the sentence is already split: NLTK's word_tokenize would only
        // split it again with the same model
        return Ok(Box::new(crate::tokenize::NLTKWordTokenizer::new()));
    }
    let mut cfg = crate::tokenize::TokenizerConfig::default();
    cfg.punkt.clone_from(&a.punkt);
    crate::tokenize::by_name(&a.tokenizer, &cfg)
}

/// Runs `nlkit pipeline`.
pub fn run(a: PipelineArgs) -> Result<()> {
    // models first: a bad folder fails before any input is read
    let taggers = a
        .tagger
        .iter()
        .map(|dir| {
            let stage = NeuralStage::load(dir)?;
            match stage.column() {
                "tags" | "upos" => Ok(stage),
                other => Err(crate::Error::InvalidInput(format!(
                    "--tagger neural:{}: not an xpos or upos tagger (it writes `{other}`)",
                    dir.display()
                ))),
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let ner = a.ner.as_deref().map(ner_stage).transpose()?;
    let config = match &a.config {
        Some(path) => Some(crate::pipeline::PipelineConfig::from_file(path)?),
        None => None,
    };
    let mut pipeline = match (&config, &a.encoder) {
        (Some(cfg), _) => cfg.build()?,
        (None, Some(dir)) => {
            Pipeline::contextual_english(std::sync::Arc::new(crate::neural::Encoder::load(dir)?))?
        }
        (None, None) => {
            let text =
                if a.punkt.is_none() && a.sentences == SentenceModel::Ud && a.tokenizer == "ud" {
                    Pipeline::builder().ud_text()
                } else {
                    Pipeline::builder()
                        .sentences(splitter(&a)?)
                        .tokens(tokenizer(&a)?)
                };
            if taggers.is_empty() {
                text.english_taggers()?
            } else {
                text.english_taggers_with(taggers)?
            }
        }
    };
    if let Some(ner) = ner {
        pipeline = pipeline.with_stage(Box::new(ner))?;
    }
    // UD's multi-word tokens (`don't` = `do` + `n't`) in CoNLL-U output
    let multiword = match &config {
        Some(cfg) => cfg.tokenizer == "ud",
        None => a.encoder.is_some() || a.tokenizer == "ud",
    };
    if a.chunks {
        pipeline = pipeline.with_stage(Box::new(crate::pipeline::ChunkStage::english()?))?;
    }
    if a.lemmas {
        let wn = match &a.wordnet {
            Some(p) => crate::wordnet::WordNet::open(p)?,
            None => crate::wordnet::WordNet::load(None)?,
        };
        pipeline = pipeline.with_lemmatizer(crate::wordnet::WordNetLemmatizer::new(wn))?;
    }
    let mut out = stdout();
    for path in a.input.paths() {
        let doc = input_name(&path);
        let mut reader = ParagraphReader::new(open_input(&path)?, doc.clone(), a.input.utf8_mode());
        let mut paras = std::iter::from_fn(|| reader.next_with_offset());
        let mut sent_no = 0usize;
        if a.jobs <= 1 {
            // one buffer, reused for every paragraph: no allocation, and no
            // fresh memory to fault in, per paragraph
            let mut r = Rendered::default();
            for item in paras.by_ref() {
                let (off, text) = item?;
                r.clear(a.format);
                r.fill(&pipeline, &doc, off, &text, a.format, multiword)?;
                r.write(&mut out, &mut sent_no)?;
            }
            continue;
        }
        // the workers format the records too; the writer only puts in the
        // sentence numbers, which need the paragraphs before
        crate::par::map_ordered_in(
            paras,
            a.jobs,
            JOBS_BATCH,
            |(off, text)| {
                let mut r = Rendered::default();
                r.clear(a.format);
                r.fill(&pipeline, &doc, off, &text, a.format, multiword)?;
                Ok(r)
            },
            |r: Rendered| r.write(&mut out, &mut sent_no),
        )?;
    }
    std::io::Write::flush(&mut out)?;
    Ok(())
}

/// Paragraphs per batch with `--jobs N`. Smaller than [`crate::par::CHUNK`]:
/// about three batches (read, in work, written) are alive at once, and
/// their formatted output (about ten bytes per input byte) is fresh memory
/// the kernel zeroes; 512 paragraphs keep that to a few MB and still give
/// each worker hundreds of paragraphs to steal from.
const JOBS_BATCH: usize = 512;

/// A paragraph's records, formatted, with where each record's sentence
/// number is (a record's number within the paragraph, which the writer
/// replaces by its number within the document).
#[derive(Default)]
struct Rendered {
    bytes: Vec<u8>,
    numbers: Vec<std::ops::Range<usize>>,
    /// What a document's first sentence is numbered (CoNLL-U counts from 1).
    first: usize,
}

impl Rendered {
    /// Empties the buffers for the next paragraph (keeping their memory).
    fn clear(&mut self, format: PipelineFormat) {
        self.bytes.clear();
        self.numbers.clear();
        self.first = usize::from(format == PipelineFormat::Conllu);
    }

    /// Runs `pipeline` on one paragraph and formats its records.
    fn fill(
        &mut self,
        pipeline: &Pipeline,
        doc: &str,
        off: u64,
        text: &str,
        format: PipelineFormat,
        multiword: bool,
    ) -> Result<()> {
        if format == PipelineFormat::Jsonl {
            return pipeline.write_jsonl(doc, off, text, &mut self.bytes, &mut self.numbers);
        }
        for rec in pipeline.process(doc, off, text)? {
            // `# sent_id = DOC-N`, N counting from 1
            let start = self.bytes.len() + "# sent_id = ".len() + rec.doc.len() + 1;
            write_conllu_with(&mut self.bytes, &rec, multiword)?;
            self.numbers
                .push(start..start + (rec.sent + 1).to_string().len());
        }
        Ok(())
    }

    /// Writes the records, numbered from `*sent_no` on (which it advances).
    fn write(&self, out: &mut impl std::io::Write, sent_no: &mut usize) -> Result<()> {
        let mut pos = 0;
        for at in &self.numbers {
            out.write_all(self.bytes.get(pos..at.start).unwrap_or_default())?;
            write!(out, "{}", *sent_no + self.first)?;
            *sent_no += 1;
            pos = at.end;
        }
        out.write_all(self.bytes.get(pos..).unwrap_or_default())?;
        Ok(())
    }
}
