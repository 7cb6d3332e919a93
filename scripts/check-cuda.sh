#!/usr/bin/env bash
# `cargo check --features cuda` on a machine without a GPU or a system CUDA
# toolkit: installs PyPI's CUDA 13.0 wheels (nvcc, headers, libraries) into a
# throw-away venv `.cuda/` (git-ignored) and points candle's build scripts at
# it (recipe: ../shared/notes/cuda-build.md). Compute capability 90 = H100/H200.
#
# usage: scripts/check-cuda.sh [extra cargo args]
# env:   CUDA_CHECK_TARGET (cargo's target dir, default target/cuda-check, kept
#        apart so the CUDA build does not invalidate the CPU one);
#        CUDA_CHECK_CLEAN=1 removes it and .cuda/ afterwards (scripts/test.sh
#        sets it under CI, whose disk is small).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .cuda/bin/pip ]; then
  python3 -m venv .cuda
fi
.cuda/bin/pip install -q --disable-pip-version-check \
  'nvidia-cuda-nvcc==13.0.*' 'nvidia-nvvm==13.0.*' 'nvidia-cuda-crt==13.0.*' \
  'nvidia-cuda-cccl==13.0.*' 'nvidia-cuda-runtime==13.0.*' 'nvidia-cuda-nvrtc==13.0.*' \
  'nvidia-cublas==13.0.*' nvidia-curand
C=$(echo "$PWD"/.cuda/lib/python3*/site-packages/nvidia/cu13)
[ -x "$C/bin/nvcc" ] || { echo "check-cuda: no nvcc under $C" >&2; exit 1; }
export PATH="$C/bin:$PATH" CUDA_ROOT="$C" CUDA_PATH="$C" CUDA_COMPUTE_CAP="${CUDA_COMPUTE_CAP:-90}"
TARGET="${CUDA_CHECK_TARGET:-target/cuda-check}"
cargo check -p nlkit --features cuda,cli --target-dir "$TARGET" "$@"
if [ "${CUDA_CHECK_CLEAN:-0}" = 1 ]; then
  rm -rf "$TARGET" .cuda
fi
echo "check-cuda: nlkit builds with --features cuda (compute capability $CUDA_COMPUTE_CAP)"
