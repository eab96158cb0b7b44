#!/usr/bin/env bash
# Draws the three pages of `rolecall serve` on the example department with headless Chromium, for
# Docs/: the lookup page, a recipient check (the form's answer) and a list's stale-role report.
# usage: Scripts/web-screenshots.sh   (after `swift build`; writes Docs/web-*.png)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir "$work/lists"
cp Docs/examples/access-list.txt "$work/lists/Defence Statistics Bulletin.txt"
.build/debug/rolecall serve --ldif Docs/examples/department.ldif --lists "$work/lists" \
    --listen 127.0.0.1:0 --as-of 2026-11-25 > "$work/url" &
server=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/url" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/url")
shoot() { # URL FILE
    chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --no-pings \
        --user-data-dir="$work/profile" --hide-scrollbars --window-size=1000,1300 \
        --screenshot="$1" "$2" 2>/dev/null
}
shoot Docs/web-lookup.png "$url/lookup?title=Head+of+Defence+Statistics"
shoot Docs/web-report.png "$url/report?listName=Defence+Statistics+Bulletin"
# A form's answer cannot be opened by address: post it, and draw the answer with the server's stylesheet.
token=$(curl -s "$url/" | sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p')
curl -s "$url/verify" --data-urlencode "token=$token" --data-urlencode "listName=Defence Statistics Bulletin" \
    --data-urlencode "recipients=Smith, Ann <asmith@dda.example>; Press Office <press-office@dda.example>; dokafor@dda.example" \
    | sed "s|<head>|<head><base href=\"$url/\">|; s|href=\"/style.css\"|href=\"style.css\"|" > "$work/verify.html"
shoot Docs/web-verify.png "file://$work/verify.html"
ls -l Docs/web-*.png
