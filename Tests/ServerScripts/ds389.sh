#!/usr/bin/env bash
# A throw-away 389 Directory Server (Debian's 389-ds-base) for the tests: no systemd, every file
# of the instance under one directory, LDAP and LDAPS on 127.0.0.1 only, as root or not.
#
#   ds389.sh run DIR OWNER LDIF...   create the instance in DIR (absent or empty), start it, add the
#                                    account-state schema, import the LDIF files, allow anonymous
#                                    reads of the suffix except ou=Hidden; writes DIR/env
#                                    (DS_URI, DS_LDAPS_URI, DS_CA, DS_BINDDN, DS_BINDPW, ...) when
#                                    ready; stops the server and removes DIR when the process
#                                    OWNER is gone (or on SIGTERM)
#   ds389.sh up DIR LDIF...          the same without waiting; `ds389.sh down DIR` removes it
#
# dscreate would start the instance with systemctl (lib389 reads with_systemd from defaults.inf),
# so DIR holds a private prefix (what `dscreate ds-root` makes) whose defaults.inf points every
# path into DIR, turns systemd off and names the current user. Keep DIR short: the LDAPI socket
# DIR/run/slapd-NAME.socket must fit in 107 bytes.
set -euo pipefail
# Server tools live in sbin, which an ordinary user's PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

PW=${DS_PW:-Secret123pw}
SUFFIX=${DS_SUFFIX:-dc=dda,dc=example}
PY=/usr/bin/python3   # lib389 runs on Debian's python3 (its own shebang), never a venv/pyenv one

