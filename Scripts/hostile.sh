#!/usr/bin/env bash
# The hostile-input tests at full size against a release build of rolecall: a million values in one
# attribute, a million distinct words in one title, a million titles on one person, a million
# attribute names, a million DN components. `swift test` runs the same tests at 70,000, sized for a
# debug build; this script keeps the million-value shapes honest. Only a hang fails on time (each
# run is stopped after 10 minutes); everything else is a correct answer or a clear message.
# Usage: [ROLECALL_BINARY=release-rolecall] Scripts/hostile.sh [scale]
#        (default 1000000; builds a release rolecall unless given one, and the debug test build)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1000000}
if [ -z "${ROLECALL_BINARY:-}" ]; then
    swift build -c release --product rolecall 2>&1 | grep -E 'error|Compiling rolecall|Build' | tail -1
    ROLECALL_BINARY=$PWD/.build/release/rolecall
fi
swift build --build-tests 2>&1 | grep -E 'error|Build' | tail -1
ROLECALL_BINARY=$ROLECALL_BINARY ROLECALL_HOSTILE_SCALE=$scale \
    swift test --skip-build --filter HostileInputTests 2>&1 | grep -E '✘|✔|Expectation|error'
