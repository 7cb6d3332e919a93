#!/usr/bin/env bash
# Fine-tunes the all-MiniLM-L6-v2 encoder end to end for CoNLL-2000 chunking
# (IOB tags; `nlkit train-neural --task chunk --encoder`): train on train.txt
# minus its last 1,000 sentences, pick the epoch on those 1,000 (CoNLL-2000 has
# no dev set), then score test.txt with `nlkit eval-ner` (conlleval's
# chunk-level F1). CPU only. The encoder reads the words only, unless
# FEATURES=pos: then the POS column of the files (test.txt's too, at scoring)
# is embedded (FEATURE_DIM wide) and appended to each word's encoder state.
# FULL=1: train on all of train.txt for exactly EPOCHS epochs (no dev set; pick
# EPOCHS with a run without FULL first) and keep the last epoch.
#
# usage: scripts/train/finetune-chunk.sh
# env:   NLKIT (default target/release/nlkit), ENCODER (default .encoder),
#        CONLL2000_ZIP, EPOCHS (2), LIMIT (first N training sentences),
#        LR (encoder learning rate, 5e-5), OUT (default /tmp/finetune-chunk), FULL,
#        FEATURES (e.g. pos), FEATURE_DIM (16)
set -euo pipefail
cd "$(dirname "$0")/../.."
NLKIT=${NLKIT:-target/release/nlkit}
ENCODER=${ENCODER:-.encoder}
EPOCHS=${EPOCHS:-2}
LR=${LR:-5e-5}
OUT=${OUT:-/tmp/finetune-chunk}
limit=()
[ -n "${LIMIT:-}" ] && limit=(--limit "$LIMIT")
features=()
[ -n "${FEATURES:-}" ] && features=(--features "$FEATURES" --feature-dim "${FEATURE_DIM:-16}")
. scripts/train/conll2000-split.sh
if [ -n "${FULL:-}" ]; then
  cp "$D/train.txt" "$TMP/train"
  : > "$TMP/dev"
fi
nice -n 15 "$NLKIT" train-neural --task chunk --encoder "$ENCODER" \
  --train "$TMP/train" --dev "$TMP/dev" \
  --epochs "$EPOCHS" --encoder-lr "$LR" --lr 1e-3 --batch-size 16 --patience 2 --seed 1 "${limit[@]}" "${features[@]}" \
  --licence "CoNLL-2000 data (WSJ sections of the Penn Treebank): research use; encoder: Apache-2.0 (all-MiniLM-L6-v2)" -o "$OUT"
echo "== CoNLL-2000 test.txt (chunk-level, conlleval)"
"$NLKIT" eval-ner --model "$OUT" "$D/test.txt"
