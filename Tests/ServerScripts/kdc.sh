#!/usr/bin/env bash
# A throw-away MIT Kerberos KDC (Debian's krb5-kdc) for the tests: realm ROLECALL.TEST in one
# directory, listening on 127.0.0.1 only (UDP and TCP, one free port), as root or not. No DNS:
# the krb5.conf it writes names the KDC by address, turns every DNS lookup off, and keeps short
# host names short (qualify_shortname: MIT would otherwise add resolv.conf's search domain, and
# ask for HTTP/localhost.example.org instead of HTTP/localhost).
#
#   kdc.sh run DIR OWNER USER...
#                          create the realm in DIR (absent or empty) with a principal for each
#                          USER (its keys in DIR/USER.keytab, for `kinit -k`), HTTP/localhost
#                          (DIR/http.keytab) and HTTP/elsewhere (DIR/elsewhere.keytab); start
#                          the KDC; write DIR/env (KRB5_CONFIG, KDC_REALM, KDC_PORT) when
#                          ready; stop it and remove DIR when the process OWNER is gone (or on
#                          SIGTERM)
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
REALM=ROLECALL.TEST

die() { echo "kdc.sh: $*" >&2; exit 1; }

free_port() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

remove_now() {
    set +e
    local R=$1 pid
    read -r pid < "$R/kdc.pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    rm -rf "$R"
}

cmd_run() {
    local R=$1 owner=$2 port pid
    shift 2
    mkdir -p "$R"
    trap "remove_now '$R'" EXIT  # expanded now: R is local
    trap 'exit 0' TERM INT
    port=$(free_port)
    cat > "$R/krb5.conf" <<CONF
[libdefaults]
    default_realm = $REALM
    dns_lookup_kdc = false
    dns_lookup_realm = false
    dns_canonicalize_hostname = false
    qualify_shortname = ""
    rdns = false
[realms]
    $REALM = {
        kdc = 127.0.0.1:$port
    }
[domain_realm]
    localhost = $REALM
CONF
    cat > "$R/kdc.conf" <<CONF
[kdcdefaults]
    kdc_listen = 127.0.0.1:$port
    kdc_tcp_listen = 127.0.0.1:$port
[realms]
    $REALM = {
        database_name = $R/principal
        key_stash_file = $R/stash
        acl_file = $R/kadm5.acl
    }
[logging]
    kdc = FILE:$R/kdc.log
CONF
    export KRB5_CONFIG=$R/krb5.conf KRB5_KDC_PROFILE=$R/kdc.conf
    kdb5_util create -s -r "$REALM" -P "master-$RANDOM$RANDOM" > "$R/setup.log" 2>&1 || { cat "$R/setup.log" >&2; exit 1; }
    local admin=(kadmin.local -r "$REALM" -q)
    for user in "$@"; do
        "${admin[@]}" "addprinc -randkey $user" >> "$R/setup.log" 2>&1
        "${admin[@]}" "ktadd -k $R/$user.keytab $user" >> "$R/setup.log" 2>&1
    done
    for service in localhost elsewhere; do
        "${admin[@]}" "addprinc -randkey HTTP/$service" >> "$R/setup.log" 2>&1
        "${admin[@]}" "ktadd -k $R/$service.keytab HTTP/$service" >> "$R/setup.log" 2>&1
    done
    mv "$R/localhost.keytab" "$R/http.keytab"
    for file in "${@/%/.keytab}" http.keytab elsewhere.keytab; do
        [ -s "$R/$file" ] || { cat "$R/setup.log" >&2; die "no $file"; }
    done
    krb5kdc -n -P "$R/kdc.pid" > "$R/kdc.out" 2>&1 &
    pid=$!
    echo "$pid" > "$R/kdc.pid"
    local listening=0
    for _ in $(seq 1 600); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { listening=1; break; }
        kill -0 "$pid" 2>/dev/null || { cat "$R/kdc.out" "$R/kdc.log" >&2; die "krb5kdc ended"; }
        sleep 0.05
    done
    [ $listening = 1 ] || { cat "$R/kdc.out" "$R/kdc.log" >&2; die "krb5kdc did not listen on 127.0.0.1:$port"; }
    printf 'KRB5_CONFIG=%s\nKDC_REALM=%s\nKDC_PORT=%s\n' "$R/krb5.conf" "$REALM" "$port" > "$R/.ready.tmp"
    mv "$R/.ready.tmp" "$R/env"
    local missed=0
    while kill -0 "$owner" 2>/dev/null && [ "$missed" -lt 2 ]; do
        if kill -0 "$pid" 2>/dev/null; then missed=0; else missed=$((missed + 1)); fi
        sleep 0.5 || true
    done
}

case "${1:-}" in
    run) [ $# -ge 4 ] || die "usage: kdc.sh run DIR OWNER USER..."; shift; cmd_run "$@" ;;
    *) sed -n '2,14p' "$0"; exit 2 ;;
esac
