//! Progress bars for a download run: indicatif's multi-bar on stderr with
//! the `progress` feature, nothing without it (the same calls compile to
//! no-ops, so the download logic has no `cfg` of its own).

#[cfg(feature = "progress")]
mod imp {
    use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

    /// One bar per package plus an overall bar.
    pub(crate) struct Bars {
        multi: MultiProgress,
        overall: ProgressBar,
    }

    /// The bar of one package.
    pub(crate) struct PackageBar<'a> {
        bars: &'a Bars,
        bar: ProgressBar,
    }

    impl Bars {
        pub(crate) fn new(show: bool, packages: usize, total_bytes: u64) -> Bars {
            let multi = MultiProgress::with_draw_target(if show {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            });
            let overall = multi.add(ProgressBar::new(total_bytes));
            overall.set_style(
                ProgressStyle::with_template(
                    "{prefix:>12} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            overall.set_prefix(format!("{packages} pkgs"));
            Bars { multi, overall }
        }

        pub(crate) fn package(&self, id: &str, size: u64) -> PackageBar<'_> {
            let bar = self
                .multi
                .insert_before(&self.overall, ProgressBar::new(size));
            bar.set_style(
                ProgressStyle::with_template("{prefix:>12} [{bar:30}] {bytes}/{total_bytes} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar.set_prefix(id.chars().take(12).collect::<String>());
            PackageBar { bars: self, bar }
        }

        pub(crate) fn set_overall(&self, done: u64) {
            self.overall.set_position(done);
        }

        pub(crate) fn finish(&self) {
            self.overall.finish_and_clear();
        }
    }

    impl PackageBar<'_> {
        pub(crate) fn set_position(&self, pos: u64) {
            self.bar.set_position(pos);
        }
        pub(crate) fn set_stage(&self, stage: &'static str) {
            self.bar.set_message(stage);
        }
        pub(crate) fn finish(self) {
            self.bar.finish_and_clear();
            self.bars.multi.remove(&self.bar);
        }
    }
}

#[cfg(not(feature = "progress"))]
mod imp {
    /// No bars (built without the `progress` feature).
    pub(crate) struct Bars;
    /// No bar.
    pub(crate) struct PackageBar;

    impl Bars {
        pub(crate) fn new(_show: bool, _packages: usize, _total_bytes: u64) -> Bars {
            Bars
        }
        pub(crate) fn package(&self, _id: &str, _size: u64) -> PackageBar {
            PackageBar
        }
        pub(crate) fn set_overall(&self, _done: u64) {}
        pub(crate) fn finish(&self) {}
    }

    impl PackageBar {
        pub(crate) fn set_position(&self, _pos: u64) {}
        pub(crate) fn set_stage(&self, _stage: &'static str) {}
        pub(crate) fn finish(self) {}
    }
}

pub(crate) use imp::Bars;
