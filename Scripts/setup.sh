#!/usr/bin/env bash
# Installs the Debian packages Winnow builds and runs with (only those missing). Needs root or sudo.
set -euo pipefail
packages=(zlib1g-dev libisal-dev libzstd-dev libxxhash-dev libxml2-dev libcld2-dev pkg-config zstd xxhash)
# The CI benchmark smoke (Scripts/bench-smoke.sh) counts instructions with callgrind.
packages+=(valgrind)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# The Hugging Face check makes a virtualenv.
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
