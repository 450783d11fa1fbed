#!/usr/bin/env bash
# Labeler consensus: accuracy of every method on the 8 shipped crowd sets next to crowd-kit's, and the
# 1M-item synthetic speed/RSS benchmark (Dawid-Skene, one core). Needs the crowd-kit venv of
# ../shared/bench/README.md (Setup) for the crowd-kit side.
#
#   Scripts/bench-consensus.sh accuracy        # winnow on the 8 sets, scored by score_labels.py (+ crowd-kit refs)
#   Scripts/bench-consensus.sh crowdkit        # crowd-kit MV, DS, DS100, OneCoinDS, GLAD on the 8 sets (slow: GLAD)
#   Scripts/bench-consensus.sh scale           # generate 1M x 5 x 4 and time winnow DS and crowd-kit DS on core 0
#
# Outputs go to $OUT (default ~/.cache/winnow-bench/consensus).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${SHARED:-$ROOT/../shared}
BENCH=$SHARED/bench/consensus
DATA=$SHARED/data/consensus
OUT=${OUT:-$HOME/.cache/winnow-bench/consensus}
PYTHON=${PYTHON:-$HOME/.venvs/winnow-consensus/bin/python}
SETS=${SETS:-"bluebird d_product dog rte s_rel temp trec web"}
mkdir -p "$OUT"

build() {
    if [ -n "${WINNOW:-}" ]; then return; fi   # a prebuilt binary
    swift build -c release --scratch-path .build-consensus-rel --product winnow >&2
    WINNOW=$ROOT/.build-consensus-rel/release/winnow
}

accuracy() {
    build
    for set in $SETS; do
        # Every row counts, as in crowd-kit and the published figures (s_rel has repeated pairs).
        run() { "$WINNOW" consensus "$DATA/$set/labels.csv" --duplicates keep "$@" 2>>"$OUT/$set.log"; }
        run --method mv --output "$OUT/$set.mv.csv"
        run --method ds --stopping crowdkit --output "$OUT/$set.ds-crowdkit.csv"
        run --method ds --output "$OUT/$set.ds.csv"
        run --method onecoin --output "$OUT/$set.onecoin.csv"
        run --method glad --output "$OUT/$set.glad.csv"
        for method in mv ds-crowdkit ds onecoin glad; do
            ref=""
            case $method in
                mv) ref=$OUT/ck/$set.MV.csv ;;
                ds-crowdkit) ref=$OUT/ck/$set.DS.csv ;;
                ds) ref=$OUT/ck/$set.DS100.csv ;;
                onecoin) ref=$OUT/ck/$set.OneCoinDS.csv ;;
                glad) ref=$OUT/ck/$set.GLAD.csv ;;
            esac
            args=(--dataset "$set" --pred "$OUT/$set.$method.csv" --label "winnow-$method")
            [ -f "$ref" ] && args+=(--ref "$ref")
            python3 "$BENCH/score_labels.py" "${args[@]}" | python3 -c "import json,sys; r=json.load(sys.stdin); r['dataset']='$set'; r['method']='$method'; r.pop('differing_items',None); print(json.dumps(r))"
        done
    done | tee "$OUT/winnow-accuracy.jsonl"
}

crowdkit() {
    taskset -c 0 "$PYTHON" "$BENCH/run_crowdkit.py" --methods MV,DS,DS100,OneCoinDS --reps 3 --dump-pred "$OUT/ck" > "$OUT/ck.jsonl"
    taskset -c 0 "$PYTHON" "$BENCH/run_crowdkit.py" --methods GLAD --reps 1 --max-rep-seconds 60 --dump-pred "$OUT/ck" >> "$OUT/ck.jsonl"
    "$PYTHON" "$BENCH/summarize.py" "$OUT/ck.jsonl" --published
}

scale() {
    build
    local set=$OUT/synth_k4_1000000
    [ -f "$set/labels.csv" ] || "$PYTHON" "$BENCH/gen_synthetic.py" --items 1000000 --workers 2000 --classes 4 --out "$set"
    python3 "$SHARED/bench/peers/bench.py" --name winnow-ds --repeat 3 --cpus 0 --out "$OUT/scale.jsonl" -- \
        "$WINNOW" consensus "$set/labels.csv" --method ds --output "$OUT/synth.ds.csv"
    python3 "$SHARED/bench/peers/bench.py" --name winnow-ds-crowdkit-rule --repeat 3 --cpus 0 --out "$OUT/scale.jsonl" -- \
        "$WINNOW" consensus "$set/labels.csv" --method ds --stopping crowdkit --output "$OUT/synth.ds-crowdkit.csv"
    python3 "$BENCH/score_labels.py" --dataset "$set" --pred "$OUT/synth.ds.csv"
    CONSENSUS_PYTHON=$PYTHON "$PYTHON" "$BENCH/run_scale.py" --data-root "$OUT" --datasets synth_k4_1000000 \
        --methods LOAD,DS --core 0 | tee -a "$OUT/scale-crowdkit.jsonl"
}

"${1:-accuracy}"
