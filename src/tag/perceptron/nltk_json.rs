//! Loading NLTK's own JSON perceptron model (`averaged_perceptron_tagger_eng`):
//! weights, tag dictionary and classes, into nlkit's weight table.

use super::*;

/// NLTK's JSON model file names inside the model folder, for language `lang`.
pub fn nltk_model_files(lang: &str) -> [String; 3] {
    ["weights", "tagdict", "classes"].map(|a| format!("averaged_perceptron_tagger_{lang}.{a}.json"))
}

pub(super) fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&data).map_err(|e| Error::Json {
        context: format!("reading NLTK model file {}", path.display()),
        source: e,
    })
}

impl PerceptronTagger {
    /// Builds a tagger from its parts. `classes` need not be sorted.
    /// `tagdict` maps words to tag names, `weights` feature strings to
    /// `(tag, weight)` lists; tags missing from `classes` are refused.
    ///
    /// # Errors
    /// [`Error::Model`] for an empty class list, more than 4,096 classes, a
    /// tag-dictionary tag that is not a class, or a weight that is not a
    /// multiple of 0.001 (NLTK rounds its averaged weights to three
    /// decimals).
    pub fn from_parts<'a>(
        classes: impl IntoIterator<Item = String>,
        tagdict: impl IntoIterator<Item = (String, String)>,
        weights: impl IntoIterator<Item = (&'a str, Vec<(&'a str, f64)>)>,
        feature_set: FeatureSet,
        meta: ModelMeta,
    ) -> Result<Self> {
        check_parts(feature_set, None, None)?;
        let mut classes: Vec<String> = classes.into_iter().collect();
        classes.sort();
        classes.dedup();
        if classes.is_empty() {
            return Err(Error::Model("perceptron model has no classes".into()));
        }
        if classes.len() > Entry::MAX_CLASSES {
            return Err(Error::Model("perceptron model has too many classes".into()));
        }
        let class_id: HashMap<&str, u16> = classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i as u16))
            .collect();
        let mut td = FxMap::default();
        for (w, t) in tagdict {
            let id = *class_id.get(t.as_str()).ok_or_else(|| {
                Error::Model(format!(
                    "tag dictionary gives `{w}` the tag `{t}`, which is not a class of the model"
                ))
            })?;
            td.insert(w.into_boxed_str(), id);
        }
        let mut tb = TableBuilder::default();
        for (feat, row) in weights {
            let mut r: Vec<(u16, f64)> = row
                .into_iter()
                .filter_map(|(t, w)| class_id.get(t).map(|&c| (c, w)))
                .collect();
            r.sort_by_key(|e| e.0);
            tb.push_row(feat, r);
        }
        let classes = classes.into_iter().map(String::into_boxed_str).collect();
        let mut t = PerceptronTagger::from_table(classes, td, tb, feature_set, None, None)?;
        t.meta = meta;
        Ok(t)
    }

    /// Loads NLTK's JSON model from a folder holding
    /// `averaged_perceptron_tagger_eng.{weights,tagdict,classes}.json`
    /// (NLTK's `taggers/averaged_perceptron_tagger_eng/`).
    ///
    /// # Errors
    /// [`Error::Io`] for a missing file, [`Error::Json`] for a malformed one,
    /// [`Error::Model`] for inconsistent contents.
    pub fn load_nltk(dir: &Path) -> Result<Self> {
        Self::load_nltk_lang(dir, "eng")
    }

    /// As [`PerceptronTagger::load_nltk`], for NLTK's model of language `lang`.
    ///
    /// # Errors
    /// As [`PerceptronTagger::load_nltk`].
    pub fn load_nltk_lang(dir: &Path, lang: &str) -> Result<Self> {
        if !dir.is_dir() {
            return Err(Error::Model(format!(
                "{}: not a folder holding NLTK's averaged_perceptron_tagger_{lang} model \
                 (run `nlkit download averaged_perceptron_tagger_{lang}`)",
                dir.display()
            )));
        }
        let [wf, tf, cf] = nltk_model_files(lang);
        let weights: HashMap<String, HashMap<String, f64>> = read_json(&dir.join(wf))?;
        let tagdict: HashMap<String, String> = read_json(&dir.join(tf))?;
        let classes: Vec<String> = read_json(&dir.join(cf))?;
        let mut feats: Vec<(&String, &HashMap<String, f64>)> = weights.iter().collect();
        feats.sort_by(|a, b| a.0.cmp(b.0));
        let meta = ModelMeta {
            description: format!(
                "NLTK averaged_perceptron_tagger_{lang}, read from {}",
                dir.display()
            ),
            ..ModelMeta::default()
        };
        Self::from_parts(
            classes,
            tagdict,
            feats.into_iter().map(|(f, row)| {
                (
                    f.as_str(),
                    row.iter().map(|(t, w)| (t.as_str(), *w)).collect(),
                )
            }),
            FeatureSet::Nltk,
            meta,
        )
    }
}
