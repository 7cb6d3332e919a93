#!/bin/bash
# Output identity of two nlkit binaries (issue 30): md5 of `pipeline` (JSONL,
# CoNLL-U, --jobs 2), `tag`, `tag --tagset upos` and `tag --nltk-model` on one
# input file; prints OK or DIFF per command and fails on a difference.
#
# Usage: benches/identity.sh REF_BIN NEW_BIN INPUT [NLTK_MODEL_DIR]
set -uo pipefail
ref=$(realpath "$1"); new=$(realpath "$2"); input=$3
model=${4:-.nltk_data/taggers/averaged_perceptron_tagger_eng}
model=$(realpath "$model")
cd "$(dirname "$input")" || exit 1
name=$(basename "$input")
status=0
for args in "pipeline" "pipeline --format conllu" "pipeline --jobs 2" "tag" "tag --tagset upos" "tag --nltk-model $model"; do
  # shellcheck disable=SC2086
  a=$("$ref" $args "$name" | md5sum | cut -d' ' -f1)
  # shellcheck disable=SC2086
  b=$("$new" $args "$name" | md5sum | cut -d' ' -f1)
  if [ "$a" = "$b" ]; then echo "OK   $args  $a"; else echo "DIFF $args  $a $b"; status=1; fi
done
exit $status
