//! Compact chunk strings for [`super::RegexpParser`]'s flat path: one byte
//! per piece instead of NLTK's `<TAG>`.
//!
//! Most rules are sequences, alternatives and repetitions of *tag units*
//! `<X>` (NLTK turns each into `(<(X)>)`), where `X` can match neither a
//! brace nor an angle bracket and has no look-around. Such a unit matches
//! exactly one whole piece of the chunk string, the one whose tag `X`
//! matches in full, and the rule matches a run of pieces. So a stage whose
//! rules are all of this kind (chunk, strip, split and chunk-with-context
//! rules, `^` and `$` allowed between units; a strip rule or a split side
//! must not match the empty string, whose matches inside a tag NLTK turns
//! into errors) runs on a string with one byte per piece: the byte says
//! which of the stage's tag patterns (at most [`MAX_UNITS`]) the piece's
//! tag matches, braces stay `{` and `}`, and each unit of a rule becomes
//! the class of bytes whose pattern bit is set. Matches, their priorities
//! and the look-aheads (`regexp_fast.rs`) are those of the full string, as
//! match boundaries fall between pieces there too; the string is about a
//! fifth as long. When the result is not a valid chunk string, the caller
//! runs the sentence again on full strings, which gives NLTK's error text.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

use super::regexp::{RegexpChunkRule, RuleKind};
use super::regexp_fast::FastRule;
use crate::Result;

/// Most distinct tag patterns in one stage (a piece's byte holds one bit
/// per pattern).
pub(super) const MAX_UNITS: usize = 6;

/// The byte of a piece whose tag matches none of the patterns; the others
/// add their pattern bits (all bytes stay in `0x30..0x70`, away from the
/// braces).
const BASE: u8 = 0x30;

/// A stage's rules on compact strings.
#[derive(Debug, Clone)]
pub(super) struct CompactStage {
    /// The stage's tag patterns `X`, anchored at both ends.
    units: regex::RegexSet,
    rules: Vec<(RuleKind, FastRule)>,
}

impl CompactStage {
    /// The compact form of a stage's rules, or `None` when one of them
    /// needs full chunk strings.
    pub(super) fn build(rules: &[RegexpChunkRule]) -> Option<CompactStage> {
        let mut units: Vec<String> = Vec::new();
        let mut out = Vec::with_capacity(rules.len());
        for rule in rules {
            let kind = rule.kind();
            let mut parts = Vec::with_capacity(rule.parts().len());
            for part in rule.parts() {
                let hir = regex_syntax::ParserBuilder::new()
                    .build()
                    .parse(part)
                    .ok()?;
                let nullable = hir.properties().minimum_len() == Some(0);
                if nullable && matches!(kind, RuleKind::Strip | RuleKind::Split) {
                    return None;
                }
                let mut p = String::new();
                render(&hir, &mut units, &mut p)?;
                parts.push(p);
            }
            if units.len() > MAX_UNITS {
                return None;
            }
            out.push((kind, FastRule::build(kind, &parts, true)?));
        }
        let anchored = units.iter().map(|x| format!("^(?:{x})$"));
        let units = regex::RegexSet::new(anchored).ok()?;
        Some(CompactStage { units, rules: out })
    }

    /// The byte of a piece tagged `tag` (its pattern bits).
    pub(super) fn byte(&self, tag: &str) -> u8 {
        let mut bits = 0u8;
        for k in self.units.matches(tag).iter() {
            bits |= 1 << k;
        }
        BASE + bits
    }

    /// Runs the rules over the compact string `s` (`tmp` is scratch), with
    /// NLTK's removal of empty chunks after each.
    pub(super) fn apply(&self, s: &mut String, tmp: &mut String) -> Result<()> {
        for (kind, rule) in &self.rules {
            tmp.clear();
            rule.apply(s, *kind, tmp)?;
            // (a plain scan: compact strings are short)
            if tmp.as_bytes().windows(2).any(|w| w == b"{}") {
                s.clear();
                for part in tmp.split("{}") {
                    s.push_str(part);
                }
            } else {
                std::mem::swap(s, tmp);
            }
        }
        Ok(())
    }
}

/// The `X` of a tag unit `<(X)>`: the capture's contents are `<`, a
/// capture of `X`, `>`, and `X` can match no brace or angle bracket and
/// has no look-around.
fn unit(h: &Hir) -> Option<&Hir> {
    let HirKind::Concat(hs) = h.kind() else {
        return None;
    };
    let [open, x, close] = hs.as_slice() else {
        return None;
    };
    let lit = |h: &Hir, c: u8| matches!(h.kind(), HirKind::Literal(l) if *l.0 == [c]);
    if !lit(open, b'<') || !lit(close, b'>') {
        return None;
    }
    let HirKind::Capture(x) = x.kind() else {
        return None;
    };
    (!special(&x.sub)).then_some(&*x.sub)
}

