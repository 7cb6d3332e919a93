#!/usr/bin/env bash
# Deletes the test and binary executables cargo left in a deps folder
# (`<crate>-<16 hex digits>`, no extension, executable), keeping libraries
# (.rlib, .rmeta, .so of proc macros, .d files). Cargo rebuilds a deleted
# executable when it is needed again. scripts/test.sh calls it under CI to
# keep the disk footprint small; prints how much it freed.
set -euo pipefail
deps="${1:?usage: clean-test-bins.sh TARGET/debug/deps}"
[ -d "$deps" ] || { echo "clean-test-bins: $deps is not a folder" >&2; exit 1; }
freed=0
while IFS= read -r -d '' f; do
  size=$(stat -c %s "$f")
  rm -f -- "$f"
  freed=$((freed + size))
done < <(find "$deps" -maxdepth 1 -type f -perm -u+x -regextype posix-extended \
  -regex '.*/[A-Za-z0-9_]+-[0-9a-f]{16}' -print0)
echo "clean-test-bins: freed $((freed / 1048576)) MiB in $deps" >&2
