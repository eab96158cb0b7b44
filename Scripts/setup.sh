#!/usr/bin/env bash
# Installs what RoleCall builds with and what its tests start (run as root, or with sudo):
# libldap and SASL/Kerberos headers, OpenLDAP slapd, 389 Directory Server and a Samba Active
# Directory DC (the tests run their own throw-away copies on loopback), socat and uidmap for
# the Samba fixture, faketime for a Kerberos clock-skew test, Python's jsonschema for the JSON
# Schema tests, and headless Chromium with poppler's pdftotext to render the HTML report in tests.
#
# Package scripts would start Samba's daemons, and nmbd broadcasts on the network: a
# policy-rc.d that refuses every service start is in place for the install, and any daemon
# that still started is stopped. Nothing is configured or enabled on the machine.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
made_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
fi
trap '[ $made_policy = 0 ] || rm -f /usr/sbin/policy-rc.d' EXIT
apt-get update
apt-get install -y --no-install-recommends \
    libldap2-dev libsasl2-dev libkrb5-dev libsasl2-modules-gssapi-mit pkg-config openssl \
    slapd ldap-utils 389-ds-base libnss3-tools \
    samba-ad-dc samba-ad-provision krb5-user socat uidmap iproute2 faketime \
    python3 python3-jsonschema chromium fonts-dejavu-core poppler-utils
for daemon in nmbd smbd winbindd samba; do pkill -x "$daemon" || true; done
