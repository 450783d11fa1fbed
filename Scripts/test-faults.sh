#!/usr/bin/env bash
# test-faults.sh - disk faults end to end, through the real executable, on size-limited tmpfs mounts:
#   1. for output file systems of 1/8, 1/4, 1/2, 3/4 and 9/10 of the space a quickstart run needs (so the disk
#      fills up in different phases): the run exits 74, its message names the file, the failed call and
#      errno's text ("No space left on device"); no temporary file is left and every file under a final name
#      is complete (each shard byte-identical to the reference run's, every .zst/.gz intact, every .json
#      parses); after the file system grows (mount -o remount,size=...), the rerun exits 0 with shards
#      byte-identical to an uninterrupted run's and the same manifest Merkle root, and `winnow verify` passes;
#   2. a read-only output file system: exit 74 naming the directory and "Read-only file system".
# Signals (SIGTERM 143, SIGINT 130) are checked by the Swift tests (Tests/WinnowCLITests/FaultTests.swift),
# and Slurm's pre-timeout signal by Scripts/test-slurm.sh.
# Needs root (mount); without it the script says so and exits 0 (skipped). Ends with 'N passed, N failed'.
#
# Usage: Scripts/test-faults.sh [PATH-TO-WINNOW]     (default: swift build, then .build/debug/winnow)
set -uo pipefail
cd "$(dirname "$0")/.."

if [ $# -ge 1 ]; then
    WINNOW="$(realpath "$1")"
else
    swift build >&2 || { echo "test-faults.sh: swift build failed" >&2; exit 1; }
    WINNOW="$(swift build --show-bin-path)/winnow"
fi
[ -x "$WINNOW" ] || { echo "test-faults.sh: no winnow executable at $WINNOW" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/winnow-faults.XXXXXX")"
MOUNTS=()
cleanup() {
    local m
    for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/probe"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=64k tmpfs "$WORK/probe" 2>/dev/null; then
    echo "test-faults.sh: skipped: mounting a tmpfs needs root (and a container that allows mount)"
    exit 0
fi
umount "$WORK/probe"

source Scripts/check-lib.sh   # pass/fail counters, check, json, same_shards, same_root
no_temporary_files() { [ -z "$(find "$1" -name '*.tmp-*' 2>/dev/null)" ]; }
final_files_complete() { # DIR REFERENCE: what exists under a final name is whole
    local f
    if [ -d "$1/shards" ]; then
        for f in "$1"/shards/*; do cmp -s "$f" "$2/shards/$(basename "$f")" || { echo "# partial shard $f"; return 1; }; done
    fi
    while IFS= read -r f; do
        case "$f" in
            *.zst) zstd -q -t "$f" 2>/dev/null || { echo "# damaged $f"; return 1; } ;;
            *.gz) gzip -t "$f" 2>/dev/null || { echo "# damaged $f"; return 1; } ;;
            *.json) python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$f" 2>/dev/null || { echo "# damaged $f"; return 1; } ;;
        esac
    done < <(find "$1" -type f)
}

"$WINNOW" run quickstart --output "$WORK/reference" --workers 2 >/dev/null 2>"$WORK/reference.err"
check "reference run exits 0" test $? = 0
# tmpfs charges whole 4 KiB pages per file.
need_kb=$(find "$WORK/reference" -type f -printf '%s\n' | awk '{ kb += int(($1 + 4095) / 4096) * 4 } END { print kb }')
echo "# a quickstart run needs $need_kb KiB of tmpfs"

# ---- 1. the disk fills up at different points of the run ---------------------------------------------------
for fraction in 1/8 1/4 1/2 3/4 9/10; do
    size=$((need_kb * ${fraction%/*} / ${fraction#*/}))
    mnt="$WORK/full-${fraction/\//-}"
    mkdir -p "$mnt"
    mount -t tmpfs -o "size=${size}k" tmpfs "$mnt" || { bad "mount a ${size} KiB tmpfs"; continue; }
    MOUNTS+=("$mnt")
    out="$mnt/run"
    "$WINNOW" run quickstart --output "$out" --workers 2 >"$WORK/full.out" 2>"$WORK/full.err"
    rc=$?
    check "$fraction of the space ($size KiB): exit 74 (got $rc)" test "$rc" = 74
    check "$fraction: the message names a file of the run, the call and errno's text" \
        grep -q "winnow: error: $out/.*No space left on device \[io\] (caused by: [a-z]*: No space left on device (errno 28))" "$WORK/full.err"
    grep -m1 "winnow: error:" "$WORK/full.err" | sed 's/^/# /'
    check "$fraction: no temporary file is left" no_temporary_files "$out"
    check "$fraction: every file under a final name is complete" final_files_complete "$out" "$WORK/reference"
    check "$fraction: no manifest" test ! -e "$out/manifest.json"
    mount -o "remount,size=$((need_kb * 4))k" "$mnt"
    "$WINNOW" run quickstart --output "$out" --workers 2 >"$WORK/resumed.out" 2>"$WORK/resumed.err"
    rc=$?
    check "$fraction: after the space is freed the rerun exits 0 (got $rc)" test "$rc" = 0
    [ "$rc" = 0 ] || tail -n 5 "$WORK/resumed.err"
    check "$fraction: shards byte-identical to the reference run's" same_shards "$out" "$WORK/reference"
    check "$fraction: same manifest Merkle root" same_root "$out" "$WORK/reference"
    check "$fraction: winnow verify passes" bash -c "\"$WINNOW\" verify \"$out\" >/dev/null"
done

# ---- 2. a read-only output file system ---------------------------------------------------------------------
mnt="$WORK/readonly"
mkdir -p "$mnt"
if mount -t tmpfs -o size=1m tmpfs "$mnt" && mkdir "$mnt/run" && mount -o remount,ro "$mnt"; then
    MOUNTS+=("$mnt")
    "$WINNOW" run quickstart --output "$mnt/run" --workers 2 >/dev/null 2>"$WORK/ro.err"
    rc=$?
    check "read-only output: exit 74 (got $rc)" test "$rc" = 74
    check "read-only output: the message names the path and 'Read-only file system'" \
        grep -q "winnow: error: $mnt/run.*Read-only file system \[io\]" "$WORK/ro.err"
    grep -m1 "winnow: error:" "$WORK/ro.err" | sed 's/^/# /'
else
    bad "mount a read-only tmpfs"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
