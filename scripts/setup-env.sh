#!/usr/bin/env bash
# Installs what the tests need, inside the repo's ignored folders:
#   .venv/        Python venv with nltk==3.10.4 (the parity oracle)
#   .nltk_data/   an NLTK data folder unpacked from ../shared/data/nltk_server
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
