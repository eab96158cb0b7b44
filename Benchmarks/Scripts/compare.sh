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
[ -f .data/directory-1m.ldif ] || python3 Scripts/generate_directory.py 1000000 .data/titles-40k.txt .data/directory-1m.ldif
shuf -n 50 --random-source=.data/titles-40k.txt .data/titles-40k.txt > .data/list-50.txt
cc -O2 -o .data/libldap_ldif_read Peers/libldap_ldif_read.c -lldap -llber

# LDIF throughput: RoleCall (ordo-one) and its two peers on the same file, in one run.
swift package --allow-writing-to-package-directory benchmark --target LDIFBenchmarks \
    --format markdown --path stdout --time-units milliseconds --no-progress \
    | grep -v -e 'Warning: running with the Swift runtime interposer' -e 'Note: skipping LD_PRELOAD' > .data/ldif-swift.md
# Whole-process wall seconds and peak RSS (KB); a findings exit status (1) is not a failure here.
wall() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1 || true; }
libldap=$(wall .data/libldap_ldif_read .data/directory-1m.ldif)
pyldap=$(wall python3 Peers/python_ldap_ldif_read.py .data/directory-1m.ldif)

# End to end: a 50-role report over the 1M-entry export, as a scheduler runs it.
swift build -c release --package-path .. --product rolecall >/dev/null
e2e=$(wall ../.build/release/rolecall report .data/list-50.txt --ldif .data/directory-1m.ldif --format json --output .data/report.json)

swift package --allow-writing-to-package-directory benchmark --target TitleMatchingBenchmarks \
    --format markdown --path stdout --time-units microseconds --no-progress \
    | grep -v -e 'Warning: running with the Swift runtime interposer' -e 'Note: skipping LD_PRELOAD' > .data/titles-swift.md
python3 Scripts/rapidfuzz_similar_titles.py .data/titles-40k.txt .data/queries.txt > .data/titles-peer.txt
python3 Scripts/rapidfuzz_calibration.py > .data/calibration-peer.md

# p50 of the wall-clock row of the similar-titles benchmark, in microseconds.
ours_us=$(awk -F'|' '/### Similar titles/ {found=1} found && /Time \(wall clock\)/ {gsub(/ /, "", $5); print $5; exit}' .data/titles-swift.md)
peer_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' .data/titles-peer.txt)

# LDAP: the same export loaded into a throw-away slapd on a free loopback port; RoleCall's read
# (paged, mapped attributes, then the lookup) against ldapsearch's paged search for the same entries.
ldapdir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$ldapdir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
pidfile $ldapdir/slapd.pid
sizelimit size.soft=1000 size.hard=1000 size.prtotal=unlimited
database mdb
suffix "dc=big,dc=example"
directory $ldapdir
maxsize 4294967296
index objectClass eq
index title pres,eq
overlay ppolicy
access to * by * read
CONF
printf 'attributetype ( 1.3.6.1.4.1.99999.1.4 NAME %s EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )\n' "'nsAccountLock'" > "$ldapdir/extra.schema"
sed -i "5a include $ldapdir/extra.schema" "$ldapdir/slapd.conf"
slapadd -q -s -f "$ldapdir/slapd.conf" -l .data/directory-1m.ldif
slapd -f "$ldapdir/slapd.conf" -h "ldap://127.0.0.1:$port/"
trap 'kill $(cat "$ldapdir/slapd.pid") 2>/dev/null; rm -rf "$ldapdir"' EXIT
sleep 1
attributes="title cn mail uid roleOccupant objectClass sAMAccountName userPrincipalName userAccountControl msDS-UserAccountDisabled nsAccountLock loginDisabled pwdAccountLockedTime lockoutTime msDS-User-Account-Control-Computed accountExpires shadowExpire"
# shellcheck disable=SC2086
ldapsearch_run=$(wall ldapsearch -x -LLL -H "ldap://127.0.0.1:$port/" -b dc=big,dc=example -E pr=500/noprompt "(|(title=*)(objectClass=organizationalRole))" $attributes)
ldap_run=$(wall ../.build/release/rolecall lookup --uri "ldap://127.0.0.1:$port/" --base dc=big,dc=example "Head of Statistics")

ldif_ms=$(awk -F'|' '/### LDIF: stream 1M entries, mapped/ {found=1} found && /Time \(wall clock\)/ {gsub(/ /, "", $5); print $5; exit}' .data/ldif-swift.md)
records=$(grep -c '^dn:' .data/directory-1m.ldif)

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
    read -r libldap_s libldap_kb <<< "$libldap"
    read -r pyldap_s pyldap_kb <<< "$pyldap"
    read -r e2e_s e2e_kb <<< "$e2e"
    awk -v ours="$ldif_ms" -v c="$libldap_s" -v py="$pyldap_s" -v n="$records" 'BEGIN {
        ours_s = ours / 1000
        verdict = (c / ours_s >= 1.5 && py / ours_s >= 20) ? "met" : "missed"
        printf "| LDIF: ≥ 1.5× libldap'"'"'s records/s and ≥ 20× python-ldap'"'"'s on a 1M-entry export | %.0f records/s (%.2f s) | libldap %.0f/s (%.2f s, %.2f×); python-ldap %.0f/s (%.1f s, %.1f×) | %s |\n", n / ours_s, ours_s, n / c, c, c / ours_s, n / py, py, py / ours_s, verdict
    }'
    read -r ldapsearch_s ldapsearch_kb <<< "$ldapsearch_run"
    read -r ldap_s ldap_kb <<< "$ldap_run"
    awk -v ours="$ldap_s" -v kb="$ldap_kb" -v peer="$ldapsearch_s" 'BEGIN {
        verdict = (peer / ours >= 0.95) ? "met" : "missed"
        printf "| LDAP: read 1M entries with paging at ≥ 0.95× ldapsearch, bounded memory | %.1f s, %.0f MB peak RSS (read, snapshot, one lookup) | ldapsearch -E pr=500 %.1f s (RoleCall %.2f× its speed) | %s |\n", ours, kb / 1024, peer, peer / ours, verdict
    }'
    awk -v s="$e2e_s" -v kb="$e2e_kb" 'BEGIN {
        verdict = (s <= 3 && kb / 1024 <= 600) ? "met" : (kb / 1024 <= 600 ? "memory met, time missed" : "missed")
        printf "| end to end: rolecall report, 50 roles, 1M-entry LDIF, ≤ 3 s and ≤ 600 MB | %.2f s, %.0f MB peak RSS | — | %s |\n", s, kb / 1024, verdict
    }'
    echo
    echo "## LDIF streaming, 1,000,000 entries"
    echo
    echo "\`Scripts/generate_directory.py\` writes $(du -m .data/directory-1m.ldif | cut -f1) MB: $records records, about 13 values each."
    echo "RoleCall reads with \`LDIFReader.nextEntry\`, keeping only the attributes RoleCall maps (as \`rolecall\` does);"
    echo "libldap (\`Peers/libldap_ldif_read.c\`: \`ldif_read_record\` + \`ldap_parse_ldif_record\`) and python-ldap"
    echo "(\`LDIFParser\`) parse every attribute, having no way to skip any. Whole-process wall time and peak RSS"
    echo "for the peers (\`/usr/bin/time\`): libldap $libldap_s s, $((libldap_kb / 1024)) MB; python-ldap $pyldap_s s, $((pyldap_kb / 1024)) MB."
    echo
    cat .data/ldif-swift.md
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
