//! NLTK's `ConfusionMatrix.pretty_format` text, character for character.

use super::ConfusionMatrix;

/// Options of [`ConfusionMatrix::nltk_pretty_format`] (NLTK's keyword
/// arguments of `pretty_format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrettyFormatOptions {
    /// Cells as percentages of all pairs (`%5.1f%%`).
    pub show_percents: bool,
    /// Numbers instead of labels in the header, with a value key below.
    pub numbers_in_chart: bool,
    /// Show only the first this many labels (NLTK's `truncate`; 0 = all).
    pub truncate: usize,
    /// Labels by descending reference count (stable), not alphabetically.
    pub sort_by_count: bool,
}

impl ConfusionMatrix {
    fn row_total(&self, label: &str) -> u64 {
        self.counts
            .iter()
            .filter(|((r, _), _)| r == label)
            .map(|(_, &c)| c)
            .sum()
    }

    /// The matrix exactly as NLTK's `ConfusionMatrix.pretty_format` prints
    /// it (labels sorted as Python sorts strings; the diagonal in `<…>`).
    ///
    /// # Example
    /// ```
    /// use nlkit::metrics::{ConfusionMatrix, PrettyFormatOptions};
    /// let r = "DET NN VB DET JJ NN NN IN DET NN".split(' ').collect::<Vec<_>>();
    /// let t = "DET VB VB DET NN NN NN IN DET NN".split(' ').collect::<Vec<_>>();
    /// let cm = ConfusionMatrix::new(&r, &t).unwrap();
    /// let s = cm.nltk_pretty_format(PrettyFormatOptions::default());
    /// assert!(s.starts_with("    | D         |\n    | E I J N V |\n"));
    /// assert!(s.contains(" NN | . . .<3>1 |\n"));
    /// ```
    pub fn nltk_pretty_format(&self, o: PrettyFormatOptions) -> String {
        let mut values: Vec<&str> = self.labels().collect();
        if o.sort_by_count {
            let totals: Vec<u64> = values.iter().map(|v| self.row_total(v)).collect();
            let mut idx: Vec<usize> = (0..values.len()).collect();
            idx.sort_by_key(|&i| std::cmp::Reverse(totals[i]));
            values = idx.iter().map(|&i| values[i]).collect();
        }
        if o.truncate > 0 {
            values.truncate(o.truncate);
        }
        let value_strings: Vec<String> = if o.numbers_in_chart {
            (1..=values.len()).map(|n| n.to_string()).collect()
        } else {
            values.iter().map(|v| v.to_string()).collect()
        };
        let vchars: Vec<Vec<char>> = value_strings.iter().map(|v| v.chars().collect()).collect();
        let valuelen = vchars.iter().map(Vec::len).max().unwrap_or(0);
        let max_conf = self.counts.values().copied().max().unwrap_or(0);
        let (entrylen, zerostr) = if o.show_percents {
            (6, "     .".to_string())
        } else {
            let e = max_conf.to_string().len();
            (e, format!("{}.", " ".repeat(e - 1)))
        };
        let mut s = String::new();
        for i in 0..valuelen {
            s.push_str(&" ".repeat(valuelen));
            s.push_str(" |");
            for v in &vchars {
                if i >= valuelen - v.len() {
                    let c = v[i + v.len() - valuelen];
                    s.push_str(&format!("{c:>w$}", w = entrylen + 1));
                } else {
                    s.push_str(&" ".repeat(entrylen + 1));
                }
            }
            s.push_str(" |\n");
        }
        let rule = format!(
            "{}-+-{}+\n",
            "-".repeat(valuelen),
            "-".repeat((entrylen + 1) * values.len())
        );
        s.push_str(&rule);
        for (vs, li) in value_strings.iter().zip(&values) {
            s.push_str(&format!("{vs:>valuelen$} | "));
            for lj in &values {
                let count = self.count(li, lj);
                if count == 0 {
                    s.push_str(&zerostr);
                } else if o.show_percents {
                    let pct = 100.0 * count as f64 / self.total() as f64;
                    s.push_str(&format!("{pct:5.1}%"));
                } else {
                    s.push_str(&format!("{count:>entrylen$}"));
                }
                if li == lj {
                    if let Some(p) = s.rfind(' ') {
                        s.replace_range(p..p + 1, "<");
                    }
                    s.push('>');
                } else {
                    s.push(' ');
                }
            }
            s.push_str("|\n");
        }
        s.push_str(&rule);
        s.push_str("(row = reference; col = test)\n");
        if o.numbers_in_chart {
            s.push_str("Value key:\n");
            for (i, v) in values.iter().enumerate() {
                s.push_str(&format!("{:6}: {v}\n", i + 1));
            }
        }
        s
    }
}
