#!/usr/bin/env bash
# Builds the benchmarks in release mode (build/bench) and runs them, printing their figures.
#   bench/run.sh            every benchmark
#   bench/run.sh server     only bench/server (likewise import, render, sync)
# Benchmarks measure; they assert nothing. Record the figures in the issue note.
set -euo pipefail
cd "$(dirname "$0")/.."
installer/install-deps.sh --bench
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBOXOFFICE_BUILD_GUI=OFF \
  -DBOXOFFICE_BUILD_TESTS=OFF -DBOXOFFICE_BUILD_BENCH=ON >/dev/null
cmake --build build/bench -j2
only="${1:-}"
for dir in bench/*/; do
  name=$(basename "$dir")
  [ -z "$only" ] || [ "$only" = "$name" ] || continue
  echo "=== bench/$name"
  if [ -x "$dir/run.sh" ]; then
    "$dir/run.sh" "build/bench/bench/$name"
  elif [ -x "build/bench/bench/$name/bench_$name" ]; then
    "build/bench/bench/$name/bench_$name"
  else
    echo "(no runner for bench/$name)"
  fi
done
