//! The tagging hot loop of a [`PerceptronTagger`](super::PerceptronTagger):
//! greedy left-to-right decoding with cached per-word score rows, batched
//! previous-tag features and the fixed-value template tables.

use super::cache::{Scratch, WordCache, FRESH, NONE, NO_GUESS, OFFSETS, PARTS};
use super::*;

impl PerceptronTagger {
    pub(super) fn tag_ids_with(
        &self,
        tokens: &[&str],
        first: &[&str],
        cache: &mut WordCache,
    ) -> Vec<u16> {
        let nc = self.classes.len();
        let mut out = Vec::with_capacity(tokens.len());
        let mut scratch = std::mem::take(&mut cache.scratch);
        let Scratch {
            buf,
            hashes,
            owner,
            homes,
            statics,
            scores,
            dict,
            clusters,
            at,
            fresh,
            slots,
            first_ids,
            early,
            guess,
            spec,
            parts,
        } = &mut scratch;
        scores.resize(nc, 0);
        // looks up the rows of `hashes` (home slots first, all at once) and
        // adds each to its owner's scores in `statics`
        let add_all =
            |hashes: &[u64], owner: &[usize], homes: &mut Vec<_>, statics: &mut [Weight]| {
                homes.clear();
                homes.extend(hashes.iter().map(|&h| self.index.home(h)));
                // read the first word of each row found in its home slot,
                // in a tight loop of independent loads, so that the rows'
                // cache misses overlap before they are added
                let mut touched = 0i32;
                for (&h, &home) in hashes.iter().zip(homes.iter()) {
                    if home.0 == h {
                        touched ^= self.row_head(home.1, home.2);
                    }
                }
                std::hint::black_box(touched);
                for ((&h, &home), &j) in hashes.iter().zip(homes.iter()).zip(owner) {
                    if let Some(row) = self.index.resolve(h, home) {
                        self.add_row(row, &mut statics[j * nc..(j + 1) * nc]);
                    }
                }
            };
        let context = make_context(tokens);
        // each word's place in the cache, and the clusters (from the cache
        // when there)
        slots.clear();
        slots.extend(
            tokens
                .iter()
                .map(|w| cache.words.get(*w).copied().unwrap_or(NONE)),
        );
        clusters.clear();
        if let Some(wc) = &self.clusters {
            clusters.extend([PADDING; 2]);
            clusters.extend(tokens.iter().zip(slots.iter()).map(|(w, &s)| {
                match cache.clusters.get(s as usize) {
                    Some(&c) => c,
                    None => wc.get(w).unwrap_or(UNKNOWN),
                }
            }));
            clusters.extend([PADDING; 2]);
        }
        let ctx = Context {
            words: &context,
            clusters,
            first,
        };
        let n = tokens.len();
        // the part hashes of the sentence (see `keys`)
        let fixed = &cache.fixed;
        let use_first = first.len() == n + 4 && fixed.resolve(first, first_ids);
        parts.fill(
            tokens,
            ctx,
            |p| cache.parts.get(slots[p] as usize).copied(),
            |q| match first_ids.get(q) {
                Some(&t) if use_first => fixed.first_hashes[usize::from(t)],
                _ => part_hash(first.get(q).copied().unwrap_or("")),
            },
        );
        let tag_hashes = &cache.tag_hashes;
        let (mut prev, mut prev2): (&str, &str) = (START[0], START[1]);
        let (mut prev_id, mut prev2_id) = (nc, nc + 1);
        let tag_pairs = &cache.tag_pairs;
        // the templates added from `cache.fixed` rather than looked up
        let mut other_mask = 0;
        if !fixed.caps.is_empty() {
            other_mask |= bit(CAP);
        }
        let mut tag_mask = 0;
        if use_first {
            other_mask |= FIRST_OWN | FIRST_NEXT;
            tag_mask |= FIRST_PREV;
        }
        let nf = fixed.nf;
        let part = PARTS * nc;
        for (w0, window) in tokens.chunks(WINDOW).enumerate() {
            let w0 = w0 * WINDOW;
            dict.clear();
            // a cached word's tag-dictionary class is kept with it
            dict.extend(window.iter().zip(&slots[w0..]).map(|(w, &s)| {
                match cache.dict.get(s as usize) {
                    Some(&d) => d,
                    None => self.tagdict.get(*w).copied(),
                }
            }));
            statics.clear();
            statics.resize(window.len() * nc, 0);
            // 1a. the per-word vectors of the window's words and their
            // neighbours: from the cache, or looked up (and then cached)
            let lo = w0.saturating_sub(2);
            let hi = (w0 + window.len() + 2).min(n);
            at.clear();
            hashes.clear();
            owner.clear();
            let mut n_fresh = 0;
            for p in lo..hi {
                if slots[p] != NONE {
                    at.push(slots[p] as usize * part);
                    continue;
                }
                at.push(FRESH | (n_fresh * part));
                let owner0 = n_fresh * PARTS;
                // the word-only and neighbour features, keyed from the
                // sentence's part hashes (the group `g` of vectors)
                let group = |g: usize, len: usize| owner.resize(len, owner0 + g);
                let set = self.feature_set;
                super::keys::push_word_keys(set, p + 2, tokens[p], ctx, parts, buf, hashes, group);
                n_fresh += 1;
            }
            fresh.clear();
            fresh.resize(n_fresh * part, 0);
            add_all(hashes, owner, homes, fresh);
            for (q, p) in (lo..hi).enumerate() {
                if at[q] & FRESH != 0 && cache.words.len() < WordCache::WORDS {
                    if cache.seen.len() >= WordCache::SEEN {
                        cache.seen.clear();
                    }
                    if cache.seen.insert(crate::tag::fxhash::hash_str(tokens[p])) {
                        // seen for the first time
                        continue;
                    }
                    let f = at[q] & !FRESH;
                    let id = cache.words.len();
                    if !cache.words.contains_key(tokens[p]) {
                        if cache.scores.capacity() == 0 {
                            // the whole cache at once: growing it by
                            // doubling copied and zeroed twice its size
                            // (untouched pages cost no memory)
                            cache.scores.reserve_exact(WordCache::WORDS * part);
                        }
                        cache.words.insert(tokens[p].into(), id as u32);
                        cache.scores.extend_from_slice(&fresh[f..f + part]);
                        if let Some(&c) = clusters.get(p + 2) {
                            cache.clusters.push(c);
                        }
                        cache.dict.push(self.tagdict.get(tokens[p]).copied());
                        cache.parts.push((parts.words[p + 2], parts.suffix3[p + 2]));
                        at[q] = id * part;
                    }
                }
            }
            // read one weight of every cache line of the cached vectors
            // in a loop of independent loads, so that their cache misses
            // overlap before the vectors are added
            let mut touched = 0;
            for &a in at.iter().filter(|&&a| a & FRESH == 0) {
                for w in cache
                    .scores
                    .get(a..a + part)
                    .unwrap_or(&[])
                    .iter()
                    .step_by(16)
                {
                    touched ^= *w;
                }
            }
            std::hint::black_box(touched);
            let vectors = |q: usize| -> &[Weight] {
                let a = at[q];
                if a & FRESH != 0 {
                    &fresh[a & !FRESH..(a & !FRESH) + part]
                } else {
                    &cache.scores[a..a + part]
                }
            };
            for j in 0..window.len() {
                if dict[j].is_some() {
                    continue;
                }
                let p = w0 + j;
                let out = &mut statics[j * nc..(j + 1) * nc];
                add_into(out, &vectors(p - lo)[..nc]);
                for (k, &d) in OFFSETS.iter().enumerate() {
                    let q = p as isize + isize::from(d);
                    // a neighbour in the padding: its index among the four
                    // padding places (see `WordCache::pads`)
                    let pad = match usize::try_from(q) {
                        Err(_) => Some((q + 2) as usize),
                        Ok(q) if q >= n => Some(q - n + 2),
                        Ok(_) => None,
                    };
                    let v = match pad {
                        Some(s) => &cache.pads[(k * 4 + s) * nc..(k * 4 + s + 1) * nc],
                        None => &vectors(q as usize - lo)[(1 + k) * nc..(2 + k) * nc],
                    };
                    add_into(out, v);
                }
            }
            // 1b. the other tag-independent features
            // and the tag-dependent ones of the tokens whose previous tag is
            // known already (the first of the sentence or the window, or
            // one after a word of the tag dictionary): the previous tag is
            // all that these templates read of the tags
            hashes.clear();
            owner.clear();
            early.clear();
            let mut known = Some(prev_id);
            for (j, &word) in window.iter().enumerate() {
                early.push(false);
                if dict[j].is_none() {
                    let w = w0 + j + 2;
                    self.push_other_keys(w, word, ctx, parts, other_mask, hashes);
                    if let (Some(p), false) = (known, tag_pairs.is_empty()) {
                        let prev = (self.tag_name(p), tag_hashes[p]);
                        self.push_tag_keys(w, word, ctx, parts, tag_mask, prev, hashes);
                        early[j] = true;
                    }
                    owner.resize(hashes.len(), j);
                }
                known = dict[j].map(usize::from);
            }
            add_all(hashes, owner, homes, statics);
            for (j, &word) in window.iter().enumerate() {
                if dict[j].is_some() {
                    continue;
                }
                let out = &mut statics[j * nc..(j + 1) * nc];
                let i = w0 + j + 2;
                if other_mask & bit(CAP) != 0 {
                    let v = cap_value(word, i);
                    add_into(out, &fixed.caps[v * nc..(v + 1) * nc]);
                }
                if use_first {
                    let a = usize::from(first_ids[i]);
                    let b = usize::from(first_ids[i + 1]);
                    let c = usize::from(first_ids[i + 2]);
                    add_into(out, &fixed.own[(a * nf + b) * nc..(a * nf + b + 1) * nc]);
                    add_into(out, &fixed.next[(b * nf + c) * nc..(b * nf + c + 1) * nc]);
                }
            }
            // 1c. the tag-dependent features of the other tokens, summed
            // with a batch for a guess of the previous tag (the best class
            // of the previous token on its features known so far): the
            // left-to-right pass adds the sum when the guess is right and
            // looks the features up when it is not (integer sums: the
            // scores are the same either way)
            guess.clear();
            guess.resize(window.len(), NO_GUESS);
            spec.clear();
            if !tag_pairs.is_empty() {
                hashes.clear();
                owner.clear();
                for (j, &word) in window.iter().enumerate() {
                    if dict[j].is_some() || early[j] || j == 0 {
                        continue;
                    }
                    let g = argmax_first(&statics[(j - 1) * nc..j * nc]);
                    guess[j] = g;
                    let g = usize::from(g);
                    let prev = (self.tag_name(g), tag_hashes[g]);
                    self.push_tag_keys(w0 + j + 2, word, ctx, parts, tag_mask, prev, hashes);
                    owner.resize(hashes.len(), j);
                }
                spec.resize(window.len() * nc, 0);
                add_all(hashes, owner, homes, spec);
            }
            // 2. left to right, with the tag-dependent features
            for (j, &word) in window.iter().enumerate() {
                let id = match dict[j] {
                    Some(t) => t,
                    None => {
                        scores.copy_from_slice(&statics[j * nc..(j + 1) * nc]);
                        let tags = if tag_pairs.is_empty() {
                            Some(Templates::ReadingTags)
                        } else {
                            let at = (prev_id * (nc + 2) + prev2_id) * nc;
                            add_into(scores, &tag_pairs[at..at + nc]);
                            if use_first {
                                let b = usize::from(first_ids[w0 + j + 3]);
                                let at = (prev_id * nf + b) * nc;
                                add_into(scores, &fixed.prev[at..at + nc]);
                            }
                            None
                        };
                        let i = w0 + j + 2;
                        if usize::from(guess[j]) == prev_id {
                            add_into(scores, &spec[j * nc..(j + 1) * nc]);
                        } else if early[j] {
                        } else if let Some(tags) = tags {
                            self.add_features(tags, i, word, ctx, (prev, prev2), scores);
                        } else {
                            // Templates::TagsAndWordsExcept(tag_mask), keyed
                            // from the part hashes
                            hashes.clear();
                            let p = (prev, tag_hashes[prev_id]);
                            self.push_tag_keys(i, word, ctx, parts, tag_mask, p, hashes);
                            for &h in hashes.iter() {
                                if let Some(row) = self.index.get_hashed(h) {
                                    self.add_row(row, scores);
                                }
                            }
                        }
                        match argmax_unique(scores) {
                            Some(best) => best,
                            None => self.argmax_f64(w0 + j, word, ctx, prev, prev2, buf),
                        }
                    }
                };
                out.push(id);
                prev2 = prev;
                prev = &self.classes[id as usize];
                prev2_id = prev_id;
                prev_id = usize::from(id);
            }
        }
        cache.scratch = scratch;
        out
    }

