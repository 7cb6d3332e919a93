//! `nlkit pipeline`.

use clap::{Args, ValueEnum};

use super::common::{stdout, write_json_line, InputArgs};
use crate::io::{input_name, open_input, ParagraphReader};
use crate::pipeline::{write_conllu, Pipeline, SentenceRecord};
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
    /// Worker threads (paragraphs are processed in parallel, output keeps input order).
    #[arg(long, short = 'j', default_value_t = 1)]
    jobs: usize,
}

/// Runs `nlkit pipeline`.
pub fn run(a: PipelineArgs) -> Result<()> {
    let mut pipeline = match (&a.config, &a.encoder) {
        (Some(cfg), _) => crate::pipeline::PipelineConfig::from_file(cfg)?.build()?,
        (None, Some(dir)) => {
            Pipeline::contextual_english(std::sync::Arc::new(crate::neural::Encoder::load(dir)?))?
        }
        (None, None) => Pipeline::default_english()?,
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
        let paras = std::iter::from_fn(|| reader.next_with_offset());
        let mut sent_no = 0usize;
        crate::par::map_ordered(
            paras,
            a.jobs,
            |(off, text)| pipeline.process(&doc, off, &text),
            |recs: Vec<SentenceRecord>| {
                for mut r in recs {
                    r.sent = sent_no;
                    sent_no += 1;
                    match a.format {
                        PipelineFormat::Jsonl => write_json_line(&mut out, &r)?,
                        PipelineFormat::Conllu => write_conllu(&mut out, &r)?,
                    }
                }
                Ok(())
            },
        )?;
    }
    std::io::Write::flush(&mut out)?;
    Ok(())
}
