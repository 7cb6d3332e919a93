//! Training a [`SequenceLabeller`]: length-sorted minibatches in a seeded
//! random order, AdamW with a decaying learning rate, global-norm gradient
//! clipping, dropout and rare-word replacement, and early stopping on the
//! dev score (the best epoch's weights are kept).

use std::collections::HashMap;

use candle_core::{Device, Tensor};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use rand::seq::SliceRandom;
use rand::Rng;

use super::config::{LabellerConfig, Metric, TrainConfig};
use super::data::{Example, Labelled};
use super::model::{rng, Batch, Dropout, Net, Params, Source};
use super::vocab::{word_key, Vocab, RESERVED, UNK};
use super::{decode, ModelInfo, SequenceLabeller};
use crate::metrics::conlleval::SpanScore;
use crate::neural::candle_err;
use crate::progress::report;
use crate::{Error, Result};

/// Scores predicted label indices against gold label strings (percent).
fn score(metric: Metric, labels: &Vocab, gold: &[&Example], pred: &[Vec<u32>]) -> Result<f64> {
    let name = |i: &u32| labels.item(*i as usize).unwrap_or("");
    let pred: Vec<Vec<&str>> = pred.iter().map(|p| p.iter().map(name).collect()).collect();
    let gold: Vec<&[String]> = gold.iter().map(|e| e.labels.as_slice()).collect();
    score_labels(metric, &gold, &pred)
}

/// Scores predicted labels against gold labels, sentence by sentence
/// (percent): token accuracy, or conlleval's span F1.
pub(crate) fn score_labels(metric: Metric, gold: &[&[String]], pred: &[Vec<&str>]) -> Result<f64> {
    match metric {
        Metric::Accuracy => {
            let (mut ok, mut n) = (0usize, 0usize);
            for (g, p) in gold.iter().zip(pred) {
                n += g.len();
                ok += g.iter().zip(p).filter(|(g, p)| g.as_str() == **p).count();
            }
            Ok(if n == 0 {
                0.0
            } else {
                100.0 * ok as f64 / n as f64
            })
        }
        Metric::SpanF1 => {
            let mut s = SpanScore::default();
            for (g, p) in gold.iter().zip(pred) {
                s.add(g, p)?;
            }
            Ok(s.overall().f1())
        }
    }
}

/// One vocabulary per extra input column, from the values the training
/// sentences have in that column (checked beforehand by [`check_examples`]).
pub(crate) fn column_vocabs(columns: usize, train: &[&Example]) -> Vec<Vocab> {
    (0..columns)
        .map(|k| {
            Vocab::from_counts(
                &RESERVED,
                train
                    .iter()
                    .flat_map(|e| e.features[k].iter().map(String::as_str)),
                1,
            )
        })
        .collect()
}

/// Checks that every sentence has as many labels as words and `columns`
/// feature columns, each as long as its words.
pub(crate) fn check_examples(data: &[Example], columns: usize, what: &str) -> Result<()> {
    for (i, e) in data.iter().enumerate() {
        if e.words.len() != e.labels.len() {
            return Err(Error::InvalidInput(format!(
                "{what} sentence {}: {} words but {} labels",
                i + 1,
                e.words.len(),
                e.labels.len()
            )));
        }
        if e.features.len() != columns {
            return Err(Error::InvalidInput(format!(
                "{what} sentence {}: {} feature columns, the configuration names {columns}",
                i + 1,
                e.features.len()
            )));
        }
        if let Some(c) = e.features.iter().find(|c| c.len() != e.words.len()) {
            return Err(Error::InvalidInput(format!(
                "{what} sentence {}: {} words but {} feature values",
                i + 1,
                e.words.len(),
                c.len()
            )));
        }
    }
    Ok(())
}

/// Trains a labeller on `train`, choosing the epoch by its score on `dev`
/// (with an empty `dev`, the last epoch is kept and there is no early
/// stopping).
///
/// # Errors
/// [`Error::InvalidInput`] for no training tokens, a sentence whose words
/// and labels differ in number, or options out of range;
/// [`Error::Model`] when the network fails.
///
/// # Example
/// ```
/// use nlkit::neural::labeller::{train_labeller, LabellerConfig, ModelInfo, TrainConfig};
/// let data = vec![(vec!["Ana".to_string(), "runs".to_string()], vec!["B-PER".to_string(), "O".to_string()])];
/// let opts = TrainConfig { epochs: 2, ..TrainConfig::default() };
/// let m = train_labeller(&data, &[], &LabellerConfig::small(), &opts, ModelInfo::new("ner"), &candle_core::Device::Cpu).unwrap();
/// assert_eq!(m.label(&["Ana", "runs"]).unwrap().len(), 2);
/// ```
pub fn train_labeller(
    train: &[Labelled],
    dev: &[Labelled],
    config: &LabellerConfig,
    opts: &TrainConfig,
    info: ModelInfo,
    device: &Device,
) -> Result<SequenceLabeller> {
    let train: Vec<Example> = train.iter().cloned().map(Example::from).collect();
    let dev: Vec<Example> = dev.iter().cloned().map(Example::from).collect();
    train_examples(&train, &dev, config, opts, info, device)
}

