#!/usr/bin/env bash
# Fuzzes every target in fuzz/ briefly (NLKIT_FUZZ_SECS seconds each, default 4)
# from its committed seed corpus, fuzz/seeds/<target>/ (scripts/fuzz-seeds.py
# writes it). Part of the test command; `fuzz/README.md` says how to fuzz for hours.
#
# The targets are built the way `cargo fuzz build` builds them (libFuzzer,
# SanitizerCoverage, AddressSanitizer, debug assertions; fuzz/Cargo.toml's
# `smoke` profile, optimised less than cargo fuzz's) but with plain cargo,
# so the test command needs no extra tool: on the stable toolchain,
# RUSTC_BOOTSTRAP=1 allows `-Zsanitizer=address`, whose runtime ships with rustc.
# New inputs go to a temporary folder; the committed seeds are never changed.
# A crash fails the run and leaves its input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${NLKIT_FUZZ_SECS:-4}"
host="$(rustc -vV | sed -n 's/^host: //p')"
# --target keeps these flags off build scripts and proc macros, as cargo-fuzz does
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Cpasses=sancov-module \
-Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares \
--cfg fuzzing -Zsanitizer=address" \
    cargo build --profile smoke --bins --target "$host" --target-dir ../target/fuzz
bin="../target/fuzz/$host/smoke"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^nlkit-fuzz$')
failed=""
for t in $targets; do
    seeds="seeds/$t"
    if [ ! -d "$seeds" ] || [ -z "$(ls -A "$seeds")" ]; then
        echo "fuzz-smoke: no seed corpus for \`$t\` in fuzz/$seeds" >&2
        exit 1
    fi
    mkdir -p "$work/$t" "artifacts/$t"
    extra=""
    # see fuzz/README.md: a sanitizer race on rayon's thread exit, not a leak
    [ "$t" = zip_install ] && extra="-detect_leaks=0"
    # a fixed seed: CI replays the same inputs (as many as fit in the time)
    # instead of failing at random on what a long fuzzing run should find
    if ! "$bin/$t" -seed=1 -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 \
        -artifact_prefix="artifacts/$t/" $extra "$work/$t" "$seeds" >"$work/$t.log" 2>&1; then
        tail -40 "$work/$t.log" >&2
        failed="$failed $t"
    else
        echo "fuzz-smoke: $t: $(grep -o 'Done [0-9]* runs' "$work/$t.log" | tail -1)"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz-smoke: crashes in:$failed (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzz-smoke: every target ran ${secs}s without a crash"
