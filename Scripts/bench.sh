#!/usr/bin/env bash
# End-to-end and per-stage benchmarks (issue #11). Figures go into BENCHMARKS.md ("End to end").
#
#   Scripts/bench.sh warc      # build the WARC inputs under $BENCH_DIR (1,539 real pages x 4 copies)
#   Scripts/bench.sh stages    # winnow-bench: per-stage CPU s, MB/s, docs/s on the 4x input (all 1,539 pages, core 0)
#   Scripts/bench.sh limits    # physical references on the same input: zcat, xxhsum -H1, gzip -6, libxml2 parse
#   Scripts/bench.sh e2e       # winnow run bench-e2e vs datatrove, 1 worker (core 0) and 2 workers (cores 0,1);
#                              # E2E_SCALE=4 runs both on the 4x input (1,539 pages, 8 files) instead of 1x
#   Scripts/bench.sh scale     # winnow run bench-e2e at 1x, 4x, 16x with 1 and 2 workers: CPU s, wall, peak RSS
#   Scripts/bench.sh profile   # callgrind profile of each stage (winnow-bench --measure, 39 pages)
#
# Env: BENCH_DIR (~/.cache/winnow-bench/e2e), REPEAT (3), DT_REPEAT (1), WINNOW / WINNOW_BENCH (release
# binaries; default: build into .build-rel), DATATROVE_PYTHON (~/.venvs/winnow-peers/bin/python),
# SHARED (../shared or /work/shared). Speeds are per CPU-second of the process tree (bench.py), since the
# machine is shared; wall times are printed too.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
BENCH_DIR=${BENCH_DIR:-$HOME/.cache/winnow-bench/e2e}
REPEAT=${REPEAT:-3}
DT_REPEAT=${DT_REPEAT:-1}
SHARED=${SHARED:-$root/../shared}
[ -d "$SHARED" ] || SHARED=/work/shared
DTPY=${DATATROVE_PYTHON:-$HOME/.venvs/winnow-peers/bin/python}
benchpy="$SHARED/bench/peers/bench.py"
results=${RESULTS:-$BENCH_DIR/results.jsonl}

binaries() {
    if [ -z "${WINNOW:-}" ] || [ -z "${WINNOW_BENCH:-}" ]; then
        swift build -c release --scratch-path .build-rel >&2
        local bin; bin=$(swift build -c release --scratch-path .build-rel --show-bin-path)
        WINNOW=${WINNOW:-$bin/winnow}
        WINNOW_BENCH=${WINNOW_BENCH:-$bin/winnow-bench}
    fi
}