    /// Looks up the features `which` of the token at index `i` of the
    /// padded context one by one and adds their rows to `scores`.
    pub(super) fn add_features(
        &self,
        which: Templates,
        i: usize,
        word: &str,
        ctx: Context<'_>,
        (prev, prev2): (&str, &str),
        scores: &mut [Weight],
    ) {
        let set = self.feature_set;
        for_each_feature_parts(set, which, i, word, ctx, prev, prev2, |k, p| {
            if let Some(row) = self.index.get_hashed(hash_parts(k, p)) {
                self.add_row(row, scores);
            }
        });
    }

    /// Pushes the hashes of the features `which` of the token at index `i`
    /// of the padded context to `hashes` (the caller then fills `owner` up
    /// to the same length); `which` reads no tag or only the previous one,
    /// `prev`.
    pub(super) fn push_hashes(
        &self,
        which: Templates,
        i: usize,
        word: &str,
        ctx: Context<'_>,
        prev: &str,
        hashes: &mut Vec<u64>,
    ) {
        for_each_feature_parts(
            self.feature_set,
            which,
            i,
            word,
            ctx,
            prev,
            "",
            |k, parts| hashes.push(hash_parts(k, parts)),
        );
    }

    /// The scores of the templates that read only the previous two tags,
    /// per pair (see [`WordCache::tag_pairs`]).
    pub(super) fn tag_pair_scores(&self) -> Vec<Weight> {
        let nc = self.classes.len();
        if nc > WordCache::TAG_PAIR_CLASSES {
            return Vec::new();
        }
        let name = |t: usize| -> &str {
            match t.checked_sub(nc) {
                None => &self.classes[t],
                Some(s) => START[s],
            }
        };
        let mut out = vec![0; (nc + 2) * (nc + 2) * nc];
        for (k, row) in out.chunks_mut(nc).enumerate() {
            let prevs = (name(k / (nc + 2)), name(k % (nc + 2)));
            self.add_features(Templates::TagsOnly, 2, "", Context::default(), prevs, row);
        }
        out
    }

