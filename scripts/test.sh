#!/usr/bin/env bash
# The whole test suite (README's second command; .ci/run calls this).
# Installs what it needs itself (Python venv with NLTK, NLTK data), then runs
# formatting, lints, all tests and the docs build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh
export NLKIT_PYTHON="$(pwd)/.venv/bin/python"
export NLKIT_NLTK_DATA="$(pwd)/.nltk_data"
export NLKIT_ENCODER="$(pwd)/.encoder"
# Incremental caches only help repeated local builds; in CI they cost ~800 MB of
# disk (CI's disk is small). Set CARGO_INCREMENTAL=1 to keep them.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# CI's disk is small (a run ran out of space in `cargo doc`). Under CI
# (NLKIT_CI_CLEAN=1 does it locally too, NLKIT_CI_CLEAN=0 keeps everything):
# no debug info at all in the dev profile (line tables are ~3/4 of each test
# executable; panic messages keep their file:line), and outputs deleted once
# no later step needs them.
CI_CLEAN="${NLKIT_CI_CLEAN:-${CI:+1}}"
if [ "$CI_CLEAN" = 1 ]; then
  export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-false}"
fi
# Every feature except `cuda` (it needs the CUDA toolkit; scripts/check-cuda.sh
# checks it at the end): `cli` implies `neural` and `download`.
FEATURES="--features nlkit/cli"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets $FEATURES -- -D warnings
# The library builds, lint-clean, with no optional feature and with the
# default set (what `cargo add nlkit` gives).
cargo clippy -p nlkit --lib --no-default-features -- -D warnings
cargo clippy -p nlkit --lib -- -D warnings
cargo clippy -p nlkit-downloader --lib --no-default-features -- -D warnings
scripts/check-lean.sh
cargo test --workspace --all-targets $FEATURES --no-fail-fast
# Under CI, build outputs are deleted as soon as no later step needs them
# (see CI_CLEAN above). First the ~90 test executables just run (~2.7 GB).
if [ "$CI_CLEAN" = 1 ]; then
  scripts/clean-test-bins.sh target/debug/deps
fi
cargo test --workspace --doc $FEATURES
# The Python package (python/, pyo3 + maturin): built into .venv in the dev
# profile (a release build of the library would double the compile time),
# then its pytest suite against NLTK (skips without NLTK data; fails under CI).
PATH="$(pwd)/.venv/bin:$PATH" MATURIN_PEP517_ARGS="--profile dev" \
  .venv/bin/pip install --quiet --disable-pip-version-check --no-build-isolation \
  --force-reinstall --no-deps ./python
NLTK_DATA="$NLKIT_NLTK_DATA" .venv/bin/python -m pytest -q -p no:cacheprovider python/tests
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps $FEATURES
# Every fuzz target (fuzz/, outside the workspace) builds and runs a few
# seconds from its committed seeds without a crash.
scripts/fuzz-smoke.sh
# Then the fuzz and debug builds (~3 GB), before the CUDA check builds its own.
if [ "$CI_CLEAN" = 1 ]; then
  rm -rf target/fuzz target/debug
fi
# The `cuda` feature compiles (candle's CUDA kernels built with nvcc from
# PyPI's CUDA 13.0 wheels; no GPU needed). About 10 minutes and 1.5 GB of
# disk, removed again under CI. NLKIT_SKIP_CUDA_CHECK=1 skips it locally.
if [ "${CI:-}" = true ] || [ "${NLKIT_SKIP_CUDA_CHECK:-0}" != 1 ]; then
  CUDA_CHECK_CLEAN="${CUDA_CHECK_CLEAN:-${CI:+1}}" scripts/check-cuda.sh
fi
echo "all checks passed"
