#!/usr/bin/env bash
# The web page's JSON API under load: `rolecall serve` (release build) on a 1M-person snapshot, with
# `wrk -t2 -c64 -d30s` asking GET /api/lookup for titles chosen at random among 1,000 listed ones;
# the rate limit off, after a warm-up that asks each title once. Reports requests/s, latency
# percentiles, the server's CPU time per answer, and its resident memory after the warm-up and
# after the run. Writes Benchmarks/.data/serve-load.md.
# ROLECALL_LOAD_CONNECTIONS=N asks with N connections instead of 64 (latency with less queueing).
# usage: [ROLECALL_BINARY=path] Benchmarks/Scripts/serve-load.sh [ENTRIES]   (default 1000000; needs wrk and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-1000000}
duration=${ROLECALL_LOAD_SECONDS:-30}
connections=${ROLECALL_LOAD_CONNECTIONS:-64}
mkdir -p .data
command -v wrk >/dev/null || { echo "serve-load.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
[ -f .data/titles-40k.txt ] || python3 Scripts/generate_titles.py 40000 .data/titles-40k.txt .data/queries.txt 500
ldif=".data/directory-load-$entries.ldif"
[ -f "$ldif" ] || python3 Scripts/generate_directory.py "$entries" .data/titles-40k.txt "$ldif" "dc=load,dc=example"
# A release rolecall: built here, or the one ROLECALL_BINARY names (to compare two builds).
rolecall=${ROLECALL_BINARY:-../.build/release/rolecall}
[ -n "${ROLECALL_BINARY:-}" ] || swift build -c release --package-path .. --product rolecall >/dev/null
snapshot=".data/load-$entries.snapshot"
[ -f "$snapshot" ] || "$rolecall" snapshot "$snapshot" --ldif "$ldif" >/dev/null

# 1,000 listed titles, as a Lua table of URL-encoded paths.
lua=.data/lookup-load.lua
shuf -n 1000 --random-source=.data/titles-40k.txt .data/titles-40k.txt | python3 -c '
import sys, urllib.parse
paths = ["/api/lookup?title=" + urllib.parse.quote(line.rstrip("\n"), safe="") for line in sys.stdin]
print("local paths = {" + ",".join("%r" % p for p in paths).replace("\x27", "\"") + "}")
print("request = function() return wrk.format(\"GET\", paths[math.random(#paths)]) end")
' > "$lua"

work=$(mktemp -d)
"$rolecall" serve --snapshot "$snapshot" --listen 127.0.0.1:0 --rate-limit 0 > "$work/url" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 600); do grep -q '^listening on ' "$work/url" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/url")
rss() { awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$server/status"; }
cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }   # user + system, in clock ticks
# Warm-up: every listed title asked once (its first similar-title search, about 15 ms of CPU, is
# not what a busy page does), then 5 s of load: the snapshot's pages in memory, every path run.
python3 -c '
import re, sys
for path in re.findall(r"\"(/api/lookup[^\"]*)\"", open(sys.argv[1]).read()):
    print("url = \"%s%s\"\noutput = /dev/null" % (sys.argv[2], path))' "$lua" "$url" > "$work/titles.curl"
curl -s -K "$work/titles.curl" --parallel --parallel-max 2 > /dev/null
wrk -t2 -c64 -d5s -s "$lua" "$url" >/dev/null
warm=$(rss)
before=$(cpu)
wrk -t"$(( connections < 2 ? connections : 2 ))" -c"$connections" -d"${duration}s" --latency -s "$lua" "$url" > "$work/wrk.txt"
after=$(rss)
answers=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
per_answer=$(awk -v t="$(( $(cpu) - before ))" -v n="$answers" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.2f ms", 1000 * t / hz / n }')
cat "$work/wrk.txt"
rate=$(awk '/^Requests\/sec/ { print $2 }' "$work/wrk.txt")
p() { awk -v q="$1" '$1 == q { print $2 }' "$work/wrk.txt"; }
errors=$(awk '/Non-2xx|Socket errors/ { print }' "$work/wrk.txt")
{
    echo "| entries | connections | requests/s | p50 | p90 | p99 | server CPU per answer | RSS after warm-up | RSS after run | errors |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    echo "| $entries | $connections | $rate | $(p 50%) | $(p 90%) | $(p 99%) | $per_answer | ${warm} MB | ${after} MB | ${errors:-none} |"
} | tee .data/serve-load.md
