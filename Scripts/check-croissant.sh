#!/usr/bin/env bash
# Validates a run's croissant.json with MLCommons' `mlcroissant validate`, installing mlcroissant into a
# private virtualenv when missing. Fails on any validation error or warning.
#
#   Scripts/check-croissant.sh RUN_DIR
set -euo pipefail
run_dir=${1:?usage: check-croissant.sh RUN_DIR}
venv=${WINNOW_CROISSANT_VENV:-$HOME/.cache/winnow/venv-croissant}
if ! "$venv/bin/mlcroissant" --help >/dev/null 2>&1; then
    echo "installing mlcroissant into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check mlcroissant
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$venv/bin/mlcroissant" validate --jsonld "$run_dir/croissant.json" >"$log" 2>&1 || { cat "$log"; exit 1; }
if grep -qiE 'warning|error' "$log"; then
    cat "$log"
    echo "croissant.json has warnings" >&2
    exit 1
fi
echo "mlcroissant: $run_dir/croissant.json is valid"
