#!/usr/bin/env bash
# Trains nlkit's default chunker (corpora/models/en_conll2000_chunk.bin) on
# CoNLL-2000 train and scores it on CoNLL-2000 test (gold POS tags, all chunk types).
#   cargo build --release && scripts/train/chunker.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
NLKIT=${NLKIT:-target/release/nlkit}
DATA=${NLTK_DATA:-.nltk_data}/corpora/conll2000
"$NLKIT" train-chunker --train "$DATA/train.txt" -o corpora/models/en_conll2000_chunk.bin \
  --iterations "${ITERATIONS:-10}" --beam "${BEAM:-4}" --seed 1 \
  --description "averaged perceptron chunker, all CoNLL-2000 chunk types, trained on CoNLL-2000 train (WSJ 15-18), gold POS"
# The measurement (needs a build that embeds the new model):
echo "rebuild, then: $NLKIT eval-chunker --test $DATA/test.txt"