/// Trains a labeller on sentences with extra feature columns (as many as
/// `config.features` names, in its order); otherwise as
/// [`train_labeller`].
///
/// # Errors
/// As [`train_labeller`]; [`Error::InvalidInput`] when a sentence's
/// feature columns do not fit the configuration or its words.
///
/// # Example
/// See [`SequenceLabeller::label_sents_with`].
pub fn train_examples(
    train: &[Example],
    dev: &[Example],
    config: &LabellerConfig,
    opts: &TrainConfig,
    mut info: ModelInfo,
    device: &Device,
) -> Result<SequenceLabeller> {
    config.validate()?;
    check_examples(train, config.features.len(), "training")?;
    check_examples(dev, config.features.len(), "dev")?;
    if opts.batch_size == 0 {
        return Err(Error::InvalidInput("batch size must be positive".into()));
    }
    let train: Vec<&Example> = train.iter().filter(|e| !e.words.is_empty()).collect();
    if train.is_empty() {
        return Err(Error::InvalidInput("no training sentences".into()));
    }
    let err = candle_err("training");
    let keys: Vec<String> = train
        .iter()
        .flat_map(|e| e.words.iter().map(|w| word_key(w)))
        .collect();
    let words = Vocab::from_counts(
        &RESERVED,
        keys.iter().map(String::as_str),
        opts.min_word_count,
    );
    let char_strs: Vec<String> = train
        .iter()
        .flat_map(|e| e.words.iter().flat_map(|w| w.chars().map(String::from)))
        .collect();
    let chars = Vocab::from_counts(&RESERVED, char_strs.iter().map(String::as_str), 1);
    let feats = column_vocabs(config.features.len(), &train);
    let labels = Vocab::from_counts(
        &[],
        train
            .iter()
            .flat_map(|e| e.labels.iter().map(String::as_str)),
        1,
    );
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for k in &keys {
        *counts.entry(words.get_or_unk(k)).or_default() += 1;
    }
    let rare: Vec<bool> = (0..words.len() as u32)
        .map(|i| counts.get(&i).copied().unwrap_or(0) <= opts.min_word_count.max(1))
        .collect();

    let mut rng = rng(opts.seed);
    let init_rng = super::model::rng(rng.gen());
    let mut params = Params::new(Source::Fresh(Box::new(init_rng)), device);
    let feat_sizes: Vec<usize> = feats.iter().map(Vocab::len).collect();
    let net = Net::new(
        config,
        words.len(),
        chars.len(),
        &feat_sizes,
        labels.len(),
        &mut params,
    )?;
    let vars: Vec<candle_core::Var> = params.vars.iter().map(|(_, v)| v.clone()).collect();
    let mut opt = AdamW::new(
        vars.clone(),
        ParamsAdamW {
            lr: opts.learning_rate,
            weight_decay: opts.weight_decay,
            ..ParamsAdamW::default()
        },
    )
    .map_err(&err)?;

    let gold_ids: Vec<Vec<u32>> = train
        .iter()
        .map(|e| {
            e.labels
                .iter()
                .map(|l| labels.get(l).unwrap_or(0))
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..train.len()).collect();
    order.sort_by_key(|&i| train[i].words.len());
    let batches: Vec<Vec<usize>> = order
        .chunks(opts.batch_size)
        .map(<[usize]>::to_vec)
        .collect();
    let dev: Vec<&Example> = dev.iter().filter(|e| !e.words.is_empty()).collect();
    let dev_words: Vec<Vec<&str>> = dev
        .iter()
        .map(|e| e.words.iter().map(String::as_str).collect())
        .collect();
    let dev_feats: Vec<Vec<Vec<&str>>> = dev
        .iter()
        .map(|e| {
            e.features
                .iter()
                .map(|c| c.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();

    let mut best: Option<(f64, Vec<Tensor>)> = None;
    let mut since_best = 0usize;
    let mut epochs_run = 0usize;
    for epoch in 0..opts.epochs {
        epochs_run = epoch + 1;
        let title = format!("epoch {}/{}", epoch + 1, opts.epochs);
        report(&opts.progress, |p| {
            p.start(&title, Some(batches.len() as u64))
        });
        opt.set_learning_rate(opts.learning_rate / (1.0 + opts.lr_decay * epoch as f64));
        let mut shuffled = batches.clone();
        shuffled.shuffle(&mut rng);
        let (mut total, mut sents) = (0f64, 0usize);
        for (bi, idx) in shuffled.iter().enumerate() {
            let sents_words: Vec<Vec<&str>> = idx
                .iter()
                .map(|&i| train[i].words.iter().map(String::as_str).collect())
                .collect();
            let sents_feats: Vec<&[Vec<String>]> =
                idx.iter().map(|&i| train[i].features.as_slice()).collect();
            let unk_p = opts.unk_replace;
            let batch = Batch::new(
                &sents_words,
                &sents_feats,
                &words,
                &chars,
                &feats,
                config.max_word_chars,
                |id| {
                    if rare.get(id as usize).copied().unwrap_or(false) && rng.gen::<f64>() < unk_p {
                        UNK
                    } else {
                        id
                    }
                },
                device,
            )
            .map_err(&err)?;
            let gold: Vec<Vec<u32>> = idx.iter().map(|&i| gold_ids[i].clone()).collect();
            let mut drop = Dropout {
                rng: &mut rng,
                p: config.dropout,
            };
            let em = net.emissions(&batch, Some(&mut drop)).map_err(&err)?;
            let loss = net.loss(&em, &batch, &gold).map_err(&err)?;
            total += loss.to_scalar::<f32>().map_err(&err)? as f64;
            sents += idx.len();
            let loss = (loss / idx.len() as f64).map_err(&err)?;
            let mut grads = loss.backward().map_err(&err)?;
            clip(&mut grads, &vars, opts.clip_norm).map_err(&err)?;
            opt.step(&grads).map_err(&err)?;
            report(&opts.progress, |p| p.set_position(bi as u64 + 1));
        }
        let mean_loss = total / sents.max(1) as f64;
        if !total.is_finite() {
            return Err(Error::Model(format!(
                "training diverged at epoch {} (loss {total})",
                epoch + 1
            )));
        }
        if dev.is_empty() {
            report(&opts.progress, |p| {
                p.finish(&format!("{title}: loss {mean_loss:.4}"))
            });
            continue;
        }
        let crf = match &net.crf {
            Some(c) => Some(c.to_plain().map_err(&err)?),
            None => None,
        };
        let pred = decode(
            &net,
            crf.as_ref(),
            [&words, &chars],
            &feats,
            &dev_words,
            &dev_feats,
            device,
        )?;
        let s = score(opts.metric, &labels, &dev, &pred)?;
        let metric = match opts.metric {
            Metric::Accuracy => "accuracy",
            Metric::SpanF1 => "F1",
        };
        report(&opts.progress, |p| {
            p.finish(&format!(
                "{title}: loss {mean_loss:.4}, dev {metric} {s:.2}%"
            ))
        });
        if best.as_ref().is_none_or(|(b, _)| s > *b) {
            let snap = vars
                .iter()
                .map(|v| v.as_tensor().copy())
                .collect::<candle_core::Result<_>>()
                .map_err(&err)?;
            best = Some((s, snap));
            since_best = 0;
            if let Some(dir) = &opts.save_best {
                let mut i = info.clone();
                (i.dev_score, i.dev_metric, i.epochs, i.seed) =
                    (Some(s), Some(opts.metric), epoch + 1, opts.seed);
                super::checkpoint::write(
                    dir,
                    config,
                    [&words, &chars, &labels],
                    &feats,
                    &i,
                    &net.named,
                )?;
            }
        } else {
            since_best += 1;
            if since_best >= opts.patience.max(1) {
                break;
            }
        }
    }
    if let Some((s, snap)) = &best {
        for (v, t) in vars.iter().zip(snap) {
            v.set(t).map_err(&err)?;
        }
        info.dev_score = Some(*s);
        info.dev_metric = Some(opts.metric);
    }
    info.epochs = epochs_run;
    info.seed = opts.seed;
    SequenceLabeller::from_parts(net, words, chars, feats, labels, info, device)
}

/// Scales every gradient down so that their global L2 norm is at most
/// `max_norm`.
pub(crate) fn clip(
    grads: &mut candle_core::backprop::GradStore,
    vars: &[candle_core::Var],
    max_norm: f64,
) -> candle_core::Result<()> {
    if max_norm <= 0.0 {
        return Ok(());
    }
    let mut sq = 0f64;
    for v in vars {
        if let Some(g) = grads.get(v.as_tensor()) {
            sq += g.sqr()?.sum_all()?.to_scalar::<f32>()? as f64;
        }
    }
    let norm = sq.sqrt();
    if norm > max_norm {
        let scale = max_norm / norm;
        for v in vars {
            if let Some(g) = grads.remove(v.as_tensor()) {
                grads.insert(v.as_tensor(), (g * scale)?);
            }
        }
    }
    Ok(())
}
