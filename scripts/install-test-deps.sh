#!/bin/sh
# System packages the tests need, installed on a fresh Debian/Ubuntu machine.
# Python packages come from `pip install -e '.[test]'` (see the Makefile).
# Run as root, or as a user who may use sudo (it asks for the password).
set -e
need=""
for lib in libcairo.so.2 libfribidi.so.0; do
    ldconfig -p | grep -q "$lib" || need="$need $lib"
done
pkgs=""
case "$need" in *cairo*) pkgs="$pkgs libcairo2" ;; esac
case "$need" in *fribidi*) pkgs="$pkgs libfribidi0" ;; esac
if [ -n "$pkgs" ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $pkgs
fi
# The Makefile makes its own virtual environment (.venv/): Debian splits venv out.
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv
fi
# The page tests drive Debian's Chromium through Playwright (never `playwright install`).
if [ ! -x /usr/bin/chromium ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
# The print tests read PDFs back with Poppler (pdftoppm, pdffonts, pdfimages) and make
# CMYK copies with Ghostscript.
if ! command -v pdftoppm >/dev/null || ! command -v gs >/dev/null; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils ghostscript
fi
# axe-core (the accessibility checker the page tests inject) from the npm registry, into
# .cache/npm/ of the repository; the page itself never loads it. The page's own vendored
# code (install-page-deps.sh) goes to the same place, with the same versions pinned.
if [ ! -f .cache/npm/node_modules/axe-core/axe.min.js ] || [ ! -f .cache/npm/node_modules/jpeg-js/lib/encoder.js ] \
    || [ ! -f .cache/npm/node_modules/@cwasm/jpeg-turbo/jpeg-turbo.wasm ]; then
    if ! command -v npm >/dev/null 2>&1; then
        SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm
    fi
    npm install --silent --no-save --no-audit --no-fund --ignore-scripts --prefix .cache/npm \
        axe-core@4.14.1 jpeg-js@0.4.4 @cwasm/jpeg-turbo@0.1.3
fi
