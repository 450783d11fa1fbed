#!/usr/bin/env bash
# Set-up and the main job: installs what is missing, builds Winnow, runs the quickstart pipeline on
# SampleData into out/quickstart.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build
.build/debug/winnow run quickstart "$@"
