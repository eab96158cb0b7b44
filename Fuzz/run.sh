#!/usr/bin/env bash
# Fuzzes the LDIF reader, DN parsing and title normalisation with libFuzzer + AddressSanitizer.
# Usage: Fuzz/run.sh [seconds]   (default 60). Crashes are written to Fuzz/.crashes/.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p .build .corpus .crashes
cp -n ../../shared/conformance/edge/*.ldif .corpus/ 2>/dev/null || true
cp -n ../Docs/examples/department.ldif .corpus/ 2>/dev/null || true
# One module of the three targets' sources (their imports of each other dropped).
rm -rf .build/src && mkdir -p .build/src
for file in ../Sources/LDIF/*.swift ../Sources/Directory/*.swift ../Sources/TitleMatching/*.swift; do
    sed -E '/^(public |internal )?import (LDIF|Directory|TitleMatching)$/d' "$file" > ".build/src/$(basename "$(dirname "$file")")-$(basename "$file")"
done
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name RoleCallFuzz -package-name RoleCall \
    .build/src/*.swift LDIFFuzzer.swift -o .build/ldif-fuzzer
./.build/ldif-fuzzer -max_total_time="${1:-60}" -max_len=4096 -artifact_prefix=.crashes/ .corpus
