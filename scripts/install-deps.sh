#!/usr/bin/env bash
# Installs the Debian packages sonde builds and tests with. Idempotent: does nothing when all are present.
set -euo pipefail
packages=(libcurl4-openssl-dev libncurses-dev zlib1g-dev pkg-config tmux curl openssl python3 nginx)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    echo "note: add /opt/swift/usr/bin to PATH" >&2
  else
    echo "error: Swift 6 is needed (https://www.swift.org/install/linux/)" >&2
    exit 1
  fi
fi
