#!/usr/bin/env bash
# make bench: the figures the README quotes, measured in one run on this machine.
#  1. Go benchmarks of the hot paths (allocations per op included);
#  2. paygen generate vs the peers (../shared/peers/bench.sh: DuckDB SQL, naive gofakeit), 1M rows;
#  3. the scale table (issue 16): generate, validate and profile at 1M and 10M rows, and 100M with
#     BENCH_100M=1 (about 8 GB of disk and several minutes): wall time, rows/s, CPU seconds per
#     million rows, peak RSS, bytes per row, mean row group size; the cost per row should be flat;
#  4. validate and profile wall time on the 1M file (median of 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=./bin/paygen
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Go benchmarks"
go test -run '^$' -bench 'WriteColumns|BlockFill|ColumnsScale' -benchmem -count 3 ./runtime/pqwrite/ | grep -E '^Benchmark'
echo "== peers, 1M rows"
if [ -x ../shared/peers/bench.sh ]; then
  ../shared/peers/bench.sh 1000000 -- "$bin" generate --rows '{ROWS}' --out '{OUT}' --date 2025-05-29 --quiet
else
  echo "(../shared/peers/bench.sh not found: skipped)"
fi
echo "== scale: cost per row by size (one run each; CPU s/M = user+system seconds per million rows)"
sizes="1M 10M"
if [ "${BENCH_100M:-0}" = 1 ]; then sizes="$sizes 100M"; fi
printf '| %-5s | %-8s | %-11s | %-8s | %-8s | %-9s | %-9s | %-21s | %-21s |\n' rows wall rows/s "CPU s/M" "peak RSS" bytes/row "row group" "validate: wall, RSS" "profile: wall, RSS"
printf '|%s|\n' "-------|----------|-------------|----------|----------|-----------|-----------|-----------------------|-----------------------"
for rows in $sizes; do
  n=$(echo "$rows" | sed 's/M$/000000/')
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/g" "$bin" generate --rows "$rows" --out "$tmp/$rows" --date 2025-05-29 --quiet
  read -r wall user sys rss <"$tmp/g"
  f=$(ls "$tmp/$rows"/*.parquet)
  size=$(stat -c %s "$f")
  groups=$(go run ./tests/tools/rowgroups "$f")
  for cmd in validate profile; do
    /usr/bin/time -f "%e %M" -o "$tmp/$cmd" "$bin" $cmd "$f" --json "$tmp/$cmd.json" >/dev/null || true
  done
  read -r vwall vrss <"$tmp/validate"
  read -r pwall prss <"$tmp/profile"
  awk -v r="$rows" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v z="$size" -v g="$groups" \
      -v vw="$vwall" -v vm="$vrss" -v pw="$pwall" -v pm="$prss" 'BEGIN {
    printf "| %-5s | %6.2f s | %11.0f | %8.3f | %5.0f MB | %9.1f | %6.1f MB | %6.2f s, %6.0f MB | %6.2f s, %6.0f MB |\n",
      r, w, n / w, (u + s) / (n / 1e6), m / 1024, z / n, g / 1e6, vw, vm / 1024, pw, pm / 1024 }'
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
