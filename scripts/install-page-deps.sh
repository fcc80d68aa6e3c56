#!/bin/sh
# The member page's vendored browser code, from the npm registry into .cache/npm/ of the
# repository (`build` and `serve` copy it into the page from there; without it the page
# falls back to what the browser does alone):
#   jpeg-js           pure-JavaScript JPEG encoder: the downloaded avatar in 4:4:4 (no chroma
#                     subsampling; Chromium's canvas writes 4:2:0 below quality 1.0)
#   @cwasm/jpeg-turbo libjpeg-turbo in WebAssembly: photos over 50 MP decoded at 1/2-1/8
#                     scale in a worker, so the phone never holds the full-size pixels
# Pinned versions; re-run after changing them. Run from the repository root.
set -e
PKGS="jpeg-js@0.4.4 @cwasm/jpeg-turbo@0.1.3"
want=".cache/npm/node_modules/jpeg-js/lib/encoder.js .cache/npm/node_modules/@cwasm/jpeg-turbo/jpeg-turbo.wasm"
missing=""
for f in $want; do [ -f "$f" ] || missing=1; done
[ -z "$missing" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm
fi
# --no-save into the same prefix as the test tools: one node_modules, nothing else changed.
npm install --silent --no-save --no-audit --no-fund --ignore-scripts --prefix .cache/npm $PKGS
