#!/usr/bin/env bash
# CI benchmark smoke (seconds): counts instructions and allocator calls per document of the end-to-end stages
# on a small fixed input (SampleData/warc/sample.warc.gz) with valgrind --tool=callgrind, on a release build,
# and fails when a figure exceeds Benchmarks/thresholds.json by more than 10%. See Benchmarks/README.md.
#
#   Scripts/bench-smoke.sh            # build winnow-bench (release) and compare
#   Scripts/bench-smoke.sh --update   # rewrite the thresholds with this machine's counts (commit them)
#   WINNOW_BENCH=path/to/winnow-bench Scripts/bench-smoke.sh   # use an existing release binary
#   BENCH_THRESHOLDS=file.json ...    # another thresholds file (its stages only)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "bench-smoke: valgrind is missing (Scripts/setup.sh installs it)" >&2; exit 2; }
bin=${WINNOW_BENCH:-}
if [ -z "$bin" ]; then
    scratch=${BENCH_SCRATCH:-.build-rel}
    swift build -c release --scratch-path "$scratch" --product winnow-bench >&2
    bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/winnow-bench"
fi
input=${BENCH_SMOKE_INPUT:-SampleData/warc/sample.warc.gz}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# valgrind 3.19 cannot read the DWARF 5 that Swift 6.3 emits ("possibly corrupted debuginfo"): count on a copy
# without debug sections (symbols stay, so the measured function is still found by name).
strip --strip-debug -o "$out/winnow-bench" "$bin"
# Swift's per-process random hash seed changes Dictionary probing, hence instruction counts: pin it.
export SWIFT_DETERMINISTIC_HASHING=1
thresholds=${BENCH_THRESHOLDS:-Benchmarks/thresholds.json}
stages=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["stages"]))' "$thresholds")
# Each stage runs twice under callgrind, with 1 and with 2 measured passes after a warm-up pass: the difference
# of the two whole-process counts is exactly one pass (start-up, input preparation and the warm-up cancel out).
for stage in $stages; do
    for passes in 1 2; do
        valgrind --tool=callgrind --callgrind-out-file="$out/$stage.$passes.callgrind" \
            "$out/winnow-bench" "$input" --measure "$stage" --passes "$passes" --scratch "$out/scratch-$stage" \
            > "$out/$stage.$passes.json" 2> "$out/$stage.$passes.log" || { cat "$out/$stage.$passes.log" >&2; exit 1; }
    done
done
python3 Scripts/bench-smoke.py "$out" "$thresholds" "$@"
