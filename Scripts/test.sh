#!/usr/bin/env bash
# Set-up and the tests: installs what is missing, runs the whole test suite, then checks that quickstart
# shards load with Hugging Face datasets.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build
swift test
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.build/debug/winnow run quickstart --output "$out/run" --workers 2 >/dev/null
Scripts/check-hf-datasets.sh "$out/run" 260
Scripts/check-croissant.sh "$out/run"
.build/debug/winnow verify "$out/run"
# Disk faults end to end (root: size-limited tmpfs mounts; says "skipped" otherwise).
Scripts/test-faults.sh "$(swift build --show-bin-path)/winnow"
