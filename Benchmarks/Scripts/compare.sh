#!/usr/bin/env bash
# Runs RoleCall's benchmarks and their peers on the same generated data in one go, and writes
# the figures to Docs/benchmarks.md. Installs the peers it lacks (apt: libsasl2-dev, slapd,
# ldap-utils; PyPI: rapidfuzz, python-ldap).
# Usage: Benchmarks/Scripts/compare.sh            10k, 100k and 1M entries → Docs/benchmarks.md (~25 min)
#        Benchmarks/Scripts/compare.sh --smoke    10k entries → Benchmarks/.data/benchmarks-smoke.md (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --smoke ]; then
    sizes="10k" out=.data/benchmarks-smoke.md
else
    sizes="10k 100k 1m" out=../Docs/benchmarks.md
fi
big=${sizes##* }  # targets are judged at the largest size
mkdir -p .data
# The sections measured by hand (the snapshot, title-matching and web-load issues), between these
# markers in the page as it was, are carried over after the summary: this script does not measure them.
begin='<!-- measured by hand -->' end='<!-- end of what was measured by hand -->'
kept=""
if [ -f "$out" ] && grep -qxF "$begin" "$out"; then
    grep -qxF "$end" "$out" || { echo "$out has the line '$begin' but not '$end' after it: add it and run again" >&2; exit 2; }
    kept=$(sed -n "/^$begin\$/,/^$end\$/p" "$out")
fi
export ROLECALL_BENCH_DATA="$PWD/.data" ROLECALL_BENCH_SIZES="$sizes"
entries() { case $1 in 10k) echo 10000 ;; 100k) echo 100000 ;; 1m) echo 1000000 ;; esac; }

# Peers, installed here so that one command reproduces the page.
if ! python3 -c 'import ldap, rapidfuzz' 2>/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsasl2-dev libldap2-dev python3-dev gcc >/dev/null
    fi
    python3 -m pip install --quiet rapidfuzz python-ldap 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages rapidfuzz python-ldap
fi
command -v slapadd >/dev/null || { echo "compare.sh needs slapd and ldap-utils (apt-get install slapd ldap-utils)" >&2; exit 2; }

# Deterministic data: 40,000 distinct titles (a fifth near misses), a directory per size.
[ -f .data/titles-40k.txt ] || python3 Scripts/generate_titles.py 40000 .data/titles-40k.txt .data/queries.txt 500
for size in $sizes; do
    [ -f ".data/directory-$size.ldif" ] \
        || python3 Scripts/generate_directory.py "$(entries "$size")" .data/titles-40k.txt ".data/directory-$size.ldif" "dc=s$size,dc=example"
done
shuf -n 50 --random-source=.data/titles-40k.txt .data/titles-40k.txt > .data/list-50.txt
cc -O2 -o .data/libldap_ldif_read Peers/libldap_ldif_read.c -lldap -llber
wall() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1 || true; }  # seconds, peak KB; exit 1 (findings) is fine

# A throw-away slapd on a free loopback port holding every size, one database each.
ldapdir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'kill $(cat "$ldapdir/slapd.pid" 2>/dev/null) 2>/dev/null; rm -rf "$ldapdir"' EXIT
printf 'attributetype ( 1.3.6.1.4.1.99999.1.4 NAME %s EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )\n' "'nsAccountLock'" > "$ldapdir/extra.schema"
{
    printf 'include /etc/ldap/schema/%s.schema\n' core cosine inetorgperson nis
    echo "include $ldapdir/extra.schema"
    echo "modulepath /usr/lib/ldap"
    echo "moduleload back_mdb"
    echo "moduleload ppolicy"
    echo "moduleload syncprov"
    echo "pidfile $ldapdir/slapd.pid"
    echo "sizelimit size.soft=1000 size.hard=1000 size.prtotal=unlimited"
    for size in $sizes; do
        mkdir -p "$ldapdir/$size"
        printf 'database mdb\nsuffix "dc=s%s,dc=example"\ndirectory %s\nmaxsize 4294967296\n' "$size" "$ldapdir/$size"
        # The manager applies the changes an incremental refresh reads back (content sync, RFC 4533).
        printf 'rootdn "cn=admin,dc=s%s,dc=example"\nrootpw throwaway-benchmark-password\n' "$size"
        printf 'index objectClass eq\nindex title pres,eq\nindex entryUUID,entryCSN eq\noverlay ppolicy\n'
        printf 'overlay syncprov\nsyncprov-sessionlog 1000\naccess to * by * read\n'
    done
} > "$ldapdir/slapd.conf"
for size in $sizes; do slapadd -q -s -f "$ldapdir/slapd.conf" -b "dc=s$size,dc=example" -l ".data/directory-$size.ldif"; done
slapd -f "$ldapdir/slapd.conf" -h "ldap://127.0.0.1:$port/"
sleep 1
export ROLECALL_BENCH_LDAP_URI="ldap://127.0.0.1:$port/"

