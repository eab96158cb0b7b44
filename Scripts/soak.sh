#!/usr/bin/env bash
# A bounded soak on loopback: concurrent lookups (read, build, resolve) through the library
# against a real slapd for ROLECALL_SOAK_SECONDS (default 300), plus 10,000 searches on one
# connection; prints throughput and resident memory, fails on any error or memory growth.
# Usage: Scripts/soak.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
export ROLECALL_SOAK_SECONDS=${1:-300}
# Tests use @testable imports, so the release build keeps testability.
swift build -c release --build-tests --scratch-path .build-release -Xswiftc -enable-testing 2>&1 | grep -E 'error|Build' | tail -1
swift test -c release --skip-build --scratch-path .build-release -Xswiftc -enable-testing --filter SoakTests 2>&1 \
    | grep -E '✘|✔|soak:|Expectation'
