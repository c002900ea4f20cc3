#!/bin/sh
# Builds and runs the LAN server benchmark (needs wrk: apt-get install wrk). About 1-2 minutes.
# Usage: bench/server/run.sh [build-dir]   (default: build/bench, a release build)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/bench}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBOXOFFICE_BUILD_GUI=OFF >/dev/null
ninja -C "$build" server_bench
"$build/bench/server/server_bench" --httplib