    /// The neighbour scores of the sentence padding (see [`WordCache::pads`]).
    pub(super) fn pad_scores(&self) -> Vec<Weight> {
        let nc = self.classes.len();
        let context = make_context::<&str>(&[]);
        let mut clusters = Vec::new();
        cluster_context(self.clusters(), &[], &mut clusters);
        let mut out = vec![0; OFFSETS.len() * 4 * nc];
        for (k, &d) in OFFSETS.iter().enumerate() {
            // the padding before a sentence is a neighbour only before it,
            // and the padding after only after it
            let pads: &[usize] = if d < 0 { &[0, 1] } else { &[2, 3] };
            for &s in pads {
                let Some(i) = s.checked_add_signed(-isize::from(d)) else {
                    continue;
                };
                let row = &mut out[(k * 4 + s) * nc..(k * 4 + s + 1) * nc];
                let ctx = Context {
                    words: &context,
                    clusters: &clusters,
                    first: &[],
                };
                self.add_features(Templates::Neighbour(d), i, "", ctx, ("", ""), row);
            }
        }
        out
    }

    /// The first weight of the row `(a, b)` of the index, read only to
    /// bring the row into the cache (0 for an inline row, read already).
    #[inline]
    pub(super) fn row_head(&self, a: u32, b: u32) -> i32 {
        if b & INLINE != 0 {
            0
        } else if a & DENSE != 0 {
            let k = (a & !DENSE) as usize * self.classes.len();
            self.dense.get(k).copied().unwrap_or(0)
        } else {
            self.entries
                .get(a as usize)
                .map_or(0, |&e| Entry::from_raw(e).class() as i32)
        }
    }

