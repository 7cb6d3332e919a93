#!/usr/bin/env bash
# Trains the neural sequence labeller for CoNLL-2000 chunking (IOB tags):
# train on train.txt minus its last 1,000 sentences, pick the epoch on those
# 1,000 (CoNLL-2000 has no dev set), score test.txt with `nlkit eval-ner`
# (conlleval's chunk-level F1). The model goes to $OUT (default /tmp/chunk-en).
#
# usage: scripts/train/neural-chunk.sh
# env:   NLKIT (default target/release/nlkit), CONLL2000_ZIP, EPOCHS (default 8), OUT,
#        FEATURES (extra input columns, default "pos"; empty: words only), FEATURE_DIM (32)
set -euo pipefail
cd "$(dirname "$0")/../.."
NLKIT=${NLKIT:-target/release/nlkit}
EPOCHS=${EPOCHS:-8}
OUT=${OUT:-/tmp/chunk-en}
FEATURES=${FEATURES-pos}
FEATURE_DIM=${FEATURE_DIM:-32}
feat=()
[ -n "$FEATURES" ] && feat=(--features "$FEATURES" --feature-dim "$FEATURE_DIM")
. scripts/train/conll2000-split.sh
nice -n 15 "$NLKIT" train-neural --task chunk --train "$TMP/train" --dev "$TMP/dev" \
  --encoder-kind bilstm --hidden 100 --word-dim 64 --min-word-count 2 \
  --epochs "$EPOCHS" --patience 3 --seed 1 "${feat[@]}" \
  --licence "CoNLL-2000 data (WSJ sections of the Penn Treebank): research use" -o "$OUT"
echo "== CoNLL-2000 test.txt (chunk-level, conlleval)"
"$NLKIT" eval-ner --model "$OUT" "$D/test.txt"
