#!/usr/bin/env bash
# Install what the timeline generator needs into .venv, plus the system fonts it draws with.
#   ./setup.sh          fonts for every supported script (Liberation Sans, NanumGothic, IPAex Gothic,
#                       WenQuanYi Zen Hei, Noto Sans for Arabic, Hebrew, Thai, Devanagari and more,
#                       Noto Color Emoji) and the package
#   ./setup.sh --test   also LibreOffice, poppler-utils and Chromium (the watch page test), and the test extras
set -euo pipefail
cd "$(dirname "$0")"

packages="fonts-nanum fonts-liberation2 fonts-noto-core fonts-ipaexfont-gothic fonts-wqy-zenhei fonts-noto-color-emoji libthai0"
extra=""
if [ "${1:-}" = "--test" ]; then
  packages="$packages poppler-utils libreoffice-impress chromium"
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
  echo "no apt here: install TrueType fonts for your scripts: Liberation Sans (or Arial), NanumGothic (Korean)," \
       "IPAex Gothic (Japanese), WenQuanYi Zen Hei (Chinese), Noto Sans Arabic/Hebrew/Thai/Devanagari, Noto Color Emoji" >&2
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e ".$extra"
# Byte-code compiled now: an editable install leaves it to the first run, which cannot write it when
# PYTHONDONTWRITEBYTECODE is set, and then every command compiles the package again (start-up time).
.venv/bin/python -m compileall -q generator >/dev/null
echo "ready: .venv/bin/timeline"
