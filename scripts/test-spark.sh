#!/usr/bin/env bash
# Opt-in Spark test (not part of scripts/test.sh: pyspark is a ~300 MB
# download). Installs pyspark and pyarrow into .venv, builds the Python
# package and the nlkit binary, and runs nlkit.spark in local mode
# (Java 17 needed) against `nlkit pipeline` output.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh
if ! .venv/bin/python -c 'import pyspark, pyarrow' 2>/dev/null; then
  echo "test-spark: installing pyspark and pyarrow into .venv" >&2
  .venv/bin/pip install --quiet --disable-pip-version-check "pyspark==4.3.0" "pyarrow>=15" "pandas>=2.2,<3"
fi
cargo build --features cli
PATH="$(pwd)/.venv/bin:$PATH" MATURIN_PEP517_ARGS="--profile dev" \
  .venv/bin/pip install --quiet --disable-pip-version-check --no-build-isolation \
  --force-reinstall --no-deps ./python
NLTK_DATA="$(pwd)/.nltk_data" PYSPARK_PYTHON="$(pwd)/.venv/bin/python" \
  .venv/bin/python -m pytest -q -p no:cacheprovider python/tests_spark
