//! NLTK's `PunktTrainer`: learns [`PunktParameters`] from plain text.

use std::collections::{HashMap, HashSet};

use super::{
    first_pass_annotation, tokenize_words, FxBuild, PunktLanguageVars, PunktParameters, PunktToken,
    NUMBER_TYPE, ORTHO_BEG_LC, ORTHO_BEG_UC, ORTHO_MID_LC, ORTHO_MID_UC, ORTHO_UNK_LC,
    ORTHO_UNK_UC,
};

/// NLTK's `PunktTrainer` with its default settings: learns abbreviation
/// types (Dunning log-likelihood with NLTK's length, period and penalty
/// factors, plus rare abbreviations), collocations of initials and ordinals
/// with the next word, frequent sentence starters and orthographic contexts.
///
/// Calling [`train`](Self::train) several times with `finalize = false`
/// and then [`finalize_training`](Self::finalize_training) is the same as
/// NLTK's incremental `train(text, finalize=False)`.
///
/// # Example
/// ```
/// use nlkit::sentence::punkt::{PunktSentenceTokenizer, PunktTrainer};
/// use nlkit::sentence::SentenceTokenizer;
/// let text = "Dr. Who met Dr. No. They talked. Dr. Who left. Mr. X stayed. ".repeat(20);
/// let mut trainer = PunktTrainer::new();
/// trainer.train(&text, true);
/// let params = trainer.get_params();
/// assert!(params.abbrev_types.contains("dr"));
/// let t = PunktSentenceTokenizer::new(params.clone());
/// assert_eq!(t.tokenize("Dr. Who came. He left."), ["Dr. Who came.", "He left."]);
/// ```
#[derive(Debug, Clone)]
pub struct PunktTrainer {
    lang: PunktLanguageVars,
    params: PunktParameters,
    type_fdist: HashMap<String, u64, FxBuild>,
    type_n: u64,
    num_period_toks: u64,
    collocation_fdist: HashMap<(String, String), u64, FxBuild>,
    sent_starter_fdist: HashMap<String, u64, FxBuild>,
    sentbreak_count: u64,
    finalized: bool,
    /// NLTK's `ABBREV`: score cut-off for abbreviations.
    pub abbrev: f64,
    /// NLTK's `IGNORE_ABBREV_PENALTY`.
    pub ignore_abbrev_penalty: bool,
    /// NLTK's `ABBREV_BACKOFF`: upper frequency cut-off for rare abbreviations.
    pub abbrev_backoff: u64,
    /// NLTK's `COLLOCATION`: minimal log-likelihood of a collocation.
    pub collocation: f64,
    /// NLTK's `SENT_STARTER`: minimal log-likelihood of a sentence starter.
    pub sent_starter: f64,
    /// NLTK's `INCLUDE_ALL_COLLOCS`.
    pub include_all_collocs: bool,
    /// NLTK's `INCLUDE_ABBREV_COLLOCS`.
    pub include_abbrev_collocs: bool,
    /// NLTK's `MIN_COLLOC_FREQ`.
    pub min_colloc_freq: u64,
}

impl Default for PunktTrainer {
    fn default() -> Self {
        Self::new()
    }
}

/// Python's `math.log`, which raises (here: `None`) for non-positive input.
fn py_log(x: f64) -> Option<f64> {
    if x > 0.0 {
        Some(x.ln())
    } else {
        None
    }
}

impl PunktTrainer {
    /// A trainer with NLTK's default settings and language variables.
    pub fn new() -> Self {
        Self::with_lang_vars(PunktLanguageVars::default())
    }

    /// A trainer with NLTK's default settings and the given language variables.
    pub fn with_lang_vars(lang: PunktLanguageVars) -> Self {
        PunktTrainer {
            lang,
            params: PunktParameters::default(),
            type_fdist: HashMap::default(),
            type_n: 0,
            num_period_toks: 0,
            collocation_fdist: HashMap::default(),
            sent_starter_fdist: HashMap::default(),
            sentbreak_count: 0,
            finalized: true,
            abbrev: 0.3,
            ignore_abbrev_penalty: false,
            abbrev_backoff: 5,
            collocation: 7.88,
            sent_starter: 30.0,
            include_all_collocs: false,
            include_abbrev_collocs: false,
            min_colloc_freq: 1,
        }
    }

