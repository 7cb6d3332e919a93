//! The extra input columns of a fine-tuned tagger (`nlkit train-neural
//! --encoder DIR --features pos`): each column's value at each token (a POS
//! tag, say) is looked up in the column's own embedding table and
//! concatenated with the encoder's state at the word's first word piece,
//! before the labelling layer. The vocabularies come from the training
//! data ([`Vocab`] with the labeller's reserved padding and unknown items);
//! a value never seen in training reads the unknown row, which starts at
//! zero and gets no gradient in training (so it adds nothing).

use candle_core::{DType, Device, Tensor, Var};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::labeller::{Example, FeatureColumn, Vocab, UNK};

/// The columns a fine-tuned model reads, with their vocabularies.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    /// Name and embedding width of each column, in input order.
    pub(crate) columns: Vec<FeatureColumn>,
    /// One vocabulary per column.
    pub(crate) vocabs: Vec<Vocab>,
}

impl Columns {
    /// The vocabularies of `columns` from the training sentences (each
    /// checked to have these columns).
    pub(crate) fn from_training(columns: &[FeatureColumn], train: &[&Example]) -> Self {
        let vocabs = super::labeller::column_vocabs(columns.len(), train);
        Columns {
            columns: columns.to_vec(),
            vocabs,
        }
    }

    /// The summed embedding widths (what the columns add to each token's
    /// state).
    pub(crate) fn width(&self) -> usize {
        self.columns.iter().map(|c| c.dim).sum()
    }

    /// New embedding tables, one per column, `(vocabulary, dim)`: uniform
    /// in ±0.5 from the seeded generator, the padding and unknown rows
    /// zero.
    pub(crate) fn init_tables(&self, rng: &mut ChaCha8Rng) -> candle_core::Result<Vec<Var>> {
        self.columns
            .iter()
            .zip(&self.vocabs)
            .map(|(c, v)| {
                let n = v.len();
                let w: Vec<f32> = (0..n * c.dim)
                    .map(|i| {
                        if i / c.dim <= UNK as usize {
                            0.0
                        } else {
                            rng.gen_range(-0.5..=0.5)
                        }
                    })
                    .collect();
                Var::from_tensor(&Tensor::from_vec(w, (n, c.dim), &Device::Cpu)?)
            })
            .collect()
    }

    /// `h` (the sentences' tokens, `(tokens, hidden)`) with each column's
    /// embedding appended: `features[i][k]` is column `k` of sentence `i`,
    /// and the sentences' tokens are `h`'s rows in order.
    pub(crate) fn append<F: AsRef<str>, C: AsRef<[Vec<F>]>>(
        &self,
        h: &Tensor,
        tables: &[Tensor],
        features: &[C],
    ) -> candle_core::Result<Tensor> {
        if self.columns.is_empty() {
            return Ok(h.clone());
        }
        let mut parts = Vec::with_capacity(tables.len() + 1);
        parts.push(h.clone());
        for (k, (vocab, table)) in self.vocabs.iter().zip(tables).enumerate() {
            let ids: Vec<u32> = features
                .iter()
                .flat_map(|cols| {
                    cols.as_ref()
                        .get(k)
                        .map(|c| c.iter().map(|v| vocab.get_or_unk(v.as_ref())).collect())
                        .unwrap_or_else(Vec::new)
                })
                .collect();
            let n = ids.len();
            if n != h.dim(0)? {
                return Err(candle_core::Error::Msg(format!(
                    "{} tokens but {n} values of feature `{}`",
                    h.dim(0)?,
                    self.columns[k].name
                )));
            }
            let ids = Tensor::from_vec(ids, n, h.device())?;
            parts.push(table.index_select(&ids, 0)?.to_dtype(DType::F32)?);
        }
        Tensor::cat(&parts, 1)
    }

    /// The tensor names of the tables in `head.safetensors`.
    pub(crate) fn table_name(k: usize) -> String {
        format!("feat_emb.{k}")
    }
}
