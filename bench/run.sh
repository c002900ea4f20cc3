#!/usr/bin/env bash
# Builds the benchmarks in release mode (build/bench) and runs them, printing their figures.
#   bench/run.sh                 every benchmark (several minutes)
#   bench/run.sh server render   only those (import, render, preflight, server, scanner, sync, gui, designer,
#                                print, sales)
# Benchmarks measure; they assert nothing. Record the figures in the issue note, with the
# machine's load: the figures are only comparable on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
installer/install-deps.sh --bench
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBOXOFFICE_BUILD_GUI=ON \
  -DBOXOFFICE_BUILD_TESTS=OFF -DBOXOFFICE_BUILD_BENCH=ON >/dev/null
cmake --build build/bench -j2
b=build/bench/bench
selected=("$@")
[ "${#selected[@]}" -gt 0 ] || selected=(import render preflight server scanner sync gui designer print sales)
for name in "${selected[@]}"; do
  echo "=== bench/$name (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  case "$name" in
    import) "$b/import/bench_import" ;;
    render) bench/render/compare.sh build/bench 1000 ;;
    preflight) "$b/render/bench_preflight" ;;
    server) "$b/server/server_bench" --httplib ;;
    scanner) "$b/server/scanner_bench" ;;
    sync)
      if [ -x "$b/sync/bench_sync" ]; then "$b/sync/bench_sync"; else echo "bench_sync is not built"; fi ;;
    print) "$b/print/bench_print" ;;
    sales) "$b/sales/bench_sales" ;;
    gui) xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" "$b/gui/bench_gui" ;;
    designer) xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" "$b/gui/bench_designer" ;;
    *) echo "unknown benchmark: $name (import, render, preflight, server, scanner, sync, gui, designer, print, sales)" >&2; exit 2 ;;
  esac
done