    fn count(&self, typ: &str) -> u64 {
        self.type_fdist.get(typ).copied().unwrap_or(0)
    }

    /// Collects training data from `text` (NLTK's `train`); with `finalize`,
    /// also computes collocations and sentence starters.
    pub fn train(&mut self, text: &str, finalize: bool) {
        self.finalized = false;
        let mut tokens = Vec::new();
        tokenize_words(&self.lang, text, &mut tokens, &mut Vec::new());

        for t in &tokens {
            *self.type_fdist.entry(t.typ.to_string()).or_insert(0) += 1;
            self.type_n += 1;
            if t.period_final {
                self.num_period_toks += 1;
            }
        }

        // Unique types, in order of first occurrence.
        let mut seen: HashSet<&str, FxBuild> = HashSet::default();
        let mut unique: Vec<String> = Vec::new();
        for t in &tokens {
            if seen.insert(&t.typ) {
                unique.push(t.typ.to_string());
            }
        }
        for typ in unique {
            if let Some((abbr, score, is_add)) = self.reclassify_abbrev_type(&typ) {
                if score >= self.abbrev {
                    if is_add {
                        self.params.abbrev_types.insert(abbr);
                    }
                } else if !is_add {
                    self.params.abbrev_types.remove(&abbr);
                }
            }
        }

        let mut buf = String::new();
        for t in tokens.iter_mut() {
            first_pass_annotation(
                &self.lang,
                |s| self.params.abbrev_types.contains(s),
                t,
                &mut buf,
            );
        }

        self.get_orthography_data(&tokens);
        self.sentbreak_count += tokens.iter().filter(|t| t.sentbreak).count() as u64;

        for pair in tokens.windows(2) {
            let (t1, t2) = (&pair[0], &pair[1]);
            if !t1.period_final {
                continue;
            }
            if self.is_rare_abbrev_type(t1, t2) {
                self.params
                    .abbrev_types
                    .insert(t1.type_no_period().to_string());
            }
            if t1.sentbreak && !(t1.is_number() || t1.is_initial()) && t2.is_alpha() {
                *self
                    .sent_starter_fdist
                    .entry(t2.typ.to_string())
                    .or_insert(0) += 1;
            }
            if self.is_potential_collocation(t1, t2) {
                let key = (
                    t1.type_no_period().to_string(),
                    t2.type_no_sentperiod().to_string(),
                );
                *self.collocation_fdist.entry(key).or_insert(0) += 1;
            }
        }
        if finalize {
            self.finalize_training();
        }
    }

    /// NLTK's `_reclassify_abbrev_types` for one type: `(candidate, score,
    /// is_add)`, or `None` when the type is not a candidate.
    fn reclassify_abbrev_type(&self, typ: &str) -> Option<(String, f64, bool)> {
        if !typ.chars().any(super::chars::is_word_nondigit) || typ == NUMBER_TYPE {
            return None;
        }
        let (typ, is_add) = if let Some(stripped) = typ.strip_suffix('.') {
            if self.params.abbrev_types.contains(typ) {
                return None;
            }
            (stripped, true)
        } else {
            if !self.params.abbrev_types.contains(typ) {
                return None;
            }
            (typ, false)
        };
        let num_periods = typ.matches('.').count() as i64 + 1;
        let num_nonperiods = typ.chars().count() as i64 - num_periods + 1;
        let count_with_period = self.count(&format!("{typ}."));
        let count_without_period = self.count(typ);
        let ll = dunning_log_likelihood(
            count_with_period + count_without_period,
            self.num_period_toks,
            count_with_period,
            self.type_n,
        );
        let f_length = (-(num_nonperiods as f64)).exp();
        let f_periods = num_periods as f64;
        let f_penalty = if self.ignore_abbrev_penalty {
            1.0
        } else {
            (num_nonperiods as f64).powf(-(count_without_period as f64))
        };
        let score = ll * f_length * f_periods * f_penalty;
        Some((typ.to_string(), score, is_add))
    }

