#!/usr/bin/env bash
# Install what the timeline generator needs into .venv, plus the system fonts it draws with.
#   ./setup.sh          fonts (NanumGothic, Liberation Sans) and the package
#   ./setup.sh --test   also LibreOffice and poppler-utils, and the test extras
set -euo pipefail
cd "$(dirname "$0")"

packages="fonts-nanum fonts-liberation2"
extra=""
if [ "${1:-}" = "--test" ]; then
  packages="$packages poppler-utils libreoffice-impress"
  extra="[test]"
fi

if command -v dpkg >/dev/null 2>&1; then
  missing=""
  for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing Debian packages:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
else
  echo "no apt here: install NanumGothic (or Malgun Gothic / Apple SD Gothic Neo) and Liberation Sans (or Arial)" >&2
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e ".$extra"
echo "ready: .venv/bin/timeline"
