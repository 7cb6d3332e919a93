//! Sentence interpretation with a feature grammar's semantics: NLTK's
//! `nltk.sem.util.interpret_sents` and `evaluate_sents`.
//!
//! Each sentence is split on whitespace and parsed with NLTK's default
//! [`FeatureChartParser`]; the meaning of a parse is its root's `SEM`
//! feature (NLTK's `root_semrep`), and [`evaluate_sents`] evaluates its
//! printed form in a model, as NLTK's `model.evaluate("%s" % sem, g)`.
//!
//! Difference: a parse whose root lacks the feature is an error naming the
//! root (NLTK prints that and raises `KeyError`).

use super::evaluate::{Assignment, Evaluation, Model};
use crate::featstruct::FeatValue;
use crate::grammar::FeatureGrammar;
use crate::parse::FeatureChartParser;
use crate::tree::Tree;
use crate::{Error, Result};

/// One reading of a sentence: its tree and its root's semantics.
pub type Interpretation = (Tree, FeatValue);

fn sem_string(v: &FeatValue) -> String {
    match v {
        FeatValue::Expr(e) => e.to_string(),
        FeatValue::Str(s) => s.clone(),
        other => other.repr(),
    }
}

/// NLTK's `interpret_sents(inputs, grammar, semkey)`: per sentence, every
/// parse with the value of its root's `semkey` feature.
///
/// # Errors
/// A sentence with words the grammar lacks (NLTK's coverage error); a
/// root without `semkey`.
///
/// # Example
/// ```
/// use nlkit::grammar::FeatureGrammar;
/// use nlkit::sem::util::interpret_sents;
/// let g = FeatureGrammar::fromstring(
///     "% start S\nS[SEM=<?vp(?np)>] -> NP[SEM=?np] VP[SEM=?vp]\nNP[SEM=<kim>] -> 'Kim'\nVP[SEM=<\\x.walk(x)>] -> 'walks'",
/// )?;
/// let r = interpret_sents(&["Kim walks"], &g, "SEM")?;
/// assert_eq!(r[0][0].1.repr(), "<walk(kim)>");
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn interpret_sents<S: AsRef<str>>(
    inputs: &[S],
    grammar: &FeatureGrammar,
    semkey: &str,
) -> Result<Vec<Vec<Interpretation>>> {
    let parser = FeatureChartParser::new(grammar);
    let mut out = Vec::with_capacity(inputs.len());
    for sent in inputs {
        let tokens: Vec<&str> = sent.as_ref().split_whitespace().collect();
        let mut readings = Vec::new();
        for (tree, root) in parser.parse_with_roots(&tokens)? {
            let Some(sem) = root.get(&[semkey]) else {
                return Err(Error::InvalidInput(format!(
                    "{} has no specification for the feature {semkey}",
                    root.repr()
                )));
            };
            readings.push((tree, sem));
        }
        out.push(readings);
    }
    Ok(out)
}

/// NLTK's `evaluate_sents(inputs, grammar, model, assignment)`: per
/// sentence, every parse with its `SEM` value and that value evaluated in
/// `model` under `g`.
///
/// # Errors
/// As [`interpret_sents`], and evaluation errors NLTK would raise.
///
/// # Example
/// ```
/// use nlkit::grammar::FeatureGrammar;
/// use nlkit::sem::evaluate::{Assignment, Model, Valuation};
/// use nlkit::sem::util::evaluate_sents;
/// let g = FeatureGrammar::fromstring(
///     "% start S\nS[SEM=<?vp(?np)>] -> NP[SEM=?np] VP[SEM=?vp]\nNP[SEM=<kim>] -> 'Kim'\nVP[SEM=<\\x.walk(x)>] -> 'walks'",
/// )?;
/// let val = Valuation::fromstring("kim => k\nwalk => {k}")?;
/// let m = Model::new(val.domain(), val.clone())?;
/// let a = Assignment::new(val.domain());
/// let r = evaluate_sents(&["Kim walks"], &g, &m, &a)?;
/// assert_eq!(r[0][0].2.to_string(), "True");
/// # Ok::<(), nlkit::Error>(())
/// ```
pub fn evaluate_sents<S: AsRef<str>>(
    inputs: &[S],
    grammar: &FeatureGrammar,
    model: &Model,
    g: &Assignment,
) -> Result<Vec<Vec<(Tree, FeatValue, Evaluation)>>> {
    let mut out = Vec::new();
    for readings in interpret_sents(inputs, grammar, "SEM")? {
        let mut r = Vec::with_capacity(readings.len());
        for (tree, sem) in readings {
            let value = model.evaluate(&sem_string(&sem), g)?;
            r.push((tree, sem, value));
        }
        out.push(r);
    }
    Ok(out)
}
