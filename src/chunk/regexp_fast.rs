//! A fast path for the chunk, strip and chunk-with-context rules of
//! [`super::RegexpParser`], with the `regex` crate instead of the
//! backtracking engine.
//!
//! NLTK appends a look-ahead to these rules: a chunk rule's match must end
//! outside every chunk, a strip rule's inside one. When the rule's own
//! pattern can never match a brace and has no anchors or look-arounds, each
//! of its matches lies inside one region of the chunk string (the text
//! between two braces), so the look-ahead only says which regions may hold
//! a match: the unchunked ones for chunk rules, the chunks for strip rules.
//! Every candidate end of a match from one start lies in the start's
//! region, so the backtracking engine's first acceptable candidate is the
//! plain pattern's leftmost-first match, which the `regex` crate finds
//! (its leftmost-first semantics are those of backtracking engines for
//! patterns without look-arounds or back-references). The substitution
//! then runs region by region with the same empty-match rules as the
//! general path. Rules that fall outside these conditions (split and merge
//! rules, `$`, `\b`, classes that can match a brace, back-references) keep
//! the general path. Hand-written because this is the chunker's hot loop:
//! it is where NLTK's regexes spend their time.

use regex_syntax::hir::{Class, Hir, HirKind};

use super::regexp::{sub_loop, Found, RuleKind};
use crate::Result;

/// A rule compiled for the fast path.
#[derive(Debug, Clone)]
pub(super) struct FastRule {
    re: regex::Regex,
    /// true: matches live in chunks (strip rules); false: outside them.
    inside: bool,
    /// capture indices of `left`, `chunk`, `right` (context rules)
    groups: Option<[usize; 3]>,
}

