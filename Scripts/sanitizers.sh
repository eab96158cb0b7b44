#!/usr/bin/env bash
# Runs the library's test suites under AddressSanitizer (LeakSanitizer checks at every process exit),
# with two of the command's: the leak check of the sanitized rolecall against slapd, and hostile
# directory values through every output format. The other command suites run the sanitized
# rolecall in subprocesses: they reach the library's code through paths the library suites do not
# take end to end (serve, file faults, referrals), but the command, Presentation and WebServer
# modules hold no unsafe pointer code of their own, and they cost three to four minutes of CI,
# which is near its limit. That coverage is traded away in CI; ROLECALL_ASAN_SKIP='^$' runs them
# too. Under ThreadSanitizer run the suites whose code runs on more than one thread:
# directory connections and their executors, content sync and snapshot refresh, the parallel
# snapshot and title-index builds, titles resolved in parallel, cancellation and interruption,
# concurrent lookups, concurrent evidence appends, the web server. The other suites
# are single-threaded parsing and matching, which ASan and the fuzzers cover; under TSan they
# would add twenty minutes to CI for no race to find. Any sanitizer report fails the run.
# Both build without the TLS trait (swift-nio-ssl's BoringSSL would add five minutes to each build);
# the HTTPS tests run in the plain `swift test`, and the certificate reading they rely on is RoleCall's
# own Swift, tested here too.
# Usage: Scripts/sanitizers.sh [address] [thread]      (default: both)
#        ROLECALL_TSAN_FILTER=. Scripts/sanitizers.sh thread     (every suite under TSan)
#        ROLECALL_ASAN_SKIP='^$' Scripts/sanitizers.sh address  (every suite under ASan)
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/Scripts/tsan-suppressions.txt"
export LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan-suppressions.txt:print_suppressions=0"
threaded='LDAPClientTests\.|RoleCallTests\.(SnapshotRefreshTests|CancellationTests|SoakTests|ResolverTests|MergedSourceTests'
threaded+='|EmbeddingExampleTests|GroupRecipientTests|EvidenceLogTests)/|TitleMatchingTests\.SimilarTitleIndexTests/'
threaded+='|rolecallTests\.(ServeCommandTests|EvidenceCommandTests|InterruptTests|SnapshotRefreshCommandTests|LDAPLookupCommandTests|ReferralTests)/'
# Every test target but the command's is under ASan, so a new target is included by default.
asan_skip=${ROLECALL_ASAN_SKIP:-'rolecallTests\.(?!(LeakCheckTests|HostileInputTests)(/|$))'}
sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address thread)
for sanitizer in "${sanitizers[@]}"; do
    scratch=".build-$sanitizer"
    export ROLECALL_SANITIZED=$sanitizer
    echo "== swift test under the $sanitizer sanitizer ($scratch)"
    swift build --build-tests --disable-default-traits --sanitize="$sanitizer" --scratch-path "$scratch" 2>&1 | grep -E 'error|warning: |Compiling|Build' | tail -3
    # The leak test runs the sanitized rolecall itself.
    [ "$sanitizer" = address ] && export ROLECALL_ASAN_BINARY="$PWD/$scratch/debug/rolecall"
    selection=(--skip "$asan_skip")
    [ "$sanitizer" = thread ] && selection=(--filter "${ROLECALL_TSAN_FILTER:-$threaded}")
    swift test --skip-build --disable-default-traits --sanitize="$sanitizer" --scratch-path "$scratch" "${selection[@]}" 2>&1 | tee "$scratch/test.log" \
        | grep -E '✘|soak:|Test run with|^(WARNING|SUMMARY): ' || true
    if grep -qE '^(WARNING|SUMMARY): [A-Za-z]*Sanitizer|==[0-9]+==ERROR|✘' "$scratch/test.log" \
        || ! grep -q 'Test run with .* passed' "$scratch/test.log"; then
        echo "$sanitizer: FAILED; see $scratch/test.log" >&2
        exit 1
    fi
    unset ROLECALL_ASAN_BINARY
done
