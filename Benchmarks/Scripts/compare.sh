#!/usr/bin/env bash
# Runs RoleCall's benchmarks and their peers on the same generated data in one go, and writes
# the figures to Docs/benchmarks.md. Needs: python3 with rapidfuzz (pip install rapidfuzz).
# Usage: Benchmarks/Scripts/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .data
export ROLECALL_BENCH_DATA="$PWD/.data"
out=../Docs/benchmarks.md

python3 Scripts/generate_titles.py 40000 .data/titles-40k.txt .data/queries.txt 500

swift package --allow-writing-to-package-directory benchmark --target TitleMatchingBenchmarks \
    --format markdown --path stdout --time-units microseconds --no-progress \
    | grep -v -e 'Warning: running with the Swift runtime interposer' -e 'Note: skipping LD_PRELOAD' > .data/titles-swift.md
python3 Scripts/rapidfuzz_similar_titles.py .data/titles-40k.txt .data/queries.txt > .data/titles-peer.txt
python3 Scripts/rapidfuzz_calibration.py > .data/calibration-peer.md

# p50 of the wall-clock row of the similar-titles benchmark, in microseconds.
ours_us=$(awk -F'|' '/### Similar titles/ {found=1} found && /Time \(wall clock\)/ {gsub(/ /, "", $5); print $5; exit}' .data/titles-swift.md)
peer_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' .data/titles-peer.txt)

{
    echo "# Benchmarks"
    echo
    echo "Written by \`Benchmarks/Scripts/compare.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB);"
    echo "each RoleCall figure is measured in the same run as its peer, on the same data."
    echo
    echo "## Summary"
    echo
    echo "| target (DESIGN.md) | RoleCall | peer | verdict |"
    echo "| --- | ---: | ---: | --- |"
    awk -v ours="$ours_us" -v peer="$peer_ms" 'BEGIN {
        ratio = peer * 1000 / ours
        verdict = (ours <= 1000 && ratio >= 20) ? "met" : "missed"
        printf "| similar titles: median ≤ 1 ms per query over 40k titles, ≥ 20× RapidFuzz token_set_ratio brute force | %.3f ms | %.3f ms (%.0f× slower) | %s |\n", ours / 1000, peer, ratio, verdict
    }'
    echo
    echo "## Similar titles over 40,000 distinct titles"
    echo
    echo "Titles and 500 queries from \`Scripts/generate_titles.py\` (seeded; a fifth of the titles are near misses)."
    echo "RoleCall: ordo-one/benchmark, one query per iteration, release build. Peer: RapidFuzz"
    echo "\`process.extract\` with \`token_set_ratio\` over every title (brute force), one query at a time."
    echo
    echo '```'
    cat .data/titles-peer.txt
    echo '```'
    echo
    cat .data/titles-swift.md
    echo
    echo "## Title matching quality on the labelled pairs"
    echo
    echo "RoleCall flags 100% of the confusable pairs and 0% of the distinct pairs in"
    echo "\`shared/eval/title-pairs.tsv\` (asserted by \`Tests/TitleMatchingTests/CalibrationTests.swift\`)."
    echo "RapidFuzz on the same file, at each scorer's best threshold:"
    echo
    cat .data/calibration-peer.md
} > "$out"
echo "wrote $out"
