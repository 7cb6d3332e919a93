//! A standalone SVG drawing of a laid-out tree, after NLTK's
//! `TreePrettyPrinter.svg()`: same grid, same lines and colours, but each
//! column is as wide as its widest label (monospace text) so that every
//! label lies inside the `viewBox` (NLTK's fixed 40-pixel columns let long
//! labels overlap and spill out).

use super::pretty::TreePrettyPrinter;

const FONT: f64 = 12.0;
const CHAR_W: f64 = 0.62 * FONT;
const VSCALE: f64 = 25.0;
const MARGIN: f64 = 10.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl TreePrettyPrinter {
    /// The tree as a standalone SVG document.
    ///
    /// # Example
    /// ```
    /// use nlkit::tree::{Tree, TreePrettyPrinter};
    /// let t = Tree::fromstring("(S (NP I) (VP ran))").unwrap();
    /// let svg = TreePrettyPrinter::new(&t).unwrap().svg();
    /// assert!(svg.starts_with("<svg") && svg.contains(">ran</text>"));
    /// ```
    pub fn svg(&self) -> String {
        let ncols = self.coords.values().map(|&(_, c)| c + 1).max().unwrap_or(1);
        let nrows = self.coords.values().map(|&(r, _)| r + 1).max().unwrap_or(1);
        let mut colw = vec![3.0 * CHAR_W + MARGIN; ncols];
        for (&id, &(_, c)) in &self.coords {
            let w = self.label_of(id).chars().count() as f64 * CHAR_W + MARGIN;
            if w > colw[c] {
                colw[c] = w;
            }
        }
        let mut colx = Vec::with_capacity(ncols);
        let mut x = MARGIN;
        for w in &colw {
            colx.push(x + w / 2.0);
            x += w;
        }
        let total_w = x + MARGIN;
        let total_h = nrows as f64 * VSCALE + 2.0 * MARGIN;
        let pos = |id: usize| {
            self.coords
                .get(&id)
                .map(|&(r, c)| (colx[c], MARGIN + FONT + r as f64 * VSCALE))
        };
        let mut out = format!(
            "<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{total_w:.0}\" height=\"{total_h:.0}\" viewBox=\"0 0 {total_w:.1} {total_h:.1}\">\n\t<rect width=\"100%\" height=\"100%\" fill=\"white\" />\n"
        );
        let line = |out: &mut String, color: &str, w: u32, a: (f64, f64), b: (f64, f64)| {
            out.push_str(&format!(
                "\t<polyline style=\"stroke:{color}; stroke-width:{w}; fill:none;\" points=\"{:.1},{:.1} {:.1},{:.1}\" />\n",
                a.0, a.1, b.0, b.1
            ));
        };
        // horizontal branches under each parent, a stub up to its label
        let mut kids: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for (child, parent) in self.edges.iter().enumerate() {
            if let (Some(p), true) = (parent, self.coords.contains_key(&child)) {
                kids.entry(*p).or_default().push(child);
            }
        }
        for (&p, cs) in &kids {
            let Some((px, py)) = pos(p) else { continue };
            let y = py + FONT / 2.0;
            let xs: Vec<f64> = cs.iter().filter_map(|&c| pos(c)).map(|(x, _)| x).collect();
            let lo = xs.iter().copied().fold(px, f64::min);
            let hi = xs.iter().copied().fold(px, f64::max);
            line(&mut out, "black", 1, (lo, y), (hi, y));
            line(&mut out, "black", 1, (px, y), (px, y - FONT / 3.0));
        }
        // vertical lines from each child up to its parent's branch
        for (&p, cs) in &kids {
            let Some((_, py)) = pos(p) else { continue };
            let y = py + FONT / 2.0;
            for &c in cs {
                if let Some((cx, cy)) = pos(c) {
                    line(&mut out, "white", 10, (cx, cy - FONT), (cx, y + 5.0));
                    line(&mut out, "black", 1, (cx, cy - FONT), (cx, y));
                }
            }
        }
        let mut ids: Vec<usize> = self.coords.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            if let Some((x, y)) = pos(id) {
                let color = if self.is_tree(id) { "blue" } else { "red" };
                out.push_str(&format!(
                    "\t<text style=\"text-anchor: middle; fill: {color}; font-size: {FONT}px; font-family: monospace;\" x=\"{x:.1}\" y=\"{y:.1}\">{}</text>\n",
                    escape(self.label_of(id))
                ));
            }
        }
        out.push_str("</svg>\n");
        out
    }
}
