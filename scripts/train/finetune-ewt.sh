#!/usr/bin/env bash
# Fine-tunes the all-MiniLM-L6-v2 encoder end to end for UD English-EWT tags
# (`nlkit train-neural --encoder`): train on en_ewt-ud-train, pick the epoch
# on dev, then score test with `nlkit eval-tagger` (gold tokens). CPU only.
#
# usage: scripts/train/finetune-ewt.sh [upos|xpos]      (default upos)
# env:   NLKIT (default target/release/nlkit), ENCODER (default .encoder),
#        EWT (folder of the .conllu files, default ../shared/data/ud/en_ewt),
#        EPOCHS (3), LIMIT (first N training sentences; default all),
#        LR (encoder learning rate, 5e-5), OUT (default /tmp/finetune-<task>)
set -euo pipefail
cd "$(dirname "$0")/../.."
TASK=${1:-upos}
NLKIT=${NLKIT:-target/release/nlkit}
ENCODER=${ENCODER:-.encoder}
EWT=${EWT:-../shared/data/ud/en_ewt}
[ -d "$EWT" ] || EWT=/work/shared/data/ud/en_ewt
EPOCHS=${EPOCHS:-3}
LR=${LR:-5e-5}
OUT=${OUT:-/tmp/finetune-$TASK}
limit=()
[ -n "${LIMIT:-}" ] && limit=(--limit "$LIMIT")
nice -n 15 "$NLKIT" train-neural --task "$TASK" --encoder "$ENCODER" \
  --train "$EWT/en_ewt-ud-train.conllu" --dev "$EWT/en_ewt-ud-dev.conllu" \
  --epochs "$EPOCHS" --encoder-lr "$LR" --lr 1e-3 --batch-size 16 --patience 2 --seed 1 "${limit[@]}" \
  --licence "CC BY-SA 4.0 (UD English-EWT); encoder: Apache-2.0 (all-MiniLM-L6-v2)" -o "$OUT"
echo "== EWT test ($TASK, gold tokens)"
"$NLKIT" eval-tagger --tagger "neural:$OUT" --column "$TASK" --test "$EWT/en_ewt-ud-test.conllu" | head -3