/// True when `hir` can match `{` or `}`, or has an anchor or look-around.
fn unsafe_hir(hir: &Hir) -> bool {
    let brace = |c: u32| c == u32::from(b'{') || c == u32::from(b'}');
    match hir.kind() {
        HirKind::Empty => false,
        HirKind::Literal(l) => l.0.iter().any(|&b| brace(u32::from(b))),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .any(|r| (u32::from(r.start())..=u32::from(r.end())).any(brace)),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .any(|r| (u32::from(r.start())..=u32::from(r.end())).any(brace)),
        HirKind::Look(_) => true,
        HirKind::Repetition(r) => unsafe_hir(&r.sub),
        HirKind::Capture(c) => unsafe_hir(&c.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(unsafe_hir),
    }
}

impl FastRule {
    /// The fast form of a rule whose parts are `parts` (the rule's regexes,
    /// already in the `regex` dialect), or `None` when it needs the
    /// general path.
    pub(super) fn build(kind: RuleKind, parts: &[String]) -> Option<FastRule> {
        let (pattern, inside, context): (String, bool, bool) = match (kind, parts) {
            (RuleKind::Chunk, [c]) => (c.clone(), false, false),
            (RuleKind::Strip, [s]) => (s.clone(), true, false),
            (RuleKind::ChunkWithContext, [l, c, r]) => (
                format!("(?P<left>{l})(?P<chunk>{c})(?P<right>{r})"),
                false,
                true,
            ),
            _ => return None,
        };
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(&pattern)
            .ok()?;
        if unsafe_hir(&hir) {
            return None;
        }
        let re = regex::RegexBuilder::new(&pattern).build().ok()?;
        let groups = if context {
            let idx = |name: &str| re.capture_names().position(|n| n == Some(name));
            Some([idx("left")?, idx("chunk")?, idx("right")?])
        } else {
            None
        };
        Some(FastRule { re, inside, groups })
    }

    /// `re.sub` of the rule over `text`, region by region, into `out`.
    pub(super) fn apply(&self, text: &str, kind: RuleKind, out: &mut String) -> Result<()> {
        let mut i = 0;
        loop {
            // an unchunked region: text[i..open]
            let open = text[i..].find('{').map_or(text.len(), |k| i + k);
            if self.inside {
                out.push_str(&text[i..open]);
            } else {
                self.sub_region(&text[i..open], kind, out)?;
            }
            if open == text.len() {
                return Ok(());
            }
            // a chunk: text[open] == '{', its content up to the next '}'
            let close = text[open..].find('}').map_or(text.len(), |k| open + k);
            out.push('{');
            if self.inside {
                self.sub_region(&text[open + 1..close], kind, out)?;
            } else {
                out.push_str(&text[open + 1..close]);
            }
            if close == text.len() {
                return Ok(());
            }
            out.push('}');
            i = close + 1;
        }
    }

    fn sub_region(&self, seg: &str, kind: RuleKind, out: &mut String) -> Result<()> {
        if let Some([l, c, r]) = self.groups {
            let mut locs = self.re.capture_locations();
            sub_loop(seg, kind, out, |pos| {
                let Some(m) = self.re.captures_read_at(&mut locs, seg, pos) else {
                    return Ok(None);
                };
                let g = |k: usize| locs.get(k).map_or(0..0, |(a, b)| a..b);
                Ok(Some(Found {
                    whole: m.range(),
                    left: g(l),
                    chunk: g(c),
                    right: g(r),
                }))
            })
        } else {
            sub_loop(seg, kind, out, |pos| {
                Ok(self.re.find_at(seg, pos).map(|m| Found {
                    whole: m.range(),
                    left: 0..0,
                    chunk: m.range(),
                    right: 0..0,
                }))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::RegexpChunkRule;

    /// Random chunk strings: tags from a small set, some runs already in
    /// chunks.
    fn chunkstrings(n: usize) -> Vec<String> {
        const TAGS: [&str; 9] = ["DT", "NN", "NNS", "JJ", "VBD", "IN", "PP$", ".", "NP"];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        (0..n)
            .map(|_| {
                let len = next(12) as usize;
                let mut s = String::new();
                let mut open = false;
                for _ in 0..len {
                    if !open && next(4) == 0 {
                        s.push('{');
                        open = true;
                    }
                    s.push('<');
                    s.push_str(TAGS[next(TAGS.len() as u64) as usize]);
                    s.push('>');
                    if open && next(3) == 0 {
                        s.push('}');
                        open = false;
                    }
                }
                if open {
                    s.push('}');
                }
                s
            })
            .collect()
    }

    /// The fast path gives the general path's string for every rule it
    /// takes, on thousands of random chunk strings; rules it must not take
    /// (anchors, brace-matching classes, split and merge) keep the general
    /// path.
    #[test]
    fn fast_path_equals_the_backtracking_path() {
        let fast_rules = [
            "{<DT|PP\\$>?<JJ>*<NN>}",
            "{<NNP>+}",
            "{<.*>+}",
            "{<.*>*}",
            "{<DT>*}",
            "{<.*>*?}",
            "{<NN.*>+?<JJ>?}",
            "{<DT|JJ|NN.*>+}",
            "}<VBD|IN>+{",
            "}<[\\.VI].*>+{",
            "}<JJ>*{",
            "<DT>{<JJ>*<NN.*>}<VBD>",
            "<.*>{<NN>}",
            "{(<DT><NN>)|(<DT>)}",
            "{<DT>{1,2}<NN>{,2}}",
        ];
        let slow_rules = [
            "{<NN>+$}",
            "<.*>}{<DT>",
            "<NN>{}<NN>",
            "{<[^x]+>}",
            "{\\b<NN>}",
        ];
        let strings = chunkstrings(3000);
        for src in fast_rules {
            let rule = RegexpChunkRule::fromstring(src).unwrap();
            assert!(rule.is_fast(), "{src} should take the fast path");
            let slow = rule.clone().without_fast();
            for s in &strings {
                assert_eq!(
                    rule.apply(s).unwrap(),
                    slow.apply(s).unwrap(),
                    "{src} on {s}"
                );
            }
        }
        for src in slow_rules {
            assert!(
                !RegexpChunkRule::fromstring(src).unwrap().is_fast(),
                "{src}"
            );
        }
    }
}
