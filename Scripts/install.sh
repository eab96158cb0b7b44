#!/usr/bin/env bash
# Builds a release rolecall with the Swift standard library linked in (it runs on a machine
# without Swift; it still needs libldap, as `Scripts/setup.sh` or `apt-get install libldap-2.5-0`
# provides) and installs it with its man page and shell completions:
#   PREFIX/bin/rolecall
#   PREFIX/share/man/man1/rolecall.1
#   PREFIX/share/bash-completion/completions/rolecall
#   PREFIX/share/zsh/site-functions/_rolecall
#   PREFIX/share/fish/vendor_completions.d/rolecall.fish
# Usage: [PREFIX=/usr/local] [DESTDIR=staging] Scripts/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-/usr/local}
root=${DESTDIR:-}${prefix}

# swift-argument-parser's plugin writes the manual from the command's own help.
swift package --disable-sandbox generate-manual > /dev/null
manual=.build/plugins/GenerateManual/outputs/rolecall/rolecall.1
# A build folder of its own: the plugin's release build above links the Swift runtime dynamically.
swift build -c release --product rolecall --static-swift-stdlib --scratch-path .build-install
binary=$(swift build -c release --static-swift-stdlib --scratch-path .build-install --show-bin-path)/rolecall
if ldd "$binary" | grep -q libswiftCore; then
    echo "the release binary still links the Swift runtime dynamically" >&2
    exit 1
fi

install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
    "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 755 "$binary" "$root/bin/rolecall"
install -m 644 "$manual" "$root/share/man/man1/rolecall.1"
"$binary" --generate-completion-script bash > "$root/share/bash-completion/completions/rolecall"
"$binary" --generate-completion-script zsh > "$root/share/zsh/site-functions/_rolecall"
"$binary" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/rolecall.fish"
echo "installed $("$root/bin/rolecall" --version) under $root"