    /// NLTK's `_get_orthography_data`.
    fn get_orthography_data(&mut self, tokens: &[PunktToken<'_>]) {
        #[derive(PartialEq, Clone, Copy)]
        enum Ctx {
            Initial,
            Internal,
            Unknown,
        }
        let mut context = Ctx::Internal;
        for t in tokens {
            if t.parastart && context != Ctx::Unknown {
                context = Ctx::Initial;
            }
            if t.linestart && context == Ctx::Internal {
                context = Ctx::Unknown;
            }
            let typ = t.type_no_sentperiod();
            let flag = if t.first_lower() {
                match context {
                    Ctx::Initial => ORTHO_BEG_LC,
                    Ctx::Internal => ORTHO_MID_LC,
                    Ctx::Unknown => ORTHO_UNK_LC,
                }
            } else if t.first_upper() {
                match context {
                    Ctx::Initial => ORTHO_BEG_UC,
                    Ctx::Internal => ORTHO_MID_UC,
                    Ctx::Unknown => ORTHO_UNK_UC,
                }
            } else {
                0
            };
            if flag != 0 {
                match self.params.ortho_context.get_mut(typ) {
                    Some(v) => *v |= flag,
                    None => {
                        self.params.ortho_context.insert(typ.to_string(), flag);
                    }
                }
            }
            context = if t.sentbreak {
                if !(t.is_number() || t.is_initial()) {
                    Ctx::Initial
                } else {
                    Ctx::Unknown
                }
            } else if t.ellipsis || t.abbr {
                Ctx::Unknown
            } else {
                Ctx::Internal
            };
        }
    }

    /// NLTK's `_is_rare_abbrev_type`.
    fn is_rare_abbrev_type(&self, cur: &PunktToken<'_>, next: &PunktToken<'_>) -> bool {
        if cur.abbr || !cur.sentbreak {
            return false;
        }
        let typ = cur.type_no_sentperiod();
        // NLTK adds the count of the type minus its last character.
        let mut cs = typ.chars();
        cs.next_back();
        let count = self.count(typ) + self.count(cs.as_str());
        if self.params.abbrev_types.contains(typ) || count >= self.abbrev_backoff {
            return false;
        }
        if next
            .tok
            .chars()
            .next()
            .is_some_and(|c| self.lang.internal_punctuation().contains(&c))
        {
            return true;
        }
        if next.first_lower() {
            let ctx = self.params.ortho(next.type_no_sentperiod());
            if ctx & ORTHO_BEG_UC != 0 && ctx & ORTHO_MID_UC == 0 {
                return true;
            }
        }
        false
    }

    /// NLTK's `_is_potential_collocation`.
    fn is_potential_collocation(&self, t1: &PunktToken<'_>, t2: &PunktToken<'_>) -> bool {
        (self.include_all_collocs
            || (self.include_abbrev_collocs && t1.abbr)
            || (t1.sentbreak && (t1.is_number() || t1.is_initial())))
            && t1.is_non_punct()
            && t2.is_non_punct()
    }

    /// NLTK's `finalize_training`: finds sentence starters, then
    /// collocations, from the data gathered so far.
    pub fn finalize_training(&mut self) {
        let n = self.type_n;
        let mut starters = HashSet::default();
        if self.sentbreak_count > 0 {
            for (typ, &at_break) in &self.sent_starter_fdist {
                if typ.is_empty() {
                    continue;
                }
                let typ_count = self.count(typ) + self.count(&format!("{typ}."));
                if typ_count < at_break {
                    continue;
                }
                let ll = col_log_likelihood(self.sentbreak_count, typ_count, at_break, n);
                if ll >= self.sent_starter
                    && (n as f64) / (self.sentbreak_count as f64)
                        > (typ_count as f64) / (at_break as f64)
                {
                    starters.insert(typ.clone());
                }
            }
        }
        self.params.sent_starters = starters;

        let mut collocs = HashSet::default();
        for ((typ1, typ2), &col_count) in &self.collocation_fdist {
            if self.params.sent_starters.contains(typ2) {
                continue;
            }
            let typ1_count = self.count(typ1) + self.count(&format!("{typ1}."));
            let typ2_count = self.count(typ2) + self.count(&format!("{typ2}."));
            if typ1_count > 1
                && typ2_count > 1
                && self.min_colloc_freq < col_count
                && col_count <= typ1_count.min(typ2_count)
            {
                let ll = col_log_likelihood(typ1_count, typ2_count, col_count, n);
                if ll >= self.collocation
                    && (n as f64) / (typ1_count as f64) > (typ2_count as f64) / (col_count as f64)
                {
                    collocs.insert((typ1.clone(), typ2.clone()));
                }
            }
        }
        self.params.collocations = collocs;
        self.finalized = true;
    }

    /// The learned parameters (finalizing training first if needed), as
    /// NLTK's `get_params`.
    pub fn get_params(&mut self) -> &PunktParameters {
        if !self.finalized {
            self.finalize_training();
        }
        &self.params
    }

    /// Consumes the trainer, returning the finalized parameters.
    pub fn into_params(mut self) -> PunktParameters {
        if !self.finalized {
            self.finalize_training();
        }
        self.params
    }
}

/// NLTK's `_dunning_log_likelihood` (modified Dunning ratio for
/// abbreviation candidates).
fn dunning_log_likelihood(count_a: u64, count_b: u64, count_ab: u64, n: u64) -> f64 {
    let p1 = count_b as f64 / n as f64;
    let p2 = 0.99f64;
    let (a, ab) = (count_a as f64, count_ab as f64);
    let null_hypo = ab * (p1 + 1e-8).ln() + (a - ab) * (1.0 - p1 + 1e-8).ln();
    let alt_hypo = ab * p2.ln() + (a - ab) * (1.0 - p2).ln();
    let likelihood = null_hypo - alt_hypo;
    -2.0 * likelihood
}

/// NLTK's `_col_log_likelihood` (Dunning log-likelihood), including its
/// handling of `math.log` domain errors and a zero denominator.
fn col_log_likelihood(count_a: u64, count_b: u64, count_ab: u64, n: u64) -> f64 {
    let (ca, cb, cab, nn) = (count_a as i64, count_b as i64, count_ab as i64, n as i64);
    let p = cb as f64 / nn as f64;
    let p1 = cab as f64 / ca as f64;
    let p2 = if nn - ca == 0 {
        1.0
    } else {
        (cb - cab) as f64 / (nn - ca) as f64
    };

    let summand1 = match (py_log(p), py_log(1.0 - p)) {
        (Some(lp), Some(lq)) => cab as f64 * lp + (ca - cab) as f64 * lq,
        _ => 0.0,
    };
    let summand2 = match (py_log(p), py_log(1.0 - p)) {
        (Some(lp), Some(lq)) => (cb - cab) as f64 * lp + (nn - ca - cb + cab) as f64 * lq,
        _ => 0.0,
    };
    let summand3 = if ca == cab || p1 <= 0.0 || p1 >= 1.0 {
        0.0
    } else {
        cab as f64 * p1.ln() + (ca - cab) as f64 * (1.0 - p1).ln()
    };
    let summand4 = if cb == cab || p2 <= 0.0 || p2 >= 1.0 {
        0.0
    } else {
        (cb - cab) as f64 * p2.ln() + (nn - ca - cb + cab) as f64 * (1.0 - p2).ln()
    };
    let likelihood = summand1 + summand2 - summand3 - summand4;
    -2.0 * likelihood
}

impl PunktTrainer {
    /// Reads a whole file (`-` = stdin) and trains on it without finalizing,
    /// as NLTK's `train(text, finalize=False)`. Returns the bytes read.
    ///
    /// # Errors
    /// [`crate::Error::Io`], or [`crate::Error::InvalidUtf8`] in strict mode.
    pub fn train_file(
        &mut self,
        path: &std::path::Path,
        mode: crate::io::Utf8Mode,
    ) -> crate::Result<u64> {
        use std::io::Read;
        let mut buf = Vec::new();
        crate::io::open_input(path)?
            .read_to_end(&mut buf)
            .map_err(|e| crate::Error::io(path, e))?;
        let n = buf.len() as u64;
        let text = match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => match mode {
                crate::io::Utf8Mode::Lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                crate::io::Utf8Mode::Strict => {
                    return Err(crate::Error::InvalidUtf8 {
                        source_name: crate::io::input_name(path),
                        offset: e.utf8_error().valid_up_to() as u64,
                    })
                }
            },
        };
        self.train(&text, false);
        Ok(n)
    }
}
