# Sourced (not run) by the CoNLL-2000 training scripts, from the repo root:
# unzips conll2000 ($CONLL2000_ZIP, default ../shared/data/...) into a
# temporary folder $TMP (removed on exit), sets D to the corpus folder and
# writes $TMP/train (train.txt minus its last 1,000 sentences) and $TMP/dev
# (those 1,000): CoNLL-2000 has no dev set.
ZIP=${CONLL2000_ZIP:-../shared/data/nltk_server/packages/corpora/conll2000.zip}
[ -f "$ZIP" ] || ZIP=/work/shared/data/nltk_server/packages/corpora/conll2000.zip
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unzip -q "$ZIP" -d "$TMP"
D=$TMP/conll2000
n=$(awk 'BEGIN{RS=""} END{print NR}' "$D/train.txt")
awk -v n=$((n - 1000)) 'BEGIN{RS=""; ORS="\n\n"} NR<=n' "$D/train.txt" > "$TMP/train"
awk -v n=$((n - 1000)) 'BEGIN{RS=""; ORS="\n\n"} NR>n' "$D/train.txt" > "$TMP/dev"
