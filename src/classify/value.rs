//! Feature values and feature sets with Python's semantics: NLTK's feature
//! sets are dicts whose values are compared with `==` and hashed, so
//! `True`, `1` and `1.0` are one value (the first one seen is the one kept
//! and printed) while `"1"` is another.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::sentiment::py_float_repr;
use crate::{Error, Result};

/// One feature value: what a JSON feature set can hold (NLTK's values are
/// any hashable Python object; strings, booleans, numbers and `None` are
/// the ones that survive JSON).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum FeatureValue {
    /// Python `None` (JSON `null`); NLTK's NaiveBayes uses it for a
    /// feature a featureset lacks.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
}

impl<'de> Deserialize<'de> for FeatureValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FeatureValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number, boolean or null")
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<FeatureValue, E> {
                Ok(FeatureValue::None)
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<FeatureValue, E> {
                Ok(FeatureValue::None)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> std::result::Result<FeatureValue, E> {
                Ok(FeatureValue::Bool(b))
            }
            fn visit_i64<E: de::Error>(self, i: i64) -> std::result::Result<FeatureValue, E> {
                Ok(FeatureValue::Int(i))
            }
            fn visit_u64<E: de::Error>(self, u: u64) -> std::result::Result<FeatureValue, E> {
                Ok(match i64::try_from(u) {
                    Ok(i) => FeatureValue::Int(i),
                    Err(_) => FeatureValue::Float(u as f64),
                })
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> std::result::Result<FeatureValue, E> {
                Ok(FeatureValue::Float(x))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<FeatureValue, E> {
                Ok(FeatureValue::Str(s.to_string()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> std::result::Result<FeatureValue, E> {
                Ok(FeatureValue::Str(s))
            }
        }
        d.deserialize_any(V)
    }
}

/// The value under Python's `==`/`hash`: numbers (booleans included) by
/// numeric value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum ValueKey {
    None,
    Int(i128),
    Float(u64),
    Str(String),
}

impl FeatureValue {
    pub(crate) fn key(&self) -> ValueKey {
        match self {
            FeatureValue::None => ValueKey::None,
            FeatureValue::Bool(b) => ValueKey::Int(*b as i128),
            FeatureValue::Int(i) => ValueKey::Int(*i as i128),
            FeatureValue::Float(f) => {
                if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e30 {
                    ValueKey::Int(*f as i128)
                } else {
                    ValueKey::Float(f.to_bits())
                }
            }
            FeatureValue::Str(s) => ValueKey::Str(s.clone()),
        }
    }

    /// Python's `repr()` of the value (`'a'`, `True`, `None`, `1.0`).
    ///
    /// # Example
    /// ```
    /// use nlkit::classify::FeatureValue;
    /// assert_eq!(FeatureValue::Str("a".into()).repr(), "'a'");
    /// assert_eq!(FeatureValue::Bool(true).repr(), "True");
    /// assert_eq!(FeatureValue::Float(1.0).repr(), "1.0");
    /// ```
    pub fn repr(&self) -> String {
        match self {
            FeatureValue::Str(s) => crate::util::py_repr(s),
            _ => self.to_string(),
        }
    }

    /// Python's `fval in [None, False, True]`.
    pub(crate) fn is_none_or_bool(&self) -> bool {
        matches!(
            self.key(),
            ValueKey::None | ValueKey::Int(0) | ValueKey::Int(1)
        )
    }
}

impl fmt::Display for FeatureValue {
    /// Python's `str()` of the value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeatureValue::None => f.write_str("None"),
            FeatureValue::Bool(true) => f.write_str("True"),
            FeatureValue::Bool(false) => f.write_str("False"),
            FeatureValue::Int(i) => write!(f, "{i}"),
            FeatureValue::Float(x) => f.write_str(&py_float_repr(*x)),
            FeatureValue::Str(s) => f.write_str(s),
        }
    }
}

impl From<&str> for FeatureValue {
    fn from(s: &str) -> Self {
        FeatureValue::Str(s.to_string())
    }
}

impl From<bool> for FeatureValue {
    fn from(b: bool) -> Self {
        FeatureValue::Bool(b)
    }
}

/// A feature set: feature names and values in insertion order (NLTK's
/// dict; the order fixes the order NLTK adds log-probabilities in). A
/// repeated name keeps its first position and its last value, as a Python
/// dict built from JSON does.
///
/// # Example
/// ```
/// use nlkit::classify::{FeatureSet, FeatureValue};
/// let fs: FeatureSet = serde_json::from_str(r#"{"last_letter": "a", "len": 5}"#).unwrap();
/// assert_eq!(fs.get("len"), Some(&FeatureValue::Int(5)));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeatureSet {
    items: Vec<(String, FeatureValue)>,
}

