#!/usr/bin/env bash
# Heuristic quality filters: Winnow vs datatrove 0.10.1, same documents, same session, one core.
#
#   Scripts/bench-quality.sh [DATA_FILES...]     (default: /work/shared/data/bench/bench-000{0,1}.jsonl.gz)
#
# Needs a venv with datatrove: PYTHON (default ~/.venvs/winnow-quality/bin/python; see
# Scripts/make-quality-fixture.py for how to make it). Builds the release binary into .build-quality-rel.
# Both sides run the four families (gopher-quality, gopher-repetition, c4, fineweb-quality) on every
# document's original text without dropping, pinned to core ${CPU:-0}; the figure compared is the CPU time
# spent inside the filters (reading and JSON parsing excluded on both sides). `winnow score` also runs
# CLD2 and the code filter and writes its JSONL; its total CPU time is reported too.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$HOME/.venvs/winnow-quality/bin/python}
CPU=${CPU:-0}
if [ $# -gt 0 ]; then files=("$@"); else files=(/work/shared/data/bench/bench-0000.jsonl.gz /work/shared/data/bench/bench-0001.jsonl.gz); fi
out=${WINNOW_BENCH_OUT:-$HOME/.cache/winnow-bench/quality}
mkdir -p "$out"

if ! log=$(swift build -c release --scratch-path .build-quality-rel --product winnow 2>&1); then echo "$log" >&2; exit 1; fi
winnow=.build-quality-rel/release/winnow

echo "== winnow score (release, core $CPU)"
/usr/bin/time -f "winnow score total: %U user + %S sys CPU s, %M KB peak RSS" \
    taskset -c "$CPU" "$winnow" score "${files[@]}" --output "$out/scores.jsonl" --timing
echo "== datatrove 0.10.1 ($("$PYTHON" -c 'import sys; print(sys.version.split()[0])'), core $CPU)"
/usr/bin/time -f "datatrove total: %U user + %S sys CPU s, %M KB peak RSS" \
    taskset -c "$CPU" "$PYTHON" Scripts/bench-quality-datatrove.py "${files[@]}"
