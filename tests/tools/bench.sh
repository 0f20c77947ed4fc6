#!/usr/bin/env bash
# make bench: the figures the README quotes, measured in one run on this machine.
#  1. Go benchmarks of the hot paths (allocations per op included);
#  2. paygen generate vs the peers (../shared/peers/bench.sh: DuckDB SQL, naive gofakeit), 1M rows;
#  3. peak RSS and size at 1M and 20M rows (memory must stay flat);
#  4. validate and profile wall time on the 1M file (median of 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=./bin/paygen
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Go benchmarks"
go test -run '^$' -bench 'WriteColumns|BlockFill' -benchmem -count 3 ./runtime/pqwrite/ | grep -E '^Benchmark'
echo "== peers, 1M rows"
if [ -x ../shared/peers/bench.sh ]; then
  ../shared/peers/bench.sh 1000000 -- "$bin" generate --rows '{ROWS}' --out '{OUT}' --date 2025-05-29 --quiet
else
  echo "(../shared/peers/bench.sh not found: skipped)"
fi
echo "== generate: peak RSS by size"
for rows in 1M 20M; do
  "$bin" generate --rows "$rows" --out "$tmp/$rows" --date 2025-05-29
  rm -rf "$tmp/$rows"
done
"$bin" generate --rows 1M --out "$tmp" --date 2025-05-29 --quiet
f=$tmp/payments_1M_20250529.parquet
median() { sort -n | sed -n 2p; }
for cmd in validate profile; do
  for i in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$tmp/t.$i" "$bin" $cmd "$f" --json "$tmp/$cmd.json" >/dev/null || true
  done
  wall=$(cat "$tmp"/t.* | cut -d' ' -f1 | median)
  rss=$(cat "$tmp"/t.* | cut -d' ' -f2 | sort -n | tail -1)
  echo "$cmd 1M rows: median wall ${wall} s, peak RSS $((rss / 1024)) MB"
  rm -f "$tmp"/t.*
done