# RoleCall with ordo-one/benchmark (release build, malloc counts and peak RSS per benchmark).
ordo() {
    swift package --allow-writing-to-package-directory benchmark --target "$1" --format markdown --path stdout \
        --time-units "$2" --no-progress \
        | grep -v -e 'Warning: running with the Swift runtime interposer' -e 'Note: skipping LD_PRELOAD'
}
ordo DirectoryBenchmarks milliseconds > .data/directory-swift.md
ordo TitleMatchingBenchmarks microseconds > .data/titles-swift.md
# The p50 of one row of one benchmark's table, e.g. p50 file "Snapshot of 10k" "Time (wall clock)".
p50() { awk -F'|' -v name="$2" -v row="$3" 'index($0, "### " name) == 1 {found=1} found && index($2, row) {gsub(/ /, "", $5); print $5; exit}' "$1"; }

# Peers and end-to-end runs, per size.
# A release rolecall: built here, or the one ROLECALL_BINARY names (CI passes its installed build).
rolecall=${ROLECALL_BINARY:-../.build/release/rolecall}
[ -n "${ROLECALL_BINARY:-}" ] || swift build -c release --package-path .. --product rolecall >/dev/null
attributes="title cn mail uid roleOccupant objectClass sAMAccountName userPrincipalName userAccountControl msDS-UserAccountDisabled nsAccountLock loginDisabled pwdAccountLockedTime lockoutTime msDS-User-Account-Control-Computed accountExpires shadowExpire"
declare -A libldap pyldap e2e ldapsearch ldapread snapwrite snaplookup snapreport peerlookup peerreport syncread syncrefresh
# 100 changes to a directory: 50 people added, 25 of them changed, 25 people of the export deleted.
changes_ldif() {
    local size=$1 i
    for i in $(seq 1 50); do
        printf 'dn: uid=bench-new-%s,dc=s%s,dc=example\nchangetype: add\nobjectClass: inetOrgPerson\nuid: bench-new-%s\ncn: New %s\nsn: New\ntitle: Head of Benchmark Arrivals %s\n\n' "$i" "$size" "$i" "$i" "$i"
    done
    for i in $(seq 1 25); do
        printf 'dn: uid=bench-new-%s,dc=s%s,dc=example\nchangetype: modify\nreplace: title\ntitle: Deputy Head of Benchmark Arrivals %s\n-\n\n' "$i" "$size" "$i"
    done
    grep '^dn: ' ".data/directory-$size.ldif" | grep -i 'uid=' | sed -n '100,124p' | sed 's/$/\nchangetype: delete\n/'
}
one_title=$(head -1 .data/list-50.txt)
# The peer of a snapshot lookup: slapd answering the same titles from its indexed database.
title_filter=$(python3 -c 'import sys
esc = lambda t: "".join("\\%02x" % b if b >= 0x80 or b == 0 or chr(b) in "*()\\" else chr(b) for b in t.encode())
print("(|" + "".join("(title=%s)" % esc(l.rstrip("\n")) for l in sys.stdin) + ")")' < .data/list-50.txt)
one_filter=$(head -1 .data/list-50.txt | python3 -c 'import sys
esc = lambda t: "".join("\\%02x" % b if b >= 0x80 or b == 0 or chr(b) in "*()\\" else chr(b) for b in t.encode())
print("(title=%s)" % esc(sys.stdin.read().rstrip("\n")))')
for size in $sizes; do
    file=".data/directory-$size.ldif"
    libldap[$size]=$(wall .data/libldap_ldif_read "$file")
    pyldap[$size]=$(wall python3 Peers/python_ldap_ldif_read.py "$file")
    e2e[$size]=$(wall "$rolecall" report .data/list-50.txt --ldif "$file" --format json --output .data/report.json)
    # shellcheck disable=SC2086
    ldapsearch[$size]=$(wall ldapsearch -x -LLL -H "$ROLECALL_BENCH_LDAP_URI" -b "dc=s$size,dc=example" -E pr=500/noprompt \
        "(|(title=*)(objectClass=organizationalRole))" $attributes)
    ldapread[$size]=$(wall "$rolecall" lookup --uri "$ROLECALL_BENCH_LDAP_URI" --base "dc=s$size,dc=example" "Head of Statistics")
    snapshot=".data/directory-$size.snapshot"
    rm -f "$snapshot"
    snapwrite[$size]=$(wall "$rolecall" snapshot "$snapshot" --ldif "$file")
    "$rolecall" lookup "$one_title" --snapshot "$snapshot" >/dev/null || true  # the page cache, as for the peer
    snaplookup[$size]=$(wall "$rolecall" lookup "$one_title" --snapshot "$snapshot" --format json)
    snapreport[$size]=$(wall "$rolecall" report .data/list-50.txt --snapshot "$snapshot" --format json --output .data/report-snapshot.json)
    peerlookup[$size]=$(wall ldapsearch -x -LLL -H "$ROLECALL_BENCH_LDAP_URI" -b "dc=s$size,dc=example" -E pr=500/noprompt "$one_filter" cn mail title)
    # Content sync: a full read that keeps the cookie, 100 changes, then the incremental refresh.
    sync=".data/sync-$size.snapshot"
    rm -f "$sync"
    export ROLECALL_PASSWORD=throwaway-benchmark-password
    syncread[$size]=$(wall "$rolecall" snapshot "$sync" --uri "$ROLECALL_BENCH_LDAP_URI" --base "dc=s$size,dc=example" --bind-dn "cn=admin,dc=s$size,dc=example")
    changes_ldif "$size" | ldapmodify -x -H "$ROLECALL_BENCH_LDAP_URI" -D "cn=admin,dc=s$size,dc=example" -w "$ROLECALL_PASSWORD" >/dev/null
    syncrefresh[$size]=$(wall "$rolecall" snapshot "$sync" --uri "$ROLECALL_BENCH_LDAP_URI" --base "dc=s$size,dc=example" --bind-dn "cn=admin,dc=s$size,dc=example")
    unset ROLECALL_PASSWORD
    peerreport[$size]=$(wall ldapsearch -x -LLL -H "$ROLECALL_BENCH_LDAP_URI" -b "dc=s$size,dc=example" -E pr=500/noprompt "$title_filter" cn mail title)
done
python3 Scripts/rapidfuzz_similar_titles.py .data/titles-40k.txt .data/queries.txt > .data/titles-peer.txt
python3 Scripts/rapidfuzz_calibration.py > .data/calibration-peer.md

ours_us=$(p50 .data/titles-swift.md "Similar titles" "Time (wall clock)")
peer_ms=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' .data/titles-peer.txt)
ldif_ms=$(p50 .data/directory-swift.md "LDIF: stream $big entries, mapped" "Time (wall clock)")
fetch_ms=$(p50 .data/directory-swift.md "LDAP: paged fetch of $big" "Time (wall clock)")
fetch_mb=$(p50 .data/directory-swift.md "LDAP: paged fetch of $big" "Memory (resident peak)")
read -r libldap_s libldap_kb <<< "${libldap[$big]}"
read -r pyldap_s pyldap_kb <<< "${pyldap[$big]}"
read -r e2e_s e2e_kb <<< "${e2e[$big]}"
read -r ldapsearch_s _ <<< "${ldapsearch[$big]}"
read -r ldap_s ldap_kb <<< "${ldapread[$big]}"
read -r snapwrite_s snapwrite_kb <<< "${snapwrite[$big]}"
read -r snaplookup_s snaplookup_kb <<< "${snaplookup[$big]}"
read -r snapreport_s snapreport_kb <<< "${snapreport[$big]}"
read -r peerlookup_s _ <<< "${peerlookup[$big]}"
read -r peerreport_s _ <<< "${peerreport[$big]}"
read -r syncread_s syncread_kb <<< "${syncread[$big]}"
read -r syncrefresh_s syncrefresh_kb <<< "${syncrefresh[$big]}"
snapshot_mb=$(( $(stat -c %s ".data/directory-$big.snapshot" 2>/dev/null || echo 0) / 1048576 ))
records=$(grep -c '^dn:' ".data/directory-$big.ldif")

{
    echo "# Benchmarks"
    echo
    echo "Written by \`Benchmarks/Scripts/compare.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB;"
    echo "$(swift --version 2>/dev/null | head -1 | sed 's/ (.*//'), $(ldapsearch -VV 2>&1 | sed -n 's/.*\(OpenLDAP: ldapsearch [0-9.]*\).*/\1/p' | head -1),"
    echo "python-ldap $(python3 -c 'import ldap; print(ldap.__version__)'), RapidFuzz $(python3 -c 'import rapidfuzz; print(rapidfuzz.__version__)'))."
    echo "Each RoleCall figure is measured in the same run as its peer, on the same data; targets are judged at $big entries."
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
    awk -v ours="$ldif_ms" -v c="$libldap_s" -v py="$pyldap_s" -v n="$records" 'BEGIN {
        ours_s = ours / 1000
        verdict = (c / ours_s >= 1.5 && py / ours_s >= 20) ? "met" : "missed"
        printf "| LDIF: ≥ 1.5× libldap'"'"'s records/s and ≥ 20× python-ldap'"'"'s | %.0f records/s (%.2f s) | libldap %.0f/s (%.2f s, RoleCall %.2f×); python-ldap %.0f/s (%.1f s, %.1f×) | %s |\n", n / ours_s, ours_s, n / c, c, c / ours_s, n / py, py, py / ours_s, verdict
    }'
    awk -v fetch="$fetch_ms" -v fmb="$fetch_mb" -v ours="$ldap_s" -v kb="$ldap_kb" -v peer="$ldapsearch_s" 'BEGIN {
        verdict = (peer / (fetch / 1000) >= 0.95) ? "met" : "missed"
        printf "| LDAP: paged fetch at ≥ 0.95× ldapsearch, memory bounded by a page | fetch %.1f s, %s MB peak RSS; read + snapshot + lookup %.1f s, %.0f MB | ldapsearch -E pr=500 %.1f s (fetch %.2f×, whole lookup %.2f×) | %s |\n", fetch / 1000, fmb, ours, kb / 1024, peer, peer / (fetch / 1000), peer / ours, verdict
    }'
    awk -v s="$e2e_s" -v kb="$e2e_kb" -v c="$libldap_s" 'BEGIN {
        verdict = (s <= 2 && kb / 1024 <= 400) ? "met" : (kb / 1024 <= 400 ? "memory met, time missed" : (s <= 2 ? "time met, memory missed" : "missed"))
        printf "| end to end, cold: rolecall report, 50 roles from the LDIF, ≤ 2.0 s and ≤ 400 MB (DESIGN.md: ≤ 3 s, ≤ 600 MB) | %.2f s, %.0f MB peak RSS | libldap parses the file in %.2f s | %s |\n", s, kb / 1024, c, verdict
    }'
    awk -v s="$snaplookup_s" -v kb="$snaplookup_kb" -v peer="$peerlookup_s" 'BEGIN {
        printf "| rolecall lookup of one title from a snapshot file, whole process, ≤ 0.05 s | %.2f s, %.0f MB peak RSS | ldapsearch of the title from slapd (indexed): %.2f s | %s |\n", s, kb / 1024, peer, (s <= 0.05 ? "met" : "missed")
    }'
    awk -v s="$snapreport_s" -v kb="$snapreport_kb" -v peer="$peerreport_s" 'BEGIN {
        printf "| rolecall report, 50 roles from a snapshot file, whole process, ≤ 0.15 s | %.2f s, %.0f MB peak RSS | ldapsearch of the 50 titles from slapd (one filter): %.2f s | %s |\n", s, kb / 1024, peer, (s <= 0.15 ? "met" : "missed")
    }'
    awk -v s="$syncrefresh_s" -v kb="$syncrefresh_kb" -v full="$syncread_s" -v fkb="$syncread_kb" 'BEGIN {
        printf "| rolecall snapshot FILE --uri, incremental refresh after 100 changes (RFC 4533, slapd syncprov), whole process, ≤ 1 s | %.2f s, %.0f MB peak RSS | the full sync read it refreshes: %.2f s, %.0f MB | %s |\n", s, kb / 1024, full, fkb / 1024, (s <= 1 ? "met" : "missed")
    }'
    awk -v s="$snapwrite_s" -v kb="$snapwrite_kb" -v mb="$snapshot_mb" -v c="$libldap_s" 'BEGIN {
        printf "| rolecall snapshot FILE --ldif (full read and write; no target) | %.2f s, %.0f MB peak RSS, a %d MB file | libldap parses the file in %.2f s | — |\n", s, kb / 1024, mb, c
    }'
    echo
    [ -z "$kept" ] || printf '%s\n\n' "$kept"
    echo "## Scaling"
    echo
    echo "Cost per entry should stay flat as the directory grows (linear or better); memory follows what is kept."
    echo "LDIF and snapshot times are ordo-one p50s; the rest are whole-process runs (\`/usr/bin/time\`)."
    echo
    echo "| entries | LDIF stream (mapped) | snapshot (read, build, index) | \`rolecall report\` 50 roles | report peak RSS | LDAP paged fetch | fetch peak RSS | ldapsearch | libldap LDIF | python-ldap LDIF |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for size in $sizes; do
        n=$(entries "$size")
        read -r e2s e2kb <<< "${e2e[$size]}"
        read -r lss _ <<< "${ldapsearch[$size]}"
        read -r lls _ <<< "${libldap[$size]}"
        read -r pys _ <<< "${pyldap[$size]}"
        awk -v n="$n" -v stream="$(p50 .data/directory-swift.md "LDIF: stream $size entries, mapped" "Time (wall clock)")" \
            -v snap="$(p50 .data/directory-swift.md "Snapshot of $size" "Time (wall clock)")" \
            -v fetch="$(p50 .data/directory-swift.md "LDAP: paged fetch of $size" "Time (wall clock)")" \
            -v fmb="$(p50 .data/directory-swift.md "LDAP: paged fetch of $size" "Memory (resident peak)")" \
            -v e2s="$e2s" -v e2kb="$e2kb" -v lss="$lss" -v lls="$lls" -v pys="$pys" 'BEGIN {
            us = 1000000 / n
            printf "| %d | %.0f ms (%.2f µs/entry) | %.0f ms (%.2f µs) | %.2f s (%.2f µs) | %.0f MB | %.0f ms (%.1f µs) | %s MB | %.2f s (%.1f µs) | %.2f s | %.2f s |\n",
                n, stream, stream * 1000 / n, snap, snap * 1000 / n, e2s, e2s * us, e2kb / 1024, fetch, fetch * 1000 / n, fmb, lss, lss * us, lls, pys
        }'
    done
    echo
    echo "## LDIF streaming"
    echo
    echo "\`Scripts/generate_directory.py\` writes about 370 bytes per person (13 values), one organizationalRole per"
    echo "1,000 people, 1 in 50 accounts disabled, locked or expired. RoleCall reads with \`LDIFReader.nextEntry\`, keeping"
    echo "only the attributes RoleCall maps (as \`rolecall\` does); libldap (\`Peers/libldap_ldif_read.c\`:"
    echo "\`ldif_read_record\` + \`ldap_parse_ldif_record\`) and python-ldap (\`LDIFParser\`) parse every attribute, having"
    echo "no way to skip any. At $big entries: libldap $libldap_s s, $((libldap_kb / 1024)) MB; python-ldap $pyldap_s s, $((pyldap_kb / 1024)) MB."
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
    echo "## Title matching quality on the labelled pairs"
    echo
    echo "RoleCall flags 100% of the confusable pairs and 0% of the distinct pairs in"
    echo "\`shared/eval/title-pairs.tsv\` (asserted by \`Tests/TitleMatchingTests/CalibrationTests.swift\`)."
    echo "RapidFuzz on the same file, at each scorer's best threshold:"
    echo
    cat .data/calibration-peer.md
    echo
    echo "## ordo-one/benchmark output"
    echo
    cat .data/directory-swift.md
    echo
    cat .data/titles-swift.md
} > "$out.new"
# Written whole, then put in place: a run that fails half-way leaves the page as it was.
mv "$out.new" "$out"
echo "wrote $out"
