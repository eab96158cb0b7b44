#!/usr/bin/env bash
# Builds a release rolecall with the Swift runtime linked in (it runs on a machine without Swift;
# it still needs libldap, as `Scripts/setup.sh` or `apt-get install libldap-2.5-0` provides) and
# installs it with its man page and shell completions:
#   PREFIX/bin/rolecall
#   PREFIX/share/man/man1/rolecall.1
#   PREFIX/share/bash-completion/completions/rolecall
#   PREFIX/share/zsh/site-functions/_rolecall
#   PREFIX/share/fish/vendor_completions.d/rolecall.fish
# Usage: [PREFIX=/usr/local] [DESTDIR=staging] Scripts/install.sh
# Run it as yourself: it builds as you, and asks sudo only to copy into a folder you cannot write.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-/usr/local}
root=${DESTDIR:-}${prefix}

# swift-argument-parser's plugin writes the manual from the command's own help, which a debug
# build gives as well as a release one (and `swift test` has built it already).
swift package --disable-sandbox generate-manual --configuration debug > /dev/null
manual=.build/plugins/GenerateManual/outputs/rolecall/rolecall.1
# A build folder of its own, so the Swift runtime is linked in whatever .build holds.
swift build -c release --product rolecall --static-swift-stdlib --scratch-path .build-install
binary=$(swift build -c release --static-swift-stdlib --scratch-path .build-install --show-bin-path)/rolecall
libraries=$(mktemp)
staging=$(mktemp -d)
trap 'rm -rf "$libraries" "$staging"' EXIT
ldd "$binary" > "$libraries"
if grep -E 'libswift|libFoundation|libdispatch' "$libraries"; then
    echo "the release binary still links the Swift runtime dynamically (above)" >&2
    exit 1
fi

mkdir -p "$staging/bin" "$staging/share/man/man1" "$staging/share/bash-completion/completions" \
    "$staging/share/zsh/site-functions" "$staging/share/fish/vendor_completions.d"
cp "$binary" "$staging/bin/rolecall"
cp "$manual" "$staging/share/man/man1/rolecall.1"
"$binary" --generate-completion-script bash > "$staging/share/bash-completion/completions/rolecall"
"$binary" --generate-completion-script zsh > "$staging/share/zsh/site-functions/_rolecall"
"$binary" --generate-completion-script fish > "$staging/share/fish/vendor_completions.d/rolecall.fish"

install=(install)
parent=$root
while [ ! -e "$parent" ]; do parent=$(dirname "$parent"); done
if [ ! -w "$parent" ] && [ "$(id -u)" != 0 ]; then install=(sudo install); fi
for file in bin/rolecall share/man/man1/rolecall.1 share/bash-completion/completions/rolecall \
    share/zsh/site-functions/_rolecall share/fish/vendor_completions.d/rolecall.fish; do
    mode=644
    [ "$file" = bin/rolecall ] && mode=755
    "${install[@]}" -D -m "$mode" "$staging/$file" "$root/$file"
done
echo "installed $("$root/bin/rolecall" --version) under $root"
