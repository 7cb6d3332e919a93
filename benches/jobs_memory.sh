#!/usr/bin/env bash
# `--jobs 2` against one job, and peak memory as the input grows, for
# `nlkit tokenize -t word` and `nlkit pipeline` (release build).
# Usage: benches/jobs_memory.sh [MB]   (default 50; builds the input from
# ../shared/data/ud/en_ewt text lines and .nltk_data state_union prose).
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
cargo build --release --features cli --quiet
BIN=target/release/nlkit
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
{ grep -h '^# text = ' ../shared/data/ud/en_ewt/*.conllu | cut -c10-; cat .nltk_data/corpora/state_union/*.txt; } > "$TMP/base.txt"
make_input() { : > "$2"; while [ "$(stat -c %s "$2")" -lt $(( $1 * 1000000 )) ]; do cat "$TMP/base.txt" >> "$2"; done; }
make_input "$MB" "$TMP/big.txt"
make_input $(( MB / 10 > 0 ? MB / 10 : 1 )) "$TMP/small.txt"
echo "input: $(stat -c %s "$TMP/big.txt") bytes; machine: $(nproc) cores"
for cmd in "tokenize -t word" "pipeline"; do
  for j in 1 2; do
    best=
    for _ in 1 2 3; do
      t=$( { /usr/bin/time -f "%e" $BIN $cmd --lossy --jobs $j "$TMP/big.txt" > /dev/null; } 2>&1 | tail -1)
      if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    done
    echo "$cmd --jobs $j: best of 3 = ${best}s wall"
  done
  for f in small big; do
    rss=$( { /usr/bin/time -f "%M" $BIN $cmd --lossy "$TMP/$f.txt" > /dev/null; } 2>&1 | tail -1)
    echo "$cmd peak RSS on $f input ($(stat -c %s "$TMP/$f.txt") bytes): ${rss} KB"
  done
done