impl FeatureSet {
    /// An empty feature set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a feature (NLTK's `fs[name] = value`).
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<FeatureValue>) {
        let name = name.into();
        let value = value.into();
        match self.items.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.items.push((name, value)),
        }
    }

    /// The value of a feature.
    pub fn get(&self, name: &str) -> Option<&FeatureValue> {
        self.items.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The features in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FeatureValue)> {
        self.items.iter().map(|(n, v)| (n.as_str(), v))
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no features.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<K: Into<String>, V: Into<FeatureValue>> FromIterator<(K, V)> for FeatureSet {
    fn from_iter<T: IntoIterator<Item = (K, V)>>(iter: T) -> Self {
        let mut fs = FeatureSet::new();
        for (k, v) in iter {
            fs.insert(k, v);
        }
        fs
    }
}

impl<'de> Deserialize<'de> for FeatureSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FeatureSet;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object of feature values (strings, numbers, booleans or null)")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<FeatureSet, A::Error> {
                let mut items: Vec<(String, FeatureValue)> = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    let v: FeatureValue = m.next_value().map_err(|e| {
                        de::Error::custom(format!("feature `{k}`: {e} (values must be strings, numbers, booleans or null)"))
                    })?;
                    items.push((k, v));
                }
                // A repeated name keeps its first position and last value.
                let mut order: Vec<usize> = (0..items.len()).collect();
                order.sort_by(|&a, &b| items[a].0.cmp(&items[b].0).then(a.cmp(&b)));
                let dup = order.windows(2).any(|w| items[w[0]].0 == items[w[1]].0);
                if !dup {
                    return Ok(FeatureSet { items });
                }
                let mut fs = FeatureSet::new();
                for (k, v) in items {
                    fs.insert(k, v);
                }
                Ok(fs)
            }
        }
        d.deserialize_map(V)
    }
}

/// One labeled example of `nlkit classify`'s JSONL input.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    features: FeatureSet,
    #[serde(default)]
    label: Option<String>,
}

/// Reads JSONL feature sets, one `{"features": {...}, "label": "pos"}` per
/// line (blank lines skipped); the label may be left out where
/// `need_label` is false.
///
/// # Errors
/// [`Error::Format`] naming the line for bad JSON, a value that is not a
/// string, number, boolean or null, or a missing label; the reader's
/// errors (including invalid UTF-8).
///
/// # Example
/// ```
/// let src = "{\"features\": {\"last_letter\": \"a\"}, \"label\": \"female\"}\n";
/// let ex = nlkit::classify::read_jsonl(src.as_bytes(), "names.jsonl", true).unwrap();
/// assert_eq!(ex[0].1.as_deref(), Some("female"));
/// ```
pub fn read_jsonl(
    reader: impl std::io::BufRead,
    name: &str,
    need_label: bool,
) -> Result<Vec<(FeatureSet, Option<String>)>> {
    let mut out = Vec::new();
    let lines = crate::io::LineReader::new(reader, name, crate::io::Utf8Mode::Strict);
    for (i, line) in lines.enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let ex: Example = serde_json::from_str(&line)
            .map_err(|e| Error::format(name, i + 1, format!("bad feature set: {e}")))?;
        if need_label && ex.label.is_none() {
            return Err(Error::format(name, i + 1, "missing \"label\""));
        }
        out.push((ex.features, ex.label));
    }
    Ok(out)
}
