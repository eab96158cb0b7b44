#!/usr/bin/env bash
# Installs what RoleCall builds with and what its tests start (run as root, or with sudo):
# libldap and SASL/Kerberos headers, OpenLDAP slapd, 389 Directory Server and a Samba Active
# Directory DC (the tests run their own throw-away copies on loopback), socat and uidmap for
# the Samba fixture, faketime for a Kerberos clock-skew test, an MIT Kerberos KDC (krb5-kdc,
# kadmin.local) for the web page's single sign-on tests, curl for the HTTPS and Negotiate page tests,
# Python's jsonschema for the JSON Schema tests, headless Chromium with poppler's pdftotext to
# render the HTML report in tests, and chromedriver with axe-core (from PyPI's
# axe-playwright-python) for the web page's browser tests.
#
# Package scripts would start Samba's daemons, and nmbd broadcasts on the network: a
# policy-rc.d that refuses every service start is in place for the install, and any daemon
# that still started is stopped. Nothing is configured on the machine, and the Kerberos daemons
# this run installs are not left enabled at boot.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
made_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
fi
trap '[ $made_policy = 0 ] || rm -f /usr/sbin/policy-rc.d' EXIT
# The KDC's packages enable their daemons at boot: the ones this run installs are disabled again
# (a machine's own KDC, installed before, is left as it was).
installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == *"ok installed"* ]]; }
new_kdc_units=()
for package in krb5-kdc krb5-admin-server; do installed "$package" || new_kdc_units+=("$package.service"); done
apt-get update
apt-get install -y --no-install-recommends \
    libldap2-dev libsasl2-dev libkrb5-dev libsasl2-modules-gssapi-mit pkg-config openssl curl \
    slapd ldap-utils 389-ds-base libnss3-tools \
    samba-ad-dc samba-ad-provision krb5-user krb5-kdc krb5-admin-server socat uidmap iproute2 faketime \
    python3 python3-jsonschema python3-pip chromium chromium-driver fonts-dejavu-core poppler-utils
for daemon in nmbd smbd winbindd samba; do pkill -x "$daemon" || true; done
for unit in "${new_kdc_units[@]}"; do
    deb-systemd-helper disable "$unit" > /dev/null 2>&1 || true
    update-rc.d -f "${unit%.service}" remove > /dev/null 2>&1 || true
done
# axe-core, the accessibility checker the browser tests run in the page: only its script is kept.
axe=/usr/local/share/rolecall-tests/axe.min.js
if [ ! -s "$axe" ]; then
    wheels=$(mktemp -d)
    python3 -m pip download --quiet --no-deps --dest "$wheels" axe-playwright-python==0.1.8
    mkdir -p "$(dirname "$axe")"
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("axe_playwright_python/axe.min.js"))' \
        "$wheels"/axe_playwright_python-0.1.8-*.whl > "$axe.tmp"
    # The script runs inside the test browser: only the exact axe-core 4.12.1 reviewed is accepted.
    echo "84494fec757e4710dc751c8d7a636e457f4532f08f85c86dc9070133fbff53bc  $axe.tmp" | sha256sum --check --quiet
    install -m 0644 "$axe.tmp" "$axe"
    rm -f "$axe.tmp"
    rm -rf "$wheels"
fi
