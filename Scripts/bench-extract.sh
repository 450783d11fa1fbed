#!/usr/bin/env bash
# HTML main-text extraction: quality (score.py) and single-core speed of `winnow extract` on the shared
# extraction benchmarks, next to the peers measured by ../shared/bench/extraction/run_suite.sh.
#
#   Scripts/bench-extract.sh [scrapinghub|wcxb ...]     (default: both)
#
# Environment: WINNOW (binary; default: a release build in .build-extract-rel), CORE (default 0),
# RUNS (timed runs, default 3), OUT (default /tmp/winnow-extract-bench), EXTRACTION_DATA_DIR.
# Timing = CPU seconds of the whole `winnow extract` process (reading + gunzip + decode + extract + write),
# pinned to one core, median of RUNS; `--timing` also reports the CPU time of decode + extract alone.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="${BENCH_DIR:-$root/../shared/bench/extraction}"
data="${EXTRACTION_DATA_DIR:-$root/../shared/data/extraction}"
out="${OUT:-/tmp/winnow-extract-bench}"
core="${CORE:-0}"
runs="${RUNS:-3}"
winnow="${WINNOW:-}"
if [[ -z "$winnow" ]]; then
    (cd "$root" && swift build -c release --scratch-path .build-extract-rel --product winnow >&2)
    winnow="$root/.build-extract-rel/release/winnow"
fi
sets=("$@")
[[ ${#sets[@]} -eq 0 ]] && sets=(scrapinghub wcxb)
for set in "${sets[@]}"; do
    html="$data/$set/html"
    bytes=$(awk -F, 'NR > 1 { sum += $5 } END { print sum }' "$data/$set/manifest.csv")
    pred="$out/$set"
    times=()
    extract_times=()
    for ((run = 1; run <= runs; run++)); do
        rm -rf "$pred"
        log="$out/$set.run$run.log"
        mkdir -p "$out"
        /usr/bin/time -f "%U %S %M" -o "$out/$set.time" taskset -c "$core" "$winnow" extract "$html" --to "$pred" --timing 2> "$log"
        read -r user sys rss < "$out/$set.time"
        times+=("$(echo "$user + $sys" | bc -l)")
        extract_times+=("$(awk '/^extraction CPU s/ { print $4 }' "$log")")
    done
    median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
    cpu=$(median "${times[@]}")
    extract_cpu=$(median "${extract_times[@]}")
    python3 "$bench/score.py" --dataset "$set" --pred "$pred" --json "$out/$set.score.json" > "$out/$set.score.txt"
    python3 - "$out/$set.score.json" "$set" "$bytes" "$cpu" "$extract_cpu" "$rss" <<'PY'
import json, sys
path, name, size, cpu, extract_cpu, rss = sys.argv[1:]
score = json.load(open(path))
metric = "shingle4" if name == "scrapinghub" else "wordbag"
m = score[metric] if metric in score else score
def pick(d, *keys):
    for k in keys:
        if k in d: return d[k]
    return float("nan")
mb = int(size) / 1e6
print(f"{name}: {metric} P {pick(m,'precision','p'):.3f} R {pick(m,'recall','r'):.3f} F1 {pick(m,'f1'):.3f} | "
      f"{mb:.1f} MB: process {float(cpu):.2f} CPU-s = {mb/float(cpu):.1f} MB/s; decode+extract {float(extract_cpu):.2f} CPU-s = {mb/float(extract_cpu):.1f} MB/s; peak RSS {int(rss)/1024:.0f} MB")
if "by_page_type" in score:
    for kind, figures in sorted(score["by_page_type"].items()):
        print(f"  {kind}: {json.dumps(figures)[:200]}")
PY
done
