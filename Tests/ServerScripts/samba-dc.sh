#!/usr/bin/env bash
# A throw-away Samba Active Directory domain controller for the tests, on loopback only.
#
#   samba-dc.sh template CACHE             provision the domain DDA.EXAMPLE and load the AD form of
#                                          Docs/examples/department.ldif, once: CACHE/template is
#                                          reused while this script and the example are unchanged
#   samba-dc.sh run TEMPLATE RUN OWNER     copy the template to RUN, start samba, and relay its
#                                          ports to free ports on 127.0.0.1; writes RUN/env when
#                                          ready; stops everything and removes RUN when the
#                                          process OWNER is gone (or on SIGTERM)
#
# Samba runs in network, mount and UTS namespaces of its own (a user namespace too when not root):
# only `lo` exists there, so no broadcast, name service or other traffic can leave it, and its
# fixed ports (389, 636, 88, 3268, 3269) clash with nothing. NetBIOS is off and only the `ldap`
# and `kdc` services run. The tests reach it through socat relays on 127.0.0.1; the DC's
# certificate names localhost and 127.0.0.1, and `ldap/localhost` is one of its Kerberos names.
set -euo pipefail
# Server tools live in sbin, which an ordinary user's PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
REALM=DDA.EXAMPLE
DOMAIN=DDA
ADMIN_PASSWORD='Adm1n!correct-horse'
PY=/usr/bin/python3  # Samba's Python bindings belong to Debian's python3

die() { echo "samba-dc.sh: $*" >&2; exit 1; }

# Runs "$@" in fresh network+mount namespaces holding only lo (a user namespace too when not root).
isolated() {
    local unshare=(unshare --net --mount --propagation private)
    if [ "$(id -u)" != 0 ]; then
        # Provisioning chowns sysvol to Samba's id range (3000000+) and calls setgroups: a user
        # namespace needs subordinate ids for that (package uidmap, /etc/subuid and /etc/subgid).
        local me sub_u sub_g
        me=$(id -un)
        sub_u=$(awk -F: -v u="$me" '$1 == u { print $2; exit }' /etc/subuid 2>/dev/null)
        sub_g=$(awk -F: -v u="$me" '$1 == u { print $2; exit }' /etc/subgid 2>/dev/null)
        [ -n "$sub_u" ] && [ -n "$sub_g" ] && command -v newuidmap >/dev/null \
            || die "as $me, Samba needs the uidmap package and /etc/subuid, /etc/subgid entries for $me"
        unshare=(unshare --map-user=0 --map-group=0 --map-users="$sub_u,3000000,65535"
            --map-groups="$sub_g,3000000,65535" --net --mount --propagation private)
    fi
    "${unshare[@]}" -- /bin/sh -c 'ip link set lo up && exec "$@"' sh "$@"
}

cmd_template() {
    local cache=$1
    local stamp
    stamp=$(cat "$0" "$HERE/samba-seed.py" "$ROOT/Docs/examples/department.ldif" | sha256sum | cut -c1-16)
    local template=$cache/template-$stamp
    mkdir -p "$cache"
    exec 9> "$cache/.lock"
    flock 9
    if [ -f "$template/.ready" ]; then echo "$template"; return; fi
    rm -rf "$cache"/template-*
    mkdir -p "$template"
    local extra=()
    [ "$(id -u)" = 0 ] || extra=(--option=acl_xattr:security_acl_name=user.NTACL)
    : > "$template/empty.conf"
    isolated samba-tool domain provision --configfile="$template/empty.conf" --targetdir="$template" \
        --realm=$REALM --domain=$DOMAIN --host-name=dc1 --host-ip=127.0.0.1 --server-role=dc \
        --dns-backend=NONE --use-rfc2307 --adminpass="$ADMIN_PASSWORD" \
        --option="interfaces=lo" --option="bind interfaces only=yes" --option="disable netbios=yes" \
        --option="server services=ldap kdc" --option="log file=$template/log/%m.log" \
        --option="pid directory=$template/run" --option="ncalrpc dir=$template/run/ncalrpc" \
        --option="winbindd socket directory=$template/run/winbindd" \
        --option="ntp signd socket directory=$template/run/ntp_signd" "${extra[@]}" \
        > "$template/provision.log" 2>&1 || { cat "$template/provision.log" >&2; die "provisioning failed"; }
    [ "$(id -u)" = 0 ] || isolated chown -R 0:0 "$template/state/sysvol"
    mkdir -p "$template/run" "$template/log"
    # The DC's service names (normally registered by the dnsupdate service, which does not run
    # here), and ldap/localhost: the name the tests reach it by.
    isolated samba_spnupdate -s "$template/etc/smb.conf" > "$template/spnupdate.log" 2>&1 \
        || { cat "$template/spnupdate.log" >&2; die "samba_spnupdate failed"; }
    isolated samba-tool spn add ldap/localhost 'DC1$' -s "$template/etc/smb.conf" > /dev/null
    # TLS from a CA of the tests' own, for the names the tests use.
    local tls=$template/private/tls
    mkdir -p "$tls"
    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -days 3650 \
        -keyout "$tls/ca-key.pem" -out "$tls/ca.pem" -subj "/CN=RoleCall Samba test CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$tls/key.pem" \
        -out "$tls/cert.csr" -subj "/CN=dc1.dda.example" 2>/dev/null
    openssl x509 -req -in "$tls/cert.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca-key.pem" -CAcreateserial \
        -out "$tls/cert.pem" -days 3650 -extfile <(printf '%s\n' \
            "subjectAltName=DNS:dc1.dda.example,DNS:dc1,DNS:localhost,IP:127.0.0.1" \
            "extendedKeyUsage=serverAuth" "keyUsage=critical,digitalSignature,keyEncipherment") 2>/dev/null
    chmod 600 "$tls/key.pem" "$tls/ca-key.pem"
    sed -i 's#^\[global\]#[global]\n\ttls enabled = yes\n\ttls keyfile = tls/key.pem\n\ttls certfile = tls/cert.pem\n\ttls cafile = tls/ca.pem#' \
        "$template/etc/smb.conf"
    isolated "$PY" "$HERE/samba-seed.py" "$template/etc/smb.conf" "$ROOT/Docs/examples/department.ldif" \
        > "$template/seed.log" 2>&1 || { cat "$template/seed.log" >&2; die "seeding failed"; }
    isolated samba-tool domain exportkeytab "$template/rolecall.keytab" \
        --principal=svc-rolecall@$REALM -s "$template/etc/smb.conf" > /dev/null
    isolated samba-tool domain exportkeytab "$template/ghost.keytab" \
        --principal=ghost@$REALM -s "$template/etc/smb.conf" > /dev/null
    isolated samba-tool user delete ghost -s "$template/etc/smb.conf" > /dev/null
    chmod 644 "$template/rolecall.keytab" "$template/ghost.keytab"
    touch "$template/.ready"
    echo "$template"
}

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# socat runs this for each relayed connection: into the DC's namespaces, then to its port.
cmd_relay_in() {
    local holder=$1 port=$2
    if [ "$(id -u)" = 0 ]; then
        exec nsenter -t "$holder" -n -- socat STDIO "TCP:127.0.0.1:$port"
    fi
    exec nsenter -t "$holder" -U -n --preserve-credentials -- socat STDIO "TCP:127.0.0.1:$port"
}

