#!/bin/sh
# Runs bench_render and reportlab_compare.py on the same 1,000 tickets and prints the ratio.
# Usage: bench/render/compare.sh BUILD_DIR [COUNT]
set -eu
build=${1:?build folder, e.g. build/render}
count=${2:-1000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ours=$("$build/bench/render/bench_render" "$count" "$tmp/ours.pdf")
echo "$ours"
theirs=$(/usr/bin/python3 "$here/reportlab_compare.py" "$count" "$tmp/reportlab.pdf" "$here/../../assets/pretix")
echo "$theirs"
a=$(echo "$ours" | sed -n 's/^TICKETS_PER_SECOND=//p')
b=$(echo "$theirs" | sed -n 's/^TICKETS_PER_SECOND=//p')
echo "ratio (boxoffice / reportlab, tickets/s): $(echo "scale=2; $a / $b" | bc)"