    /// Adds the row found by the index to `scores`.
    #[inline]
    pub(super) fn add_row(&self, (a, b): (usize, usize), scores: &mut [Weight]) {
        let n = scores.len();
        if a as u32 & DENSE != 0 {
            let k = (a as u32 & !DENSE) as usize * n;
            if let Some(row) = self.dense.get(k..k + n) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += *w;
                }
            }
        } else if b as u32 & INLINE != 0 {
            // one or two entries kept in the index slot
            let second = b as u32 & !INLINE;
            for (raw, on) in [(a as u32, true), (second, second != NO_ENTRY)] {
                let e = Entry::from_raw(raw);
                if let (true, Some(s), Some(w)) =
                    (on, scores.get_mut(e.class()), self.values.get(e.value()))
                {
                    *s += *w;
                }
            }
        } else {
            for &e in self.entries.get(a..b).unwrap_or(&[]) {
                let e = Entry::from_raw(e);
                if let (Some(s), Some(w)) = (scores.get_mut(e.class()), self.values.get(e.value()))
                {
                    *s += *w;
                }
            }
        }
    }

    /// NLTK's scoring, for a token whose integer scores tie at the top:
    /// the rows summed in `f64` in feature order, then NLTK's tie-break.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn argmax_f64(
        &self,
        i: usize,
        word: &str,
        ctx: Context<'_>,
        prev: &str,
        prev2: &str,
        buf: &mut String,
    ) -> u16 {
        let mut scores = vec![0f64; self.classes.len()];
        let set = self.feature_set;
        for_each_feature(set, i, word, ctx, prev, prev2, buf, |f| {
            if let Some(r) = self.features.get(f) {
                let r = r as usize;
                if let (Some(&a), Some(&b)) = (self.row_start.get(r), self.row_start.get(r + 1)) {
                    for (c, w) in self.row(a as usize, b as usize) {
                        scores[usize::from(c)] += w;
                    }
                }
            }
        });
        argmax(&scores)
    }
}

