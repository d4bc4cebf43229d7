#!/usr/bin/env bash
# Makes Debian's Chromium present at /usr/bin/chromium for the console's browser test
# (test/console/browser.test.ts drives it with playwright-core; no browser is downloaded).
# Idempotent: an installed one is kept. Works on a fresh Debian 12 (apt-get install chromium).
set -euo pipefail

step() { echo "chromium.sh: $*"; }
fail() { echo "chromium.sh: FAILED: $*" >&2; exit 1; }

if [[ -x /usr/bin/chromium ]]; then
  step "using $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
  exit 0
fi

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "need root (or sudo) to run: $*"
  fi
}

command -v apt-get >/dev/null || fail "no /usr/bin/chromium and no apt-get; install Chromium at /usr/bin/chromium"
step "installing the chromium package with apt-get"
as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
[[ -x /usr/bin/chromium ]] || fail "apt-get installed chromium but /usr/bin/chromium is missing"
step "ready: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
