#!/usr/bin/env bash
# Installs the Debian packages Gongkai needs when they are missing: CJK fonts (PDF letters,
# reports and charts), Pango (WeasyPrint), Chromium (browser tests), wrk (the portal load bench,
# bench/bench_portal_load.py). Silent when all are present.
set -euo pipefail
need=()
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
dpkg -s chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s wrk >/dev/null 2>&1 || need+=(wrk)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "sysdeps: please install: ${need[*]} (no apt-get on this machine)" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "sysdeps: installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
