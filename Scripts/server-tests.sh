#!/usr/bin/env bash
# After `swift test` has passed: how many tests ran against each real directory server. Every
# server fixture fails its tests when it cannot start (none is ever skipped), so a passing run
# ran all of these; a server with no tests at all fails this script.
# Usage: Scripts/server-tests.sh   (needs the debug test build)
set -euo pipefail
cd "$(dirname "$0")/.."
tests=$(swift test list --skip-build 2>/dev/null)
count() { grep -cE "$1" <<< "$tests" || true; }
slapd=$(count '\.(LDAPConnectionTests|LDAPLookupCommandTests|LeakCheckTests|SoakTests|SnapshotRefreshTests|SnapshotRefreshCommandTests)/|EmbeddingExampleTests/preSendCheck|HostileInputTests/injectedRecipients')
ds389=$(count '\.DirectoryServer389(Command)?Tests/')
samba=$(count '\.(ActiveDirectoryTests|SambaCommandTests)/')
kdc=$(count '\.ServeKerberosTests/|KerberosAcceptorTests/tokensThatAreNotTickets')
echo "tests against real servers: OpenLDAP slapd $slapd, 389 Directory Server $ds389, Samba Active Directory $samba," \
    "MIT Kerberos KDC $kdc"
for n in "$slapd" "$ds389" "$samba" "$kdc"; do [ "$n" -gt 0 ] || { echo "a server has no tests" >&2; exit 1; }; done
