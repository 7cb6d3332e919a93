//! Decoding per-token label scores under the IOB2 (BIO) constraints of
//! chunk and entity label sets: `I-X` only after `B-X` or `I-X`, never
//! first. A softmax layer scores each token alone, so its per-token
//! argmax can open a chunk with `I-X`, which conlleval then counts as an
//! extra chunk; the best *valid* sequence (Viterbi over the tokens'
//! scores with the forbidden transitions removed) avoids that.
//! The CRF layer of [`super::labeller`] learns its transitions instead.

/// The allowed transitions of an IOB2 label set.
#[derive(Debug, Clone)]
pub(crate) struct IobConstraints {
    n: usize,
    /// `allowed[prev * n + cur]`.
    allowed: Vec<bool>,
    /// Labels a sentence may start with.
    start: Vec<bool>,
}

/// `Some("X")` for `I-X`.
fn inside(label: &str) -> Option<&str> {
    label.strip_prefix("I-").filter(|t| !t.is_empty())
}

impl IobConstraints {
    /// The constraints of `labels` when every label is `O`, `B-X` or `I-X`
    /// and at least one is `I-X` (otherwise nothing constrains them).
    pub(crate) fn for_labels(labels: &[String]) -> Option<Self> {
        let shaped = |l: &String| {
            l == "O" || l.strip_prefix("B-").is_some_and(|t| !t.is_empty()) || inside(l).is_some()
        };
        if labels.is_empty()
            || !labels.iter().all(shaped)
            || !labels.iter().any(|l| inside(l).is_some())
        {
            return None;
        }
        let n = labels.len();
        let mut allowed = vec![true; n * n];
        let mut start = vec![true; n];
        for (c, cur) in labels.iter().enumerate() {
            let Some(t) = inside(cur) else { continue };
            start[c] = false;
            for (p, prev) in labels.iter().enumerate() {
                let ok = prev.strip_prefix("B-") == Some(t) || inside(prev) == Some(t);
                allowed[p * n + c] = ok;
            }
        }
        Some(IobConstraints { n, allowed, start })
    }

    /// The best valid label sequence for `rows` (one row of `n` scores per
    /// token). Logits serve as well as log-probabilities: normalising a row
    /// subtracts the same amount from every label of that token, so it
    /// changes no path's rank. Ties go to the lower label index.
    pub(crate) fn decode(&self, rows: &[Vec<f32>]) -> Vec<u32> {
        let n = self.n;
        if rows.is_empty() || rows.iter().any(|r| r.len() != n) {
            return rows.iter().map(|r| argmax(r)).collect();
        }
        let mut score: Vec<f32> = (0..n)
            .map(|c| {
                if self.start[c] {
                    rows[0][c]
                } else {
                    f32::NEG_INFINITY
                }
            })
            .collect();
        let mut back: Vec<Vec<u32>> = Vec::with_capacity(rows.len());
        for row in &rows[1..] {
            let mut next = vec![f32::NEG_INFINITY; n];
            let mut from = vec![0u32; n];
            for (c, slot) in next.iter_mut().enumerate() {
                for (p, &s) in score.iter().enumerate() {
                    if self.allowed[p * n + c] && s > *slot {
                        *slot = s;
                        from[c] = p as u32;
                    }
                }
                *slot += row[c];
            }
            back.push(from);
            score = next;
        }
        let mut best = argmax(&score);
        let mut path = vec![best; rows.len()];
        for (i, from) in back.iter().enumerate().rev() {
            best = from[best as usize];
            path[i] = best;
        }
        path
    }
}

/// The first index of the largest score (0 for an empty row).
fn argmax(r: &[f32]) -> u32 {
    let mut best = 0;
    for (i, &x) in r.iter().enumerate() {
        if x > r[best] {
            best = i;
        }
    }
    best as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn only_iob_label_sets_are_constrained() {
        assert!(IobConstraints::for_labels(&labels(&["NOUN", "VERB"])).is_none());
        assert!(IobConstraints::for_labels(&labels(&["O", "B-NP"])).is_none());
        assert!(IobConstraints::for_labels(&labels(&["-LRB-", "I-NP"])).is_none());
        assert!(IobConstraints::for_labels(&labels(&[])).is_none());
        assert!(IobConstraints::for_labels(&labels(&["O", "B-NP", "I-NP"])).is_some());
    }

    #[test]
    fn an_opening_inside_tag_is_repaired() {
        let c =
            IobConstraints::for_labels(&labels(&["O", "B-NP", "I-NP", "B-VP", "I-VP"])).unwrap();
        // argmax: I-NP I-NP O — invalid start
        let rows = vec![
            vec![0.0, 1.0, 2.0, 0.0, 0.0],
            vec![0.0, 0.0, 3.0, 0.0, 0.0],
            vec![3.0, 0.0, 0.0, 0.0, 0.0],
        ];
        assert_eq!(c.decode(&rows), vec![1, 2, 0]);
        // I-VP after B-NP is not allowed either: B-NP then B-VP or I-NP
        let rows = vec![vec![0.0, 5.0, 0.0, 0.0, 0.0], vec![0.0, 0.0, 1.0, 1.5, 2.0]];
        assert_eq!(c.decode(&rows), vec![1, 3]);
    }

    #[test]
    fn a_valid_argmax_path_is_kept() {
        let c = IobConstraints::for_labels(&labels(&["B-PER", "I-PER", "O"])).unwrap();
        let rows = vec![
            vec![2.0, 0.0, 1.0],
            vec![0.0, 2.0, 1.0],
            vec![0.0, 0.0, 2.0],
            vec![2.0, 0.0, 0.0],
        ];
        let want: Vec<u32> = rows.iter().map(|r| argmax(r)).collect();
        assert_eq!(c.decode(&rows), want);
        assert!(c.decode(&[]).is_empty());
    }
}
