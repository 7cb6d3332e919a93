//! Reading parse trees off a finished feature chart (NLTK's
//! `Chart._trees`).

use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::chart::Chart;
use super::edge::Kind;
use super::{MAX_PARSE_TREES, MAX_TREE_DEPTH};
use crate::tree::{Child, Tree};
use crate::{Error, Result};

pub(super) enum Sub {
    Leaf(String),
    Trees(Rc<Vec<Tree>>),
}

/// NLTK's `Chart._trees(edge, complete=True)`.
pub(super) fn trees(
    chart: &Chart,
    edge: usize,
    memo: &mut FxHashMap<usize, Rc<Vec<Tree>>>,
    budget: &mut usize,
    depth: usize,
) -> Result<Rc<Vec<Tree>>> {
    if let Some(t) = memo.get(&edge) {
        return Ok(t.clone());
    }
    if depth > MAX_TREE_DEPTH {
        return Err(Error::InvalidInput(format!(
            "parse tree deeper than {MAX_TREE_DEPTH} levels"
        )));
    }
    let e = &chart.edges[edge];
    let Kind::Tree { prod, .. } = &e.kind else {
        return Ok(Rc::new(Vec::new()));
    };
    let lhs = &prod.lhs;
    if !e.is_complete() {
        return Ok(Rc::new(Vec::new()));
    }
    memo.insert(edge, Rc::new(Vec::new()));
    let label = lhs.repr();
    let mut out = Vec::new();
    for cpl in &chart.cpls[edge].lists {
        let mut choices = Vec::with_capacity(cpl.len());
        for &c in cpl {
            choices.push(match &chart.edges[c].kind {
                Kind::Leaf(_) => Sub::Leaf(chart.tokens[chart.edges[c].start].clone()),
                Kind::Tree { .. } => Sub::Trees(trees(chart, c, memo, budget, depth + 1)?),
            });
        }
        // itertools.product, last position varying fastest.
        let sizes: Vec<usize> = choices
            .iter()
            .map(|c| match c {
                Sub::Leaf(_) => 1,
                Sub::Trees(t) => t.len(),
            })
            .collect();
        if sizes.contains(&0) {
            continue;
        }
        let mut idx = vec![0usize; choices.len()];
        loop {
            if *budget == 0 {
                return Err(Error::InvalidInput(format!(
                    "more than {MAX_PARSE_TREES} parse-tree nodes (NLTK's MAX_PARSE_TREES)"
                )));
            }
            *budget -= 1;
            let children = choices
                .iter()
                .zip(&idx)
                .map(|(c, &i)| match c {
                    Sub::Leaf(w) => Child::Leaf(w.clone()),
                    Sub::Trees(t) => Child::Tree(t[i].clone()),
                })
                .collect();
            out.push(Tree::new(label.clone(), children));
            let mut k = idx.len();
            loop {
                if k == 0 {
                    break;
                }
                k -= 1;
                idx[k] += 1;
                if idx[k] < sizes[k] {
                    break;
                }
                idx[k] = 0;
                if k == 0 {
                    k = usize::MAX;
                    break;
                }
            }
            if k == usize::MAX || idx.is_empty() {
                break;
            }
        }
    }
    let out = Rc::new(out);
    memo.insert(edge, out.clone());
    Ok(out)
}