# What `run` started (each a process-group leader) and the copy it made; cleared on exit.
PIDS=()
RUN=""
cleanup() {
    trap - EXIT
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
    sleep 0.2
    for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; done
    [ -z "$RUN" ] || rm -rf "$RUN"
}

cmd_run() {
    local template=$1 run=$2 owner=$3
    RUN=$run
    # cleanup runs once, on exit; a signal only makes the script exit (so nothing starts after it).
    trap cleanup EXIT
    trap 'exit 143' TERM INT
    rm -rf "$run"
    cp -a "$template" "$run"
    sed -i "s#$template#$run#g" "$run/etc/smb.conf"
    # The namespaces, held by a process that only sleeps.
    local unshare=(unshare --net --mount --uts --propagation private)
    local enter=(-n -m -u)
    if [ "$(id -u)" != 0 ]; then
        unshare=(unshare --user --map-root-user --net --mount --uts --propagation private)
        enter=(-U -n -m -u --preserve-credentials)
    fi
    setsid "${unshare[@]}" -- /bin/sh -c 'ip link set lo up && hostname dc1 && touch "$1/.ns" && exec sleep infinity' \
        sh "$run" < /dev/null > "$run/log/holder.log" 2>&1 &
    local holder=$!
    PIDS+=("$holder")
    for _ in $(seq 600); do [ -e "$run/.ns" ] && break; sleep 0.05; done
    [ -e "$run/.ns" ] || die "the namespace did not come up: $(cat "$run/log/holder.log")"
    setsid nsenter -t "$holder" "${enter[@]}" -- samba -F --debug-stdout -M single -s "$run/etc/smb.conf" \
        < /dev/null > "$run/log/samba.log" 2>&1 &
    local samba=$!
    PIDS+=("$samba")
    for port in 389 636 88 3268 3269; do
        local up=0
        for _ in $(seq 1200); do
            if nsenter -t "$holder" "${enter[@]}" -- bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
                up=1
                break
            fi
            kill -0 "$samba" 2>/dev/null || break
            sleep 0.05
        done
        [ $up = 1 ] || die "samba did not listen on $port: $(tail -20 "$run/log/samba.log")"
    done
    local env=""
    for pair in LDAP:389 LDAPS:636 KDC:88 GC:3268 GCS:3269; do
        local name=${pair%%:*} inside=${pair##*:} outside
        outside=$(free_port)
        setsid socat "TCP-LISTEN:$outside,bind=127.0.0.1,reuseaddr,fork" \
            SYSTEM:"exec '$0' relay-in $holder $inside" < /dev/null >> "$run/log/relay.log" 2>&1 &
        PIDS+=($!)
        local listening=0
        for _ in $(seq 600); do
            if (exec 3<> "/dev/tcp/127.0.0.1/$outside") 2>/dev/null; then listening=1; break; fi
            sleep 0.05
        done
        [ $listening = 1 ] || die "the relay for port $inside did not listen: $(tail -5 "$run/log/relay.log")"
        env+="$name=$outside"$'\n'
    done
    printf '%s' "$env" > "$run/env.tmp"
    mv "$run/env.tmp" "$run/env"
    while kill -0 "$owner" 2>/dev/null && kill -0 "$samba" 2>/dev/null; do sleep 0.5; done
}

for tool in samba samba-tool socat nsenter unshare; do
    command -v "$tool" > /dev/null || die "$tool is missing: run Scripts/setup.sh (as root) to install the test servers"
done

case "${1:-}" in
    template) cmd_template "$2" ;;
    run) cmd_run "$2" "$3" "$4" ;;
    relay-in) cmd_relay_in "$2" "$3" ;;
    *) die "usage: samba-dc.sh template CACHE | run TEMPLATE RUN OWNER" ;;
esac
