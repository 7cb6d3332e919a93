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
        let rows = {
            let class_id: HashMap<&str, u16> = classes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), i as u16))
                .collect();
            weights
                .into_iter()
                .map(|(feat, row)| {
                    let mut r: Row = row
                        .into_iter()
                        .filter_map(|(t, w)| class_id.get(t).map(|&c| (c, w)))
                        .collect();
                    r.sort_by_key(|e| e.0);
                    (Cow::Borrowed(feat), r)
                })
                .collect()
        };
        Self::from_rows(
            classes,
            tagdict.into_iter().collect(),
            rows,
            feature_set,
            meta,
        )
    }

    /// [`PerceptronTagger::from_parts`] with `classes` sorted and deduplicated
    /// and the rows already in class ids.
    fn from_rows(
        classes: Vec<String>,
        tagdict: HashMap<String, String>,
        rows: Vec<(Cow<'_, str>, Row)>,
        feature_set: FeatureSet,
        meta: ModelMeta,
    ) -> Result<Self> {
        let mut tb = TableBuilder::default();
        for (feat, row) in rows {
            tb.push_row(&feat, row);
        }
        Self::from_builder(classes, tagdict, tb, feature_set, meta)
    }

    /// A tagger of `classes` (sorted and deduplicated), `tagdict` and the
    /// weights in `tb`.
    fn from_builder(
        classes: Vec<String>,
        tagdict: HashMap<String, String>,
        tb: TableBuilder,
        feature_set: FeatureSet,
        meta: ModelMeta,
    ) -> Result<Self> {
        if classes.is_empty() {
            return Err(Error::Model("perceptron model has no classes".into()));
        }
        if classes.len() > Entry::MAX_CLASSES {
            return Err(Error::Model("perceptron model has too many classes".into()));
        }
        let td = {
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
            td
        };
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
        let tagdict: HashMap<String, String> = read_json(&dir.join(tf))?;
        let mut classes: Vec<String> = read_json(&dir.join(cf))?;
        classes.sort();
        classes.dedup();
        let meta = ModelMeta {
            description: format!(
                "NLTK averaged_perceptron_tagger_{lang}, read from {}",
                dir.display()
            ),
            ..ModelMeta::default()
        };
        // The weights file (5.7 MB for English) is read straight into rows of
        // class ids, its strings borrowed from the file's bytes where they
        // have no escapes: no map per feature, no string per tag (5x faster
        // than deserializing `{feature: {tag: weight}}` into maps).
        let path = dir.join(wf);
        let data = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        if classes.len() <= Entry::MAX_CLASSES {
            let class_id: FxMap<&[u8], u16> = classes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_bytes(), i as u16))
                .collect();
            if let Some(tb) = super::nltk_weights::read_weights(&data, &class_id) {
                return Self::from_builder(classes, tagdict, tb, FeatureSet::Nltk, meta);
            }
        }
        let class_id: HashMap<&str, u16> = classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i as u16))
            .collect();
        let json_err = |e| Error::Json {
            context: format!("reading NLTK model file {}", path.display()),
            source: e,
        };
        let mut de = serde_json::Deserializer::from_slice(&data);
        let mut rows = serde::de::DeserializeSeed::deserialize(WeightRows(&class_id), &mut de)
            .map_err(json_err)?;
        de.end().map_err(json_err)?;
        // sorted by feature; a feature given twice keeps its last row (as a map would)
        rows.reverse();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows.dedup_by(|a, b| a.0 == b.0);
        Self::from_rows(classes, tagdict, rows, FeatureSet::Nltk, meta)
    }
}

/// NLTK's weights file, `{feature: {tag: weight}}`, as rows of `(class id,
/// weight)` sorted by class id; tags that are not classes are dropped (as
/// [`PerceptronTagger::from_parts`] drops them).
struct WeightRows<'c>(&'c HashMap<&'c str, u16>);

/// A JSON string, borrowed from the input when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

type Row = Vec<(u16, f64)>;

impl<'de> serde::de::DeserializeSeed<'de> for WeightRows<'_> {
    type Value = Vec<(Cow<'de, str>, Row)>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        struct Rows<'c>(&'c HashMap<&'c str, u16>);
        struct OneRow<'c>(&'c HashMap<&'c str, u16>);
        impl<'de> serde::de::Visitor<'de> for Rows<'_> {
            type Value = Vec<(Cow<'de, str>, Row)>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of features")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(1 << 16));
                while let Some(Key(feat)) = map.next_key::<Key<'de>>()? {
                    let row = map.next_value_seed(OneRow(self.0))?;
                    out.push((feat, row));
                }
                Ok(out)
            }
        }
        impl<'de> serde::de::DeserializeSeed<'de> for OneRow<'_> {
            type Value = Row;
            fn deserialize<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> std::result::Result<Row, D::Error> {
                d.deserialize_map(self)
            }
        }
        impl<'de> serde::de::Visitor<'de> for OneRow<'_> {
            type Value = Row;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of tag weights")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Row, A::Error> {
                let mut row = Row::new();
                while let Some(Key(tag)) = map.next_key::<Key<'de>>()? {
                    let w: f64 = map.next_value()?;
                    if let Some(&c) = self.0.get(tag.as_ref()) {
                        row.push((c, w));
                    }
                }
                row.sort_by_key(|e| e.0);
                Ok(row)
            }
        }
        d.deserialize_map(Rows(self.0))
    }
}
