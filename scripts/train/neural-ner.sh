#!/usr/bin/env bash
# Trains nlkit's neural NER models (BiLSTM-CRF over word, shape and character
# features; `nlkit train-neural`) on CoNLL-2002 Spanish and Dutch: train on
# *.train, pick the epoch on *.testa, score on *.testb (conlleval's
# entity-level F1, `nlkit eval-ner`). Models go to corpora/models/ner-{es,nl}/.
#
# usage: scripts/train/neural-ner.sh [es|nl ...]   (default: es nl)
# env:   NLKIT (binary, default target/release/nlkit), CONLL2002_ZIP,
#        EPOCHS (default 25), ENCODER (bilstm|cnn, default bilstm), DROPOUT (0.4), OUT,
#        STEPS (default "train eval"; "eval" scores existing models),
#        FEATURES (extra input columns, e.g. "pos"; default none), FEATURE_DIM (32)
# CPU only, niced; about 1 minute per epoch per language on one free core.
set -euo pipefail
cd "$(dirname "$0")/../.."
NLKIT=${NLKIT:-target/release/nlkit}
ZIP=${CONLL2002_ZIP:-../../shared/data/nltk_server/packages/corpora/conll2002.zip}
[ -f "$ZIP" ] || ZIP=/work/shared/data/nltk_server/packages/corpora/conll2002.zip
EPOCHS=${EPOCHS:-25}
ENCODER=${ENCODER:-bilstm}
DROPOUT=${DROPOUT:-0.4}
OUT=${OUT:-corpora/models}
FEATURES=${FEATURES:-}
FEATURE_DIM=${FEATURE_DIM:-32}
feat=()
[ -n "$FEATURES" ] && feat=(--features "$FEATURES" --feature-dim "$FEATURE_DIM")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unzip -q "$ZIP" -d "$TMP"
D=$TMP/conll2002
langs=${*:-es nl}
STEPS=${STEPS:-train eval}
for lang in $langs; do
  case $lang in es) f=esp ;; nl) f=ned ;; *) echo "unknown language $lang" >&2; exit 2 ;; esac
  out=$OUT/ner-$lang
  hidden=100; [ "$ENCODER" = cnn ] && hidden=160
  if [[ " $STEPS " == *" train "* ]]; then
  nice -n 15 "$NLKIT" train-neural --task ner --train "$D/$f.train" --dev "$D/$f.testa" \
    --encoder-kind "$ENCODER" --hidden "$hidden" --word-dim 64 --min-word-count 2 --dropout "$DROPOUT" \
    --epochs "$EPOCHS" --patience 5 --seed 1 "${feat[@]}" \
    --licence "CoNLL-2002 data terms (research use; see the corpus README); model weights: same terms" \
    -o "$out"
  fi
  [[ " $STEPS " == *" eval "* ]] || continue
  echo "== $lang testb (entity-level, conlleval)"
  "$NLKIT" eval-ner --model "$out" "$D/$f.testb" --format json | tee "$out/testb.json"
done
