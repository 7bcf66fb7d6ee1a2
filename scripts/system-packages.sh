#!/usr/bin/env bash
# Installs the Debian packages the app or its tests need, only those that are missing.
#   system-packages.sh gettext  - msgfmt, to compile the translations
#   system-packages.sh test     - PostgreSQL server, Chromium, poppler-utils, fonts, gettext
#   system-packages.sh node     - Node.js and npm, to install axe-core for the browser tests
set -euo pipefail

missing=()
need() { # need PACKAGE CHECK-COMMAND...
    local package=$1; shift
    "$@" >/dev/null 2>&1 || missing+=("$package")
}

need gettext command -v msgfmt
if [ "${1:-}" = "node" ]; then
    need nodejs command -v node
    need npm command -v npm
fi
if [ "${1:-}" = "test" ]; then
    need postgresql bash -c 'ls /usr/lib/postgresql/*/bin/initdb'
    need chromium test -x /usr/bin/chromium
    need poppler-utils command -v pdftotext
    need fonts-dejavu-core test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
fi

[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "Not root: install them with 'sudo apt-get install ${missing[*]}' and run again." >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