# scale_dir K (1, 4 or 16): the benchmark input at K times the base size, as a directory of symlinks built on
# demand. 1x = files part-00 and part-01 of copy 0 (385 pages, 17 MB of .warc.gz): the input both tools run on.
# 4x = all 8 files of copy 0 (the 1,539 distinct pages); 16x = copies 0-3 (every page 4 times, under other URLs
# and record ids, so MinHash dedup removes three of each four).
scale_dir() {
    local k=$1 dir="$BENCH_DIR/x$1" copies files
    case $k in 1) copies=1 files="part-00 part-01" ;; 4) copies=1 files="" ;; 16) copies=4 files="" ;;
        *) echo "scale $k: use 1, 4 or 16" >&2; exit 2 ;; esac
    python3 Scripts/make-bench-warc.py "$BENCH_DIR" --copies "$copies" 2>/dev/null
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir.tmp"
        for c in $(seq 0 $((copies - 1))); do
            for f in "$BENCH_DIR"/copy-$(printf %02d "$c")/*.warc.gz; do
                b=$(basename "$f" .warc.gz)
                [ -z "$files" ] || [[ " $files " == *" $b "* ]] || continue
                ln -s "$f" "$dir.tmp/c$(printf %02d "$c")-$b.warc.gz"
            done
        done
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}

input_bytes() { du -bL "$1"/*.warc.gz | awk '{s += $1} END {print s}'; }

run_winnow() {  # name cpus workers input
    local name=$1 cpus=$2 workers=$3 input=$4 out
    out=$(mktemp -d "$BENCH_DIR/run-XXXX")
    python3 "$benchpy" --name "$name" --repeat "$REPEAT" --cpus "$cpus" --bytes "$(input_bytes "$input")" --out "$results" -- \
        bash -c "rm -rf '$out/r' && '$WINNOW' run bench-e2e --input '$input' --output '$out/r' --workers $workers > /dev/null"
    rm -rf "$out"
}

run_datatrove() {  # name cpus workers input
    local name=$1 cpus=$2 workers=$3 input=$4 work
    work=$(mktemp -d "$BENCH_DIR/dt-XXXX")
    python3 "$benchpy" --name "$name" --repeat "$DT_REPEAT" --cpus "$cpus" --bytes "$(input_bytes "$input")" --timeout 7200 --out "$results" -- \
        "$DTPY" "$root/Scripts/bench-e2e-datatrove.py" "$input" "$work/w" --workers "$workers"
    rm -rf "$work"
}

case "${1:-}" in
warc)
    python3 Scripts/make-bench-warc.py "$BENCH_DIR" --copies 4
    ;;
stages)
    binaries
    taskset -c 0 "$WINNOW_BENCH" "$(scale_dir 4)" --repeat "$REPEAT" --scratch "$BENCH_DIR/stages-scratch"
    rm -rf "$BENCH_DIR/stages-scratch"
    ;;
limits)
    binaries
    in=$(scale_dir 4)
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    t() { /usr/bin/time -f "%U %S" -o "$tmp/t" taskset -c 0 "$@"; awk '{print $1 + $2}' "$tmp/t"; }
    echo "compressed WARC bytes: $(input_bytes "$in")"
    zcat "$in"/*.warc.gz > "$tmp/warc"
    echo "decompressed WARC bytes: $(stat -c %s "$tmp/warc")"
    for r in $(seq "$REPEAT"); do echo "zcat CPU s: $(t sh -c "zcat '$in'/*.warc.gz > /dev/null")"; done
    # Extracted text of the English documents, and the shard JSONL: from one winnow run.
    "$WINNOW" run bench-e2e --input "$in" --output "$tmp/run" --workers 2 > /dev/null
    zcat "$tmp"/run/shards/*.jsonl.gz > "$tmp/shards.jsonl"
    python3 -c 'import json,sys; [sys.stdout.write(json.loads(l)["text"]) for l in open(sys.argv[1])]' "$tmp/shards.jsonl" > "$tmp/text"
    echo "text bytes: $(stat -c %s "$tmp/text"), shard JSONL bytes: $(stat -c %s "$tmp/shards.jsonl")"
    for r in $(seq "$REPEAT"); do echo "xxhsum -H1 (XXH64) of the text x20 CPU s: $(t sh -c "for i in \$(seq 20); do cat '$tmp/text'; done | xxhsum -H1 - > /dev/null")"; done
    for r in $(seq "$REPEAT"); do echo "gzip -6 of the shard JSONL CPU s: $(t sh -c "gzip -6 -c '$tmp/shards.jsonl' > /dev/null")"; done
    # libxml2 building its tree (htmlReadMemory), the pages preloaded: the C tool of ../shared/bench/extraction.
    cc -O2 "$SHARED/bench/extraction/libxml2_parse_bench.c" $(pkg-config --cflags --libs libxml-2.0) -o "$tmp/xmlbench"
    mkdir -p "$tmp/html"
    for ds in scrapinghub wcxb; do for f in "$SHARED"/data/extraction/$ds/html/*.html.gz; do gzip -dc "$f" > "$tmp/html/$ds-$(basename "$f" .gz)"; done; done
    ls "$tmp"/html/*.html > "$tmp/list"
    taskset -c 0 "$tmp/xmlbench" --runs "$REPEAT" "$tmp/list"
    ;;
e2e)
    binaries
    k=${E2E_SCALE:-1}
    in=$(scale_dir "$k")
    mkdir -p "$BENCH_DIR"
    suffix=""; [ "$k" = 1 ] || suffix="-x$k"
    run_winnow "winnow-e2e$suffix-1w" 0 1 "$in"
    run_datatrove "datatrove-e2e$suffix-1w" 0 1 "$in"
    run_winnow "winnow-e2e$suffix-2w" 0,1 2 "$in"
    run_datatrove "datatrove-e2e$suffix-2w" 0,1 2 "$in"
    ;;
scale)
    binaries
    for k in 1 4 16; do
        in=$(scale_dir "$k")
        run_winnow "winnow-scale-x$k-1w" 0 1 "$in"
        run_winnow "winnow-scale-x$k-2w" 0,1 2 "$in"
    done
    ;;
profile)
    binaries
    # A 40th of the pages (39, 11 MB of HTML), so that callgrind takes minutes, not hours.
    python3 Scripts/make-bench-warc.py "$BENCH_DIR/profile-input" --copies 1 --files 40 2>/dev/null
    in="$BENCH_DIR/profile-input/copy-00"
    out=${PROFILE_OUT:-$BENCH_DIR/profile}
    mkdir -p "$out"
    export SWIFT_DETERMINISTIC_HASHING=1
    strip --strip-debug -o "$out/winnow-bench" "$WINNOW_BENCH"  # valgrind 3.19 cannot read Swift's DWARF 5
    for stage in ${PROFILE_STAGES:-read extract lang gopher gopher-repetition c4 fineweb quality minhash shards}; do
        valgrind --tool=callgrind --toggle-collect=winnow_bench_measured --callgrind-out-file="$out/$stage.callgrind" \
            "$out/winnow-bench" "$in/part-00.warc.gz" --measure "$stage" --scratch "$out/scratch" 2>/dev/null
        callgrind_annotate --inclusive=no "$out/$stage.callgrind" > "$out/$stage.txt" 2>/dev/null
    done
    echo "profiles in $out"
    ;;
*)
    sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
