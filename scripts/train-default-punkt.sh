#!/usr/bin/env bash
# Regenerates nlkit's embedded English Punkt model (corpora/punkt/english/)
# with nlkit's own trainer from the public-domain text in corpora/punkt/text/.
#
#   scripts/train-default-punkt.sh              # retrain from the bundled text
#   scripts/train-default-punkt.sh --rebuild-text [NLTK_DATA_DIR]
#                                               # first re-extract the text from
#                                               # NLTK's state_union, inaugural
#                                               # and genesis corpora
# The model is compiled into the binary (include_str!), so rebuild afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--rebuild-text" ]]; then
    data="${2:-${NLTK_DATA:-.nltk_data}}"
    python3 - "$data" <<'PY'
import glob, os, sys
data = sys.argv[1]
out = "corpora/punkt/text"
os.makedirs(out, exist_ok=True)

def read(path):
    b = open(path, "rb").read()
    try:
        s = b.decode("utf-8")
    except UnicodeDecodeError:
        s = b.decode("latin-1")  # a few state_union files are Latin-1
    return s.replace("\r\n", "\n").strip("\n")

for name, pattern in [
    ("state_union.txt", "corpora/state_union/*.txt"),
    ("inaugural.txt", "corpora/inaugural/*.txt"),
    ("genesis-kjv.txt", "corpora/genesis/english-kjv.txt"),
]:
    files = sorted(glob.glob(os.path.join(data, pattern)))
    if not files:
        sys.exit(f"no files for {pattern} under {data}")
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write("\n\n".join(read(p) for p in files) + "\n")
    print("wrote", os.path.join(out, name), len(files), "files")
PY
fi

cargo run --release --quiet --features cli -- train-punkt corpora/punkt/text/state_union.txt \
    corpora/punkt/text/inaugural.txt corpora/punkt/text/genesis-kjv.txt \
    -o corpora/punkt/english --force
wc -l corpora/punkt/english/*