die() { echo "ds389.sh: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
new_name() { echo "t$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"; }

free_ports() {   # two distinct free TCP ports on 127.0.0.1
    $PY -c 'import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])'
}

# A private "prefix" (what `dscreate ds-root` does, but with Debian's multiarch paths, usable by
# root too, and independent of /etc/dirsrv being readable): lib389 reads
# $PREFIX/share/dirsrv/inf/defaults.inf, in which every path points into DIR and with_systemd = 0,
# so dscreate/dsctl run ns-slapd directly instead of `systemctl start dirsrv@NAME`.
make_prefix() {
    local R=$1 u g
    u=$(id -un); g=$(id -gn)
    mkdir -p "$R/etc/dirsrv" "$R/share" "$R/tmp"
    cp -r /usr/share/dirsrv "$R/share/"
    if [ -r /etc/dirsrv/config/slapd-collations.conf ] && [ -r /etc/dirsrv/schema/99user.ldif ]; then
        cp -r /etc/dirsrv/config /etc/dirsrv/schema "$R/etc/dirsrv/"
    else
        # The package makes /etc/dirsrv mode 750 dirsrv:dirsrv, so an ordinary user cannot copy
        # these three small files: write equivalents (collations: only the default one).
        mkdir -p "$R/etc/dirsrv/config" "$R/etc/dirsrv/schema"
        printf 'certmap default\t\tdefault\n' > "$R/etc/dirsrv/config/certmap.conf"
        printf 'collation "" "" "" 1 3\t2.16.840.1.113730.3.3.2.0.1\tdefault\n' \
            > "$R/etc/dirsrv/config/slapd-collations.conf"
        printf 'dn: cn=schema\n' > "$R/etc/dirsrv/schema/99user.ldif"
    fi
    sed -E -e "s#^([a-z_]+ = )/#\1$R/#" \
        -e "s#^with_selinux = .*#with_selinux = no#" \
        -e "s#^with_systemd = .*#with_systemd = 0#" \
        -e "s#^user = .*#user = $u#" -e "s#^group = .*#group = $g#" \
        -e "s#^prefix = .*#prefix = $R#" \
        -e "s#^bin_dir = .*#bin_dir = /usr/bin#" -e "s#^sbin_dir = .*#sbin_dir = /usr/sbin#" \
        -e "s#^lib_dir = .*#lib_dir = /usr/lib/x86_64-linux-gnu#" \
        -e "s#^plugin_dir = .*#plugin_dir = /usr/lib/x86_64-linux-gnu/dirsrv/plugins#" \
        -e "s#^data_dir = .*#data_dir = $R/share#" \
        -e "s#^inst_dir = .*#inst_dir = $R/lib/slapd-{instance_name}#" \
        -e "s#^system_schema_dir = .*#system_schema_dir = $R/share/dirsrv/schema#" \
        /usr/share/dirsrv/inf/defaults.inf > "$R/share/dirsrv/inf/defaults.inf"
    # Loopback only, from the very first start (dscreate's own temporary start included).
    sed -i 's/^nsslapd-port: %ds_port%$/&\nnsslapd-listenhost: 127.0.0.1\nnsslapd-securelistenhost: 127.0.0.1/' \
        "$R/share/dirsrv/data/template-dse.ldif"
    grep -q '^nsslapd-listenhost: 127.0.0.1' "$R/share/dirsrv/data/template-dse.ldif" \
        || die "could not patch template-dse.ldif"
}

# Own CA + server certificate (SAN: localhost, 127.0.0.1, ::1 and this host's names; OpenLDAP's
# libldap checks "localhost" URLs against the reverse-resolved name, here `hostname`), imported
# into the instance's NSS database as "Server-Cert" (the name cn=RSA,cn=encryption expects).
make_tls() {
    local R=$1 C=$2 T=$1/tls h hf
    mkdir -p "$T"
    h=$(hostname); hf=$(hostname -f 2>/dev/null || echo "$h")
    openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=ds389 test CA" \
        -keyout "$T/ca.key" -out "$T/ca.pem" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
        -keyout "$T/server.key" -out "$T/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1,DNS:%s,DNS:%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' \
        "$h" "$hf" > "$T/san.cnf"
    openssl x509 -req -in "$T/server.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
        -days 7 -extfile "$T/san.cnf" -out "$T/server.pem" 2>/dev/null
    openssl pkcs12 -export -in "$T/server.pem" -inkey "$T/server.key" -name Server-Cert \
        -passout pass: -out "$T/server.p12"
    pk12util -i "$T/server.p12" -d "sql:$C" -k "$C/pwdfile.txt" -W "" >/dev/null
    certutil -A -d "sql:$C" -f "$C/pwdfile.txt" -n "ds389 test CA" -t "CT,," -a -i "$T/ca.pem"
    # dscreate always writes nsslapd-securePort; switch TLS on (server is stopped: edit dse.ldif).
    if grep -q '^nsslapd-security: ' "$C/dse.ldif"; then
        sed -i 's/^nsslapd-security: .*/nsslapd-security: on/' "$C/dse.ldif"
    else
        sed -i 's/^nsslapd-port: .*$/&\nnsslapd-security: on/' "$C/dse.ldif"
    fi
}

# Attributes 389 DS 2.3 lacks (it has nsAccountLock, shadowExpire, shadowAccount). USAGE
# directoryOperation = operational: allowed on every entry whatever its objectClasses, and only
# returned when asked for by name (or "+"), like nsAccountLock. Ends up in schema/99user.ldif.
schema_ldif() {
    cat <<'EOF'
dn: cn=schema
changetype: modify
add: attributeTypes
attributeTypes: ( 1.3.6.1.4.1.42.2.27.8.1.17 NAME 'pwdAccountLockedTime' EQUALITY generalizedTimeMatch ORDERING generalizedTimeOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.24 SINGLE-VALUE USAGE directoryOperation X-ORIGIN 'draft-behera-ldap-password-policy' )
attributeTypes: ( 1.3.6.1.4.1.99999.1.1 NAME 'userAccountControl' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE USAGE directoryOperation X-ORIGIN 'test: Active Directory' )
attributeTypes: ( 1.3.6.1.4.1.99999.1.2 NAME 'accountExpires' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE USAGE directoryOperation X-ORIGIN 'test: Active Directory' )
attributeTypes: ( 1.3.6.1.4.1.99999.1.3 NAME 'lockoutTime' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE USAGE directoryOperation X-ORIGIN 'test: Active Directory' )
attributeTypes: ( 1.3.6.1.4.1.99999.1.5 NAME 'loginDisabled' EQUALITY booleanMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.7 SINGLE-VALUE USAGE directoryOperation X-ORIGIN 'test: eDirectory' )
EOF
}

# Content synchronisation (RFC 4533), which `rolecall snapshot` refreshes from: the Content
# Synchronization plug-in, and the retro changelog it replays (keeping each entry's nsUniqueId).
# Switched on in dse.ldif while the server is stopped, so no restart is needed.
enable_content_sync() {
    local D=$1 plugin
    for plugin in "Retro Changelog Plugin" "Content Synchronization"; do
        sed -i "/^dn: cn=$plugin,cn=plugins,cn=config\$/,/^\$/ s/^nsslapd-pluginEnabled: off\$/nsslapd-pluginEnabled: on/" "$D"
        grep -A20 "^dn: cn=$plugin,cn=plugins,cn=config\$" "$D" | sed '/^$/q' | grep -q '^nsslapd-pluginEnabled: on$' \
            || die "could not enable $plugin"
    done
    sed -i "/^dn: cn=Retro Changelog Plugin,cn=plugins,cn=config\$/,/^\$/ s/^nsslapd-pluginEnabled: on\$/&\nnsslapd-attribute: nsuniqueid:targetUniqueId/" "$D"
}

load_env() { [ -f "$1/env" ] || die "$1/env not found"; . "$1/env"; }

cmd_start() {
    local R=$1 t0 pid i; load_env "$R"
    if [ -s "$DS_PIDFILE" ] && alive "$(cat "$DS_PIDFILE")"; then die "already running (pid $(cat "$DS_PIDFILE"))"; fi
    t0=$(now)
    rm -f "$DS_PIDFILE"
    # -d = no fork, so $! is the server's pid and a failed start is seen at once (without -d the
    # launcher forks and exits 0 before the real server has finished - or failed - starting).
    # -d 266354688 is the default error-log level (what 389's own dscontainer passes); with
    # -d 0 the server logs NOTHING, neither to the errors file nor to stderr.
    setsid /usr/sbin/ns-slapd -D "$DS_CONFIG_DIR" -i "$DS_PIDFILE" -d 266354688 \
        </dev/null >"$R/ns-slapd.out" 2>&1 &
    pid=$!
    echo "$pid" > "$R/.server-pid"
    for i in $(seq 1 600); do
        if timeout 3 ldapsearch -o nettimeout=2 -x -H "$DS_URI" -b "" -s base -LLL 1.1 >/dev/null 2>&1; then
            echo "start: $(since "$t0") s (pid $pid)"; return 0
        fi
        alive "$pid" || break
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
    grep -E ' - (ERR|CRIT|EMERG) - ' "$R/ns-slapd.out" >&2
    die "ns-slapd did not come up (see $DS_ERRORS_LOG)"
}

alive() {   # running and not a zombie; read from /proc without forking, so a loaded machine cannot fail it
    local stat=""
    [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
    read -r stat < "/proc/$1/stat" 2>/dev/null || return 1
    stat=${stat##*) }  # the state follows the command name
    [ "${stat%% *}" != Z ]
}

cmd_stop() {   # stop DIR [noreap]
    local R=$1 pid i t0
    [ -f "$R/env" ] || return 0
    load_env "$R"
    [ -s "$DS_PIDFILE" ] || return 0
    pid=$(cat "$DS_PIDFILE")
    t0=$(now)
    if kill -TERM "$pid" 2>/dev/null; then
        for i in $(seq 1 600); do alive "$pid" || break; sleep 0.05; done
        if alive "$pid"; then echo "ds389.sh: SIGKILL $pid" >&2; kill -KILL "$pid"; fi
        echo "stop: $(since "$t0") s"
        # The daemon is an orphan: until its parent (PID 1) reaps it, it is a zombie, and a new
        # ns-slapd on the same DIR would refuse to start ("already running as process N").
        if [ "${2:-}" != noreap ]; then
            for i in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
        fi
    fi
    rm -f "$DS_PIDFILE"
}

cmd_up() {
    local R=$1; shift
    local NAME=${DS_NAME:-$(new_name)}
    mkdir -p "$R"
    R=$(cd "$R" && pwd)
    [ -z "$(ls -A "$R")" ] || die "$R is not empty"
    command -v /usr/sbin/dscreate >/dev/null || die "389-ds-base is missing: run Scripts/setup.sh (as root) to install the test servers"
    local sock="$R/run/slapd-$NAME.socket"
    [ ${#sock} -lt 108 ] || die "DIR too long for the LDAPI socket path ($sock)"
    local port sport t0
    read -r port sport < <(free_ports)
    port=${DS_PORT:-$port}; sport=${DS_LDAPS_PORT:-$sport}

    make_prefix "$R"
    # NB: no create_suffix_entry/sample_entries lines: [backend-*] values are not type-converted,
    # so "create_suffix_entry = False" is the non-empty string "False", i.e. true.
    cat > "$R/instance.inf" <<EOF
[general]
config_version = 2
full_machine_name = localhost
strict_host_checking = False
selinux = False
systemd = False
start = False

[slapd]
instance_name = $NAME
port = $port
secure_port = $sport
root_dn = cn=Directory Manager
root_password = $PW
self_sign_cert = False

[backend-userroot]
suffix = $SUFFIX
EOF
    t0=$(now)
    PREFIX="$R" /usr/sbin/dscreate from-file "$R/instance.inf" >"$R/dscreate.log" 2>&1 \
        || { cat "$R/dscreate.log" >&2; die "dscreate failed"; }
    echo "dscreate: $(since "$t0") s"

    cat > "$R/env" <<EOF
export PREFIX='$R'
DS_NAME='$NAME'
DS_ROOT='$R'
DS_CONFIG_DIR='$R/etc/dirsrv/slapd-$NAME'
DS_PIDFILE='$R/run/dirsrv/slapd-$NAME.pid'
DS_ERRORS_LOG='$R/var/log/dirsrv/slapd-$NAME/errors'
DS_ACCESS_LOG='$R/var/log/dirsrv/slapd-$NAME/access'
DS_LDAPI='$sock'
DS_PORT=$port
DS_LDAPS_PORT=$sport
DS_URI='ldap://127.0.0.1:$port'
DS_LDAPS_URI='ldaps://localhost:$sport'
DS_CA='$R/tls/ca.pem'
DS_BINDDN='cn=Directory Manager'
DS_BINDPW='$PW'
DS_SUFFIX='$SUFFIX'
EOF
    if [ "${DS_TLS:-1}" = 1 ]; then
        t0=$(now); make_tls "$R" "$R/etc/dirsrv/slapd-$NAME"; echo "tls: $(since "$t0") s"
    else
        sed -i '/^DS_LDAPS_URI=/d; /^DS_CA=/d' "$R/env"
    fi
    enable_content_sync "$R/etc/dirsrv/slapd-$NAME/dse.ldif"

    cmd_start "$R"
    t0=$(now)
    schema_ldif | ldapmodify -x -H "$DS_URI" -D "$DS_BINDDN" -w "$PW" >/dev/null
    local f
    for f in "$@"; do
        ldapadd -x -H "$DS_URI" -D "$DS_BINDDN" -w "$PW" -f "$f" >/dev/null
    done
    if [ "${DS_ANON_ACI:-1}" = 1 ] && [ $# -gt 0 ]; then
        # No ACI = anonymous searches succeed with 0 entries (even a base search of an absent DN).
        ldapmodify -x -H "$DS_URI" -D "$DS_BINDDN" -w "$PW" >/dev/null <<EOF
dn: $SUFFIX
changetype: modify
add: aci
aci: (targetattr="*")(version 3.0; acl "test: anonymous read"; allow (read, search, compare) userdn="ldap:///anyone";)
aci: (target="ldap:///ou=Hidden,$SUFFIX")(targetattr="*")(version 3.0; acl "test: hidden"; deny (all) userdn="ldap:///anyone";)
EOF
    fi
    echo "schema+import+aci: $(since "$t0") s"
    echo "ready: . $R/env  ->  $DS_URI  ${DS_LDAPS_URI:-}"
}

cmd_down() {
    local R=$1
    [ -d "$R" ] || return 0
    cmd_stop "$R" noreap
    # A SIGKILLed server leaves its semaphore behind (a clean stop removes it).
    if [ -f "$R/env" ]; then rm -f "/dev/shm/sem.slapd-$(. "$R/env"; echo "$DS_NAME").stats"; fi
    rm -rf "$R"
}

# A throw-away server goes at once, with its files and its semaphore; nothing here may stop
# half-way (errexit is off), or the server would outlive the tests.
remove_now() {
    set +e
    local R=$1 pid name
    # The pid ns-slapd writes, and the one recorded at launch (before it writes its own).
    for pid in $(cat "$R"/run/dirsrv/*.pid "$R/.server-pid" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
    name=$(sed -n "s/^DS_NAME='\(.*\)'$/\1/p" "$R/env" 2>/dev/null)
    [ -z "$name" ] || rm -f "/dev/shm/sem.slapd-$name.stats"
    rm -rf "$R" "$R.log"
}

cmd_run() {
    local R=$1 owner=$2
    shift 2
    trap "remove_now '$R'" EXIT  # expanded now: R is local
    trap 'exit 0' TERM INT
    # A process of its own, so that errexit holds inside it (a function on the left of || runs
    # with errexit off, and a failed import would go unnoticed).
    "$0" up "$R" "$@" > "$R.log" 2>&1 || { cat "$R.log" >&2; exit 1; }
    cp "$R/env" "$R/.ready.tmp" && mv "$R/.ready.tmp" "$R/.ready"
    load_env "$R"
    # The pid recorded at launch (ns-slapd runs in the foreground, -d): the server's own pidfile
    # may be written only after it answers, and a missing file must not read as a dead server.
    # Only builtins in the loop, and a server gone on two checks in a row: a failed fork on a
    # loaded machine must not tear down a server the tests are using.
    local server missed=0
    read -r server < "$R/.server-pid"
    while kill -0 "$owner" 2>/dev/null && [ "$missed" -lt 2 ]; do
        if alive "$server"; then missed=0; else missed=$((missed + 1)); fi
        sleep 0.5 || true
    done
}

case "${1:-}" in
    run) [ $# -ge 3 ] || die "usage: ds389.sh run DIR OWNER [LDIF...]"; shift; cmd_run "$@" ;;
    up) [ $# -ge 2 ] || die "usage: ds389.sh up DIR [LDIF...]"; shift; cmd_up "$@" ;;
    down) cmd_down "${2:?DIR}" ;;
    *) sed -n '2,17p' "$0"; exit 2 ;;
esac
