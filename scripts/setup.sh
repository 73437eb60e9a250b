#!/bin/sh
# setup: installs the Debian packages sitrep needs, if any is missing. Safe to run again;
# does nothing when all are present. Needs root or sudo only when it has to install.
set -eu
# a row per package: what the build or the tests need
PKGS="gcc make pkg-config libjansson-dev libutf8proc-dev iso-codes libsqlite3-dev libxml2-dev libgumbo-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "setup: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root or sudo to install:$missing" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
