#!/usr/bin/env bash
# The library without default features must not pull in UI, network or
# neural crates (issue: "cargo add nlkit brings only what the caller uses").
set -euo pipefail
cd "$(dirname "$0")/.."
heavy=$(cargo tree -e normal -p nlkit --no-default-features --prefix none \
  | grep -E '^(clap|indicatif|candle-core|candle-nn|tokenizers|reqwest|mimalloc|safetensors) ' || true)
if [ -n "$heavy" ]; then
  echo "check-lean: nlkit --no-default-features depends on:" >&2
  echo "$heavy" >&2
  exit 1
fi
echo "check-lean: nlkit --no-default-features has no clap, indicatif, candle, tokenizers, reqwest"