/// True when `h` can match a brace or an angle bracket, or has a
/// look-around.
fn special(h: &Hir) -> bool {
    let bad = |c: u32| [b'{', b'}', b'<', b'>'].iter().any(|&b| u32::from(b) == c);
    let range = |a: u32, b: u32| {
        [b'{', b'}', b'<', b'>']
            .iter()
            .any(|&c| (a..=b).contains(&u32::from(c)))
    };
    match h.kind() {
        HirKind::Empty => false,
        HirKind::Literal(l) => l.0.iter().any(|&b| bad(u32::from(b))),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .any(|r| range(u32::from(r.start()), u32::from(r.end()))),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .any(|r| range(u32::from(r.start()), u32::from(r.end()))),
        HirKind::Look(_) => true,
        HirKind::Repetition(r) => special(&r.sub),
        HirKind::Capture(c) => special(&c.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(special),
    }
}

/// Writes the compact form of a rule pattern into `out`, adding its tag
/// patterns to `units`; `None` when the pattern is not made of tag units.
/// (Recursion is bounded by `regex_syntax`'s nesting limit.)
fn render(h: &Hir, units: &mut Vec<String>, out: &mut String) -> Option<()> {
    match h.kind() {
        HirKind::Empty => out.push_str("(?:)"),
        HirKind::Look(Look::Start) => out.push('^'),
        HirKind::Look(Look::End) => out.push('$'),
        HirKind::Capture(c) => match unit(&c.sub) {
            Some(x) => {
                let x = x.to_string();
                let k = match units.iter().position(|u| *u == x) {
                    Some(k) => k,
                    None => {
                        units.push(x);
                        units.len() - 1
                    }
                };
                if k >= MAX_UNITS {
                    return None;
                }
                out.push('[');
                for bits in 0u8..1 << MAX_UNITS {
                    if bits & (1 << k) != 0 {
                        out.push_str(&format!("\\x{:02X}", BASE + bits));
                    }
                }
                out.push(']');
            }
            None => {
                out.push_str("(?:");
                render(&c.sub, units, out)?;
                out.push(')');
            }
        },
        HirKind::Repetition(r) => {
            out.push_str("(?:");
            render(&r.sub, units, out)?;
            out.push(')');
            match r.max {
                Some(max) => out.push_str(&format!("{{{},{max}}}", r.min)),
                None => out.push_str(&format!("{{{},}}", r.min)),
            }
            if !r.greedy {
                out.push('?');
            }
        }
        HirKind::Concat(hs) => {
            out.push_str("(?:");
            for h in hs {
                render(h, units, out)?;
            }
            out.push(')');
        }
        HirKind::Alternation(hs) => {
            out.push_str("(?:");
            for (i, h) in hs.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                render(h, units, out)?;
            }
            out.push(')');
        }
        _ => return None,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(rules: &[&str]) -> Option<CompactStage> {
        let rules: Vec<RegexpChunkRule> = rules
            .iter()
            .map(|r| RegexpChunkRule::fromstring(r).unwrap())
            .collect();
        CompactStage::build(&rules)
    }

    /// Which stages run on compact strings: tag units only, at most
    /// `MAX_UNITS` patterns, no nullable strip rule or split side.
    #[test]
    fn compact_stages() {
        assert!(stage(&["{<DT|PP\\$>?<JJ>*<NN>}", "{<NNP>+}"]).is_some());
        assert!(stage(&["{<.*>+}", "}<VBD|IN>+{"]).is_some());
        assert!(stage(&["{<.*>*}", "}<[\\.VI].*>+{", "<.*>}{<DT>"]).is_some());
        assert!(stage(&["{<VB.*><NP|PP|CLAUSE>+$}"]).is_some());
        assert!(stage(&["<IN>{<DT>?<NN.*>+}<.*>", "{<CD>{2,}}"]).is_some());
        assert!(stage(&["{N}"]).is_none());
        assert!(stage(&["{<[^x]+>}"]).is_none());
        assert!(stage(&["}<DT>*{"]).is_none());
        assert!(stage(&["<DT>*}{<NN>"]).is_none());
        assert!(stage(&["<DT>{}<NN>"]).is_none());
        assert!(stage(&["{\\b<NN>}"]).is_none());
        assert!(stage(&["{<A><B><C><D><E><F><G>}"]).is_none());
        let s = stage(&["{<DT|PP\\$>?<JJ>*<NN>}", "{<NNP>+}"]).unwrap();
        assert_eq!(s.byte("DT"), BASE + 1);
        assert_eq!(s.byte("PP$"), BASE + 1);
        assert_eq!(s.byte("NNP"), BASE + 8);
        assert_eq!(s.byte("VBD"), BASE);
    }
}
