#!/bin/bash
# A/B CPU time of nlkit binaries on a loaded machine: runs `BIN ARGS` for each
# binary in turn, N rounds (so that load changes hit all of them alike), and
# prints the min and median of CPU time (user + sys) and wall time per binary.
#
# Usage: benches/ab_cpu.sh N "ARGS" BIN1 BIN2 ...
#   e.g. benches/ab_cpu.sh 7 "pipeline big.txt" /tmp/nlkit-main target/release/nlkit
set -euo pipefail
N=$1; ARGS=$2; shift 2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for i in $(seq "$N"); do
  k=0
  for b in "$@"; do
    k=$((k + 1))
    # shellcheck disable=SC2086
    /usr/bin/time -f "%U %S %e" -a -o "$dir/$k" "$b" $ARGS > /dev/null
  done
done
k=0
for b in "$@"; do
  k=$((k + 1))
  python3 - "$b" "$dir/$k" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[2]) if l[:1].isdigit()]
cpu = sorted(float(u) + float(s) for u, s, _ in rows)
wall = sorted(float(w) for *_, w in rows)
print(f"{sys.argv[1]}: CPU min {cpu[0]:.3f} med {st.median(cpu):.3f} s | wall min {wall[0]:.3f} med {st.median(wall):.3f} s (n={len(cpu)})")
PY
done
