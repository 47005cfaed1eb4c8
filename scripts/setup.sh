#!/usr/bin/env bash
# Installs the system packages the build and the tests need, only when they are missing (Debian/Ubuntu).
set -euo pipefail
missing=()
pkg-config --exists readline 2>/dev/null || missing+=(libreadline-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
if [ "${1:-}" = "--tests" ]; then
  command -v tmux >/dev/null || missing+=(tmux)
  command -v chromium >/dev/null || missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