/// The clusters of `tokens`, padded like the context, in `out` (empty
/// without clusters).
pub(super) fn cluster_context(
    clusters: Option<&WordClusters>,
    tokens: &[&str],
    out: &mut Vec<ClusterIds>,
) {
    match clusters {
        Some(c) => c.context(tokens, out),
        None => out.clear(),
    }
}

/// `out += v`, element by element.
#[inline]
pub(super) fn add_into(out: &mut [Weight], v: &[Weight]) {
    for (o, x) in out.iter_mut().zip(v) {
        *o += *x;
    }
}

/// The class with the highest integer score, or `None` when two or more
/// share it (the caller then breaks the tie as NLTK would).
pub(super) fn argmax_unique(scores: &[Weight]) -> Option<u16> {
    let mut best = 0usize;
    let mut best_score = Weight::MIN;
    let mut tied = false;
    for (i, &s) in scores.iter().enumerate() {
        if s > best_score {
            best = i;
            best_score = s;
            tied = false;
        } else if s == best_score {
            tied = true;
        }
    }
    (!tied).then_some(best as u16)
}

/// The first class with the highest integer score (0 for no classes).
fn argmax_first(scores: &[Weight]) -> u16 {
    let mut best = 0usize;
    let mut best_score = Weight::MIN;
    for (i, &s) in scores.iter().enumerate() {
        if s > best_score {
            best = i;
            best_score = s;
        }
    }
    best as u16
}

/// NLTK's `max(classes, key=lambda c: (scores[c], c))` with classes sorted
/// by name: the last of the highest scores.
pub(super) fn argmax(scores: &[f64]) -> u16 {
    let mut best = 0usize;
    let mut best_score = f64::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if s >= best_score {
            best = i;
            best_score = s;
        }
    }
    best as u16
}
