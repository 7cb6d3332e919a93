//! A fast path for the chunk, strip and chunk-with-context rules of
//! [`super::RegexpParser`], with the `regex` crate instead of the
//! backtracking engine, and a prefilter for the other rules.
//!
//! NLTK appends a look-ahead to these rules: a chunk rule's match must end
//! outside every chunk, a strip rule's inside one. When the rule's own
//! pattern can never match a brace and has no look-arounds other than `^`
//! and `$`, each of its matches lies inside one region of the chunk string
//! (the text between two braces), and whether the look-ahead holds depends
//! only on that region (the next brace after the match's start is `{` or
//! none for chunk rules, `}` for strip rules). Every candidate end of a
//! match from one start lies in the start's region, so the backtracking
//! engine's first acceptable candidate is the plain pattern's
//! leftmost-first match, which the `regex` crate finds (its leftmost-first
//! semantics are those of backtracking engines for patterns without
//! look-arounds or back-references; `^` and `$` see the whole chunk string
//! in both). A match whose start the look-ahead refuses sends the search on
//! past that region. The substitution is the general path's `re.sub` loop.
//! Split rules `(?P<left>L)(?=R)` under the same conditions take the
//! `left` group of the leftmost-first match of `(L)(?:R)`: the backtracking
//! engine takes the first `L` candidate, in its order, that `R` can follow,
//! which is the first pair of candidates in that order.
//! Rules that fall outside these conditions (merge rules, `\b`,
//! classes that can match a brace, back-references) keep the backtracking
//! engine, but a plain regex (the pattern with its look-ahead made a plain
//! group) tells it where the next match starts, so it runs once per match
//! instead of once per position. Hand-written because this is the
//! chunker's hot loop: it is where NLTK's regexes spend their time.
//! On compact strings (`compact.rs`), rules without groups search with
//! `regex-automata`'s lazy DFAs directly (a search cache per thread, taken
//! once per substitution): no DFA is built up front, which a one-stage
//! grammar's start-up would pay for, and a search has none of the `regex`
//! crate's per-search set-up.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

use super::regexp::{sub_loop, Found, RuleKind};
use crate::Result;

/// A rule compiled for the fast path.
#[derive(Debug, Clone)]
pub(super) struct FastRule {
    engine: Engine,
    /// Where a match may start: in chunks (strip rules), outside them
    /// (chunk rules), anywhere (split rules).
    place: Place,
    /// capture indices of `left`, `chunk`, `right` (context rules)
    groups: Option<[usize; 3]>,
}

/// The automaton a [`FastRule`] searches with.
#[derive(Debug, Clone)]
enum Engine {
    /// The `regex` crate (rules with groups, and full chunk strings).
    Meta(regex::Regex),
    /// Rules without groups on compact strings: the pattern's lazy DFAs,
    /// searched without the `regex` crate's per-search set-up, and built
    /// without its eager work (a start-up cost for one-stage grammars).
    Lazy(LazyDfa),
}

/// The creator of a [`LazyDfa`]'s search caches.
type MakeCache = Box<
    dyn Fn() -> regex_automata::hybrid::regex::Cache
        + Send
        + Sync
        + std::panic::UnwindSafe
        + std::panic::RefUnwindSafe,
>;

/// A lazy (hybrid) DFA regex and a pool of its caches, one per thread that
/// searches with it (as the `regex` crate keeps them).
struct LazyDfa {
    re: std::sync::Arc<regex_automata::hybrid::regex::Regex>,
    caches: regex_automata::util::pool::Pool<regex_automata::hybrid::regex::Cache, MakeCache>,
    /// the pattern, for an error message
    pattern: String,
}

impl LazyDfa {
    fn new(re: std::sync::Arc<regex_automata::hybrid::regex::Regex>, pattern: String) -> LazyDfa {
        let for_pool = std::sync::Arc::clone(&re);
        let make: MakeCache = Box::new(move || for_pool.create_cache());
        LazyDfa {
            re,
            caches: regex_automata::util::pool::Pool::new(make),
            pattern,
        }
    }

    /// The leftmost-first match at or after `pos`, searched with `cache`
    /// (one of [`LazyDfa::caches`]).
    fn find_at(
        &self,
        cache: &mut regex_automata::hybrid::regex::Cache,
        text: &str,
        pos: usize,
    ) -> Result<Option<std::ops::Range<usize>>> {
        let input = regex_automata::Input::new(text).range(pos..);
        // (no quit bytes and no give-up limit: a search does not fail)
        match self.re.try_search(cache, &input) {
            Ok(m) => Ok(m.map(|m| m.range())),
            Err(e) => Err(crate::Error::Regex {
                pattern: self.pattern.clone(),
                message: e.to_string(),
            }),
        }
    }
}

impl Clone for LazyDfa {
    fn clone(&self) -> LazyDfa {
        LazyDfa::new(std::sync::Arc::clone(&self.re), self.pattern.clone())
    }
}

