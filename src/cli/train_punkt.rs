//! `nlkit train-punkt`: trains a Punkt model and writes a punkt_tab folder.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::common::InputArgs;
use crate::sentence::PunktTrainer;
use crate::Result;

/// Arguments of `nlkit train-punkt`.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Each FILE is read whole and given to the trainer as one text (NLTK's
PunktTrainer.train(text, finalize=False)); training is finalized after the
last file. The result is a punkt_tab folder (abbrev_types.txt,
collocations.tab, sent_starters.txt, ortho_context.tab) that NLTK's
load_punkt_params and `nlkit sentences --punkt DIR` read. It is written to a
temporary folder first and renamed into place.")]
pub struct TrainPunktArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The punkt_tab folder to write.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: PathBuf,
    /// Replace DIR if it exists.
    #[arg(long)]
    force: bool,
}

/// Runs `nlkit train-punkt`.
pub fn run(a: TrainPunktArgs) -> Result<()> {
    let paths = a.input.paths();
    let sizes: Vec<u64> = paths
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .collect();
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(sizes.iter().sum());
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {bytes}/{total_bytes} ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b.set_message("training Punkt");
        Some(b)
    } else {
        None
    };
    let mut trainer = PunktTrainer::new();
    for p in &paths {
        let n = trainer.train_file(p, a.input.utf8_mode())?;
        if let Some(b) = &bar {
            b.inc(n);
        }
    }
    let params = trainer.into_params();
    params.save_dir_atomic(&a.output, a.force)?;
    if let Some(b) = bar {
        b.finish_with_message(format!(
            "wrote {} ({} abbreviations, {} collocations, {} sentence starters)",
            a.output.display(),
            params.abbrev_types.len(),
            params.collocations.len(),
            params.sent_starters.len()
        ));
    }
    Ok(())
}
