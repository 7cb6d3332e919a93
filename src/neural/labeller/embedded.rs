//! The named-entity models shipped inside nlkit: CoNLL-2002 Spanish and
//! Dutch BiLSTM-CRF labellers (`corpora/models/ner-{es,nl}`), so that
//! `nlkit ner --lang es` needs no download. NLTK's `ne_chunk` ships an
//! English maxent model instead; there is no English NER training data
//! among nlkit's reference corpora.

use std::path::Path;

use candle_core::Device;

use super::SequenceLabeller;
use crate::{Error, Result};

static ES_CONFIG: &[u8] = include_bytes!("../../../corpora/models/ner-es/config.json");
static ES_WEIGHTS: &[u8] = include_bytes!("../../../corpora/models/ner-es/model.safetensors");
static NL_CONFIG: &[u8] = include_bytes!("../../../corpora/models/ner-nl/config.json");
static NL_WEIGHTS: &[u8] = include_bytes!("../../../corpora/models/ner-nl/model.safetensors");

/// The languages of the embedded NER models (ISO 639-1 codes).
pub const EMBEDDED_NER_LANGS: [&str; 2] = ["es", "nl"];

/// The embedded named-entity model for `lang` (`es` or `nl`), on `device`.
///
/// # Errors
/// [`Error::UnknownName`] for another language; the checkpoint errors of
/// [`SequenceLabeller::from_bytes`] (never expected for the shipped files).
///
/// # Example
/// ```
/// use nlkit::neural::labeller::embedded_ner;
/// let m = embedded_ner("es", &candle_core::Device::Cpu).unwrap();
/// assert_eq!(m.info().task, "ner");
/// assert!(m.labels().iter().any(|l| l == "B-PER"));
/// assert!(embedded_ner("xx", &candle_core::Device::Cpu).is_err());
/// ```
pub fn embedded_ner(lang: &str, device: &Device) -> Result<SequenceLabeller> {
    let (json, weights, dir) = match lang {
        "es" => (ES_CONFIG, ES_WEIGHTS, "<embedded ner-es>"),
        "nl" => (NL_CONFIG, NL_WEIGHTS, "<embedded ner-nl>"),
        _ => {
            return Err(Error::UnknownName {
                kind: "NER language",
                name: lang.to_string(),
                expected: EMBEDDED_NER_LANGS.join(", "),
            })
        }
    };
    SequenceLabeller::from_bytes(json, weights, Path::new(dir), device)
}