impl std::fmt::Debug for LazyDfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyDfa")
            .field("pattern", &self.pattern)
            .finish_non_exhaustive()
    }
}

/// Which regions of the chunk string a rule's matches may lie in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Inside,
    Outside,
    /// Split rules: anywhere; the match reported is the `left` group only.
    Anywhere,
}

/// True when `hir` can match `{` or `}`, or has a look-around other than
/// the start and end of the text (`^`, `$`, `\A`, `\z`).
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
        HirKind::Look(Look::Start | Look::End) => false,
        HirKind::Look(_) => true,
        HirKind::Repetition(r) => unsafe_hir(&r.sub),
        HirKind::Capture(c) => unsafe_hir(&c.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(unsafe_hir),
    }
}

/// The position of the first brace at or after `pos`, and whether it is `{`.
fn next_brace(text: &str, pos: usize) -> Option<(usize, bool)> {
    let rest = text.as_bytes().get(pos..)?;
    // (compact strings are short: a plain loop beats memchr's set-up there)
    let k = if rest.len() < 64 {
        rest.iter().position(|&c| c == b'{' || c == b'}')
    } else {
        memchr::memchr2(b'{', b'}', rest)
    }?;
    Some((pos + k, rest.get(k) == Some(&b'{')))
}

impl FastRule {
    /// The fast form of a rule whose parts are `parts` (the rule's regexes,
    /// already in the `regex` dialect), or `None` when it needs the
    /// general path.
    ///
    /// `compact`: a rule without groups on compact strings searches with
    /// lazy DFAs (cheap for compact strings' byte classes, not for Unicode
    /// classes).
    pub(super) fn build(kind: RuleKind, parts: &[String], compact: bool) -> Option<FastRule> {
        // A split rule `(?P<left>L)(?=R)` takes, from a start, the first
        // `L` match (in the backtracking order) that `R` can follow: the
        // `left` group of the leftmost-first match of `(L)(?:R)`. Its
        // match, for `re.sub`, is that group alone.
        let (pattern, place, context): (String, Place, bool) = match (kind, parts) {
            (RuleKind::Chunk, [c]) => (c.clone(), Place::Outside, false),
            (RuleKind::Strip, [s]) => (s.clone(), Place::Inside, false),
            (RuleKind::ChunkWithContext, [l, c, r]) => (
                format!("(?P<left>{l})(?P<chunk>{c})(?P<right>{r})"),
                Place::Outside,
                true,
            ),
            (RuleKind::Split, [l, r]) => (
                format!("(?P<left>{l})(?:{r})(?P<chunk>)(?P<right>)"),
                Place::Anywhere,
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
        if compact && !context {
            let re = regex_automata::hybrid::regex::Regex::new(&pattern).ok()?;
            return Some(FastRule {
                engine: Engine::Lazy(LazyDfa::new(std::sync::Arc::new(re), pattern)),
                place,
                groups: None,
            });
        }
        let re = regex::RegexBuilder::new(&pattern).build().ok()?;
        let groups = if context {
            let idx = |name: &str| re.capture_names().position(|n| n == Some(name));
            Some([idx("left")?, idx("chunk")?, idx("right")?])
        } else {
            None
        };
        Some(FastRule {
            engine: Engine::Meta(re),
            place,
            groups,
        })
    }

    /// True when a match starting at `start` satisfies NLTK's look-ahead:
    /// it ends outside every chunk (chunk rules) or inside one (strip
    /// rules). A match holds no brace, so its end sees the same next brace
    /// as its start.
    fn allowed(&self, text: &str, start: usize) -> bool {
        let inside = match self.place {
            Place::Anywhere => return true,
            Place::Inside => true,
            Place::Outside => false,
        };
        match next_brace(text, start) {
            Some((_, open)) => open != inside,
            None => !inside,
        }
    }

    /// The first match at or after `pos` whose start the look-ahead
    /// allows: the `regex` crate's leftmost-first match when allowed, else
    /// the search goes on after the region (chunk or gap) it fell in, where
    /// no start is allowed either.
    ///
    /// `locs`: capture slots (rules with groups); `cache`: the search cache
    /// of a [`LazyDfa`] rule.
    fn find(
        &self,
        text: &str,
        mut pos: usize,
        mut locs: Option<&mut regex::CaptureLocations>,
        mut cache: Option<&mut regex_automata::hybrid::regex::Cache>,
    ) -> Result<Option<Found>> {
        loop {
            if pos > text.len() {
                return Ok(None);
            }
            let found = match (locs.as_deref_mut(), &self.engine) {
                (Some(locs), Engine::Meta(re)) => {
                    re.captures_read_at(locs, text, pos).map(|m| m.range())
                }
                (_, Engine::Lazy(d)) => match cache.as_deref_mut() {
                    Some(c) => d.find_at(c, text, pos)?,
                    None => d.find_at(&mut d.caches.get(), text, pos)?,
                },
                (None, Engine::Meta(re)) => re.find_at(text, pos).map(|m| m.range()),
            };
            let Some(whole) = found else {
                return Ok(None);
            };
            if self.allowed(text, whole.start) {
                let (Some([l, c, r]), Some(locs)) = (self.groups, locs) else {
                    return Ok(Some(Found {
                        chunk: whole.clone(),
                        whole,
                        left: 0..0,
                        right: 0..0,
                    }));
                };
                let g = |k: usize| locs.get(k).map_or(0..0, |(a, b)| a..b);
                if self.place == Place::Anywhere {
                    let left = g(l);
                    return Ok(Some(Found {
                        whole: left.clone(),
                        left,
                        chunk: 0..0,
                        right: 0..0,
                    }));
                }
                return Ok(Some(Found {
                    whole,
                    left: g(l),
                    chunk: g(c),
                    right: g(r),
                }));
            }
            let Some((brace, _)) = next_brace(text, whole.start) else {
                return Ok(None);
            };
            pos = brace + 1;
            if pos > text.len() {
                return Ok(None);
            }
        }
    }

    /// `re.sub` of the rule over `text` into `out`, as the general path.
    pub(super) fn apply(&self, text: &str, kind: RuleKind, out: &mut String) -> Result<()> {
        match &self.engine {
            Engine::Lazy(d) => {
                // one cache for the whole substitution
                let mut cache = d.caches.get();
                sub_loop(text, kind, out, |pos| {
                    self.find(text, pos, None, Some(&mut *cache))
                })
            }
            Engine::Meta(re) => {
                // capture slots only for context rules
                let mut locs = self.groups.map(|_| re.capture_locations());
                sub_loop(text, kind, out, |pos| {
                    self.find(text, pos, locs.as_mut(), None)
                })
            }
        }
    }
}

/// For a rule that needs the backtracking engine, a plain regex whose
/// matches start exactly where the rule's regex has a match: the rule's
/// pattern with its trailing look-ahead `(?=B)` replaced by `(?:B)` (a
/// match of `A(?=B)` exists at a start exactly when one of `AB` does). The
/// `regex` crate's automaton finds the next such start, and the
/// backtracking engine runs from there only, instead of at every position.
/// `None` when the pattern uses syntax the `regex` crate lacks.
pub(super) fn prefilter(kind: RuleKind, parts: &[String]) -> Option<regex::Regex> {
    let pattern = match (kind, parts) {
        (RuleKind::Chunk, [c]) => format!(r"(?:{c})[^\}}]*(?:\{{|$)"),
        (RuleKind::Strip, [s]) => format!(r"(?:{s})[^\{{]*\}}"),
        (RuleKind::Split, [l, r]) => format!("(?:{l})(?:{r})"),
        (RuleKind::Merge, [l, r]) => format!(r"(?:{l})\}}\{{(?:{r})"),
        (RuleKind::ChunkWithContext, [l, c, r]) => {
            format!(r"(?:{l})(?:{c})(?:{r})[^\}}]*(?:\{{|$)")
        }
        _ => return None,
    };
    regex::RegexBuilder::new(&pattern).build().ok()
}

#[cfg(test)]
mod tests {
    use super::super::RegexpChunkRule;

    /// Random chunk strings: tags from a small set, some runs already in
    /// chunks.
    fn chunkstrings(n: usize) -> Vec<String> {
        const TAGS: [&str; 9] = ["DT", "NN", "NNS", "JJ", "VBD", "IN", "PP$", ".", "NP"];
        let mut next = crate::util::testrng::xorshift(0x9e37_79b9_7f4a_7c15);
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
    /// (`\\b`, brace-matching classes, split and merge) keep the general
    /// path, and its prefilter changes nothing there either.
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
            "{<NN>+$}",
            "{<VB.*><NP|PP|CLAUSE>+$}",
            "{^<DT>}",
            "}<NN>$<.*>*{",
            "<.*>}{<DT>",
            "<NN>}{<NNS>",
            "<DT>*}{<NN>",
            "<.*>*?}{<DT>",
            "<DT>}{<NN>*",
            "<JJ|DT>+}{<NN.*>+$",
        ];
        let slow_rules = [
            "<[^x]+>}{<DT>",
            "<NN>{}<NN>",
            "{<[^x]+>}",
            "{\\b<NN>}",
            "<DT|JJ>{}<NN.*>",
            "<NN>}{\\b<NNS>",
            "}<NN>\\b{",
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
            let rule = RegexpChunkRule::fromstring(src).unwrap();
            assert!(!rule.is_fast(), "{src}");
            // the prefilter only skips to where the backtracking engine matches
            assert!(rule.has_prefilter(), "{src}");
            let slow = rule.clone().without_fast();
            for s in &strings {
                assert_eq!(
                    rule.apply(s).unwrap(),
                    slow.apply(s).unwrap(),
                    "{src} on {s}"
                );
            }
        }
    }
}
