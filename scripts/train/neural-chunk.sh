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
ZIP=${CONLL2000_ZIP:-../../shared/data/nltk_server/packages/corpora/conll2000.zip}
[ -f "$ZIP" ] || ZIP=/work/shared/data/nltk_server/packages/corpora/conll2000.zip
EPOCHS=${EPOCHS:-8}
OUT=${OUT:-/tmp/chunk-en}
FEATURES=${FEATURES-pos}
FEATURE_DIM=${FEATURE_DIM:-32}
feat=()
[ -n "$FEATURES" ] && feat=(--features "$FEATURES" --feature-dim "$FEATURE_DIM")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unzip -q "$ZIP" -d "$TMP"
D=$TMP/conll2000
n=$(awk 'BEGIN{RS=""} END{print NR}' "$D/train.txt")
awk -v n=$((n - 1000)) 'BEGIN{RS=""; ORS="\n\n"} NR<=n' "$D/train.txt" > "$TMP/train"
awk -v n=$((n - 1000)) 'BEGIN{RS=""; ORS="\n\n"} NR>n' "$D/train.txt" > "$TMP/dev"
nice -n 15 "$NLKIT" train-neural --task chunk --train "$TMP/train" --dev "$TMP/dev" \
  --encoder-kind bilstm --hidden 100 --word-dim 64 --min-word-count 2 \
  --epochs "$EPOCHS" --patience 3 --seed 1 "${feat[@]}" \
  --licence "CoNLL-2000 data (WSJ sections of the Penn Treebank): research use" -o "$OUT"
echo "== CoNLL-2000 test.txt (chunk-level, conlleval)"
"$NLKIT" eval-ner --model "$OUT" "$D/test.txt"
