#!/usr/bin/env bash
# Fuzzes everything RoleCall parses with libFuzzer + AddressSanitizer, each target for a bounded time.
# Usage: Fuzz/run.sh [seconds per target] [target ...]   (default 60 s; targets: ldif dn filter title lists
# recipients outlook state directory snapshot)
# Seeds come from ../shared/conformance and Docs/examples; crashes go to Fuzz/.crashes/<target>/ and
# fail the run. Inputs that once crashed live in Fuzz/Regressions/<target>/ and are replayed first.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("${@:-ldif dn filter title lists recipients outlook state directory snapshot}")
read -r -a targets <<< "${targets[*]}"

# toolset.json adds -sanitize=fuzzer,address and links with lld (gold cannot link libFuzzer's main here).
# A failed build fails the run: fuzzing a binary left from an earlier build would test old code.
if ! swift build -c release --scratch-path .build --toolset toolset.json > .build.log 2>&1; then
    grep -v "^\[" .build.log >&2
    echo "the fuzz build failed" >&2
    exit 1
fi
binary=.build/release/RoleCallFuzz

seed() {  # seed corpus per target, from files already in the repository and shared/
    local target=$1 corpus=.corpus/$1
    mkdir -p "$corpus"
    case $target in
        ldif) cp -n ../../shared/conformance/*/*.ldif ../Docs/examples/department.ldif "$corpus"/ 2>/dev/null || true ;;
        dn) grep -h '^dn: ' ../Docs/examples/department.ldif ../../shared/conformance/edge/*.ldif 2>/dev/null \
                | sed 's/^dn: //' | split -l 1 - "$corpus/dn-" ;;
        filter) printf '*)(uid=*' > "$corpus/injection"; printf 'a\\b(c)\0d' > "$corpus/specials" ;;
        title | lists) cp -n ../Docs/examples/access-list.txt ../Docs/examples/recipients.txt "$corpus"/ ;;
        recipients) cp -n ../Docs/examples/recipients.txt ../Docs/examples/pasted.txt ../Docs/examples/draft.eml "$corpus"/ ;;
        outlook) cp -n ../Docs/examples/draft.msg "$corpus"/ ;;
        directory) printf '\x10\x02\x05\x21\x03\x01\x40\x02\x00\x03\x04\x11\xe1\x30\x06' > "$corpus/small"
            printf '\x03\x01\x02\x00\x01\x04\x01\x01\x00\x02\x02\x00\x06\x07' > "$corpus/roles" ;;
        snapshot) printf '\x00' > "$corpus/intact"; printf '\x00\x00\x00\x10\x00\x01' > "$corpus/flip"
            printf '\x01\x00\x01\x00\x01\xff' > "$corpus/forged"; printf '\x00\x00\x00\x00\x02\x80' > "$corpus/cut" ;;
        state) printf '{"schemaVersion": 1, "kind": "rolecall-report-state", "asOf": "2026-11-25T00:00:00Z", "holders": {"Chief Statistician": ["uid=a,dc=x"]}}' > "$corpus/state.json" ;;
    esac
}

status=0
for target in "${targets[@]}"; do
    seed "$target"
    mkdir -p ".crashes/$target" "Regressions/$target"
    export ROLECALL_FUZZ_TARGET=$target
    if [ -n "$(ls -A "Regressions/$target")" ]; then
        "$binary" -runs=0 "Regressions/$target"/* >/dev/null 2>&1 || { echo "$target: a regression input fails again" >&2; status=1; }
    fi
    log=".crashes/$target/log"
    if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix=".crashes/$target/" ".corpus/$target" > "$log" 2>&1; then
        echo "$target: $(sed -n 's/.*stat::number_of_executed_units: *//p' "$log") executions in ${seconds} s, no crash"
    else
        echo "$target: FAILED; see Fuzz/$log and the input in Fuzz/.crashes/$target/" >&2
        tail -30 "$log" >&2
        status=1
    fi
done
exit $status
