#!/usr/bin/env bash
# Benchmarks of `winnow dedup` (stage dedup.minhash@1) next to the MinHash peers, measured in one session
# with the shared harness (../shared/bench/peers): every timing through bench.py (GNU time -v, taskset,
# median of REPEAT runs; CPU seconds and process-tree peak RSS), every score through eval_pairs.py.
#
# usage: Scripts/bench-dedup.sh [STEP...]    STEP in: accuracy sig e2e baselines scale  (default: all but scale)
#
#   accuracy   winnow (exact verification, signature verification, raw candidates), rensa and datasketch
#              (LSH + check, and raw candidates) on the near-duplicate eval set: pair / cluster / document
#              precision, recall, F1; and the cost of each winnow variant (CPU s, 2 workers on cores 0,1)
#   sig        single-core signature throughput on the 40 MB sample (read + parse + shingle + MinHash):
#              winnow --signatures-only, rensa, datasketch, datatrove (its own tokenizer and canonical shingles)
#   e2e        end-to-end dedup of the eval set, 1 worker on core 0 and 2 workers on cores 0,1
#   baselines  zcat, xxhsum, the C MinHash loop on the 40 MB sample (the harness's baselines.sh)
#   scale      winnow dedup, 2 workers on cores 0,1, of a 1x (replicas 0-1, 0.71 GB of text) and a 4x (replicas
#              0-7, 3.21 GB, 4.53x the bytes) corpus built by Scripts/make-dedup-scale-corpus.py under $SCALE;
#              peak RSS, CPU, wall, work-directory size; then on core 0 over the 4x corpus: xxhsum -H3 of the
#              decompressed JSONL, zcat, and winnow's signature phase (--signatures-only)
#
# env: WINNOW   the binary       [.build/release/winnow]   (build: swift build -c release)
#      PYTHON   peers' python    [~/.venvs/winnow-peers/bin/python]  (setup: ../shared/bench/README.md)
#      SHARED   shared folder    [../shared]
#      OUT      results folder   [~/.cache/winnow-bench/minhash]
#      REPEAT   timing runs      [3]
#      SCALE    scale corpus     [~/.cache/winnow-bench/dedup-scale/8x]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,/^set -uo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;; esac
WINNOW="${WINNOW:-$ROOT/.build/release/winnow}"
PYTHON="${PYTHON:-$HOME/.venvs/winnow-peers/bin/python}"
SHARED="${SHARED:-$ROOT/../shared}"
OUT="${OUT:-$HOME/.cache/winnow-bench/minhash}"
REPEAT="${REPEAT:-3}"
SCALE="${SCALE:-$HOME/.cache/winnow-bench/dedup-scale/8x}"
STEPS="${*:-accuracy sig e2e baselines}"
PEERS="$SHARED/bench/peers"
D="$SHARED/data/neardup"
B="$SHARED/data/bench"
EVAL=("$D"/eval-*.jsonl.gz)
SAMPLE=("$B"/bench-*.jsonl.gz)
EVAL_BYTES=291771120
SAMPLE_BYTES=40034544
RESULTS="$OUT/results.jsonl"
ACCURACY="$OUT/accuracy.jsonl"
mkdir -p "$OUT/runs"
export PYTHONHASHSEED=0 OMP_NUM_THREADS=1 TOKENIZERS_PARALLELISM=false
[ -x "$WINNOW" ] || { echo "no $WINNOW (swift build -c release, or set WINNOW)" >&2; exit 2; }
[ -x "$PYTHON" ] || { echo "no $PYTHON (see ../shared/bench/README.md, Setup)" >&2; exit 2; }

bench() { python3 "$PEERS/bench.py" --out "$RESULTS" "$@" > /dev/null || echo "FAILED: $*" >&2; }
score() { python3 "$PEERS/eval_pairs.py" --truth "$D/truth_pairs.tsv" --out "$ACCURACY" "$@" > /dev/null; }
R="$OUT/runs"

for step in $STEPS; do
  case $step in
  accuracy)
    for variant in exact signature none; do
      bench --name "accuracy:winnow-$variant:w2" --repeat 1 --cpus 0,1 --bytes $EVAL_BYTES -- sh -c 'rm -rf "$0" && exec "$@"' "$R/winnow-$variant" \
        "$WINNOW" dedup "${EVAL[@]}" --output "$R/winnow-$variant" --workers 2 --verification $variant --pairs-out "$R/winnow-$variant.pairs.tsv"
      python3 "$PEERS/clusters_jsonl_to_tsv.py" "$R/winnow-$variant/clusters.jsonl" "$R/winnow-$variant.clusters.tsv" > /dev/null
      score --pairs "$R/winnow-$variant.pairs.tsv" --clusters "$R/winnow-$variant.clusters.tsv" --label "winnow-lsh-$variant"
    done
    for impl in rensa datasketch; do
      "$PYTHON" "$PEERS/run_minhash.py" --impl $impl --workers 2 --verify --candidates-out "$R/$impl.cand.tsv" \
        --pairs-out "$R/$impl.pairs.tsv" --clusters-out "$R/$impl.clusters.tsv" --corpus "${EVAL[@]}" > /dev/null
      score --pairs "$R/$impl.pairs.tsv" --clusters "$R/$impl.clusters.tsv" --label "$impl-lsh+verify"
      score --pairs "$R/$impl.cand.tsv" --label "$impl-lsh-raw"
    done
    ;;
  sig)
    bench --name sig:winnow --repeat "$REPEAT" --cpus 0 --bytes $SAMPLE_BYTES -- "$WINNOW" dedup --signatures-only "${SAMPLE[@]}" --output /dev/null
    for impl in rensa datasketch; do
      bench --name sig:$impl --repeat "$REPEAT" --cpus 0 --bytes $SAMPLE_BYTES -- "$PYTHON" "$PEERS/run_minhash.py" --impl $impl --mode sig --corpus "${SAMPLE[@]}"
    done
    for tok in native gt; do
      bench --name sig:datatrove-$tok --repeat 1 --cpus 0 --bytes $SAMPLE_BYTES -- "$PYTHON" "$PEERS/run_minhash.py" --impl datatrove --tokenizer $tok --mode sig --workers 1 --workdir "$R" --corpus "${SAMPLE[@]}"
    done
    ;;
  e2e)
    for w in 1 2; do
      cpus=0; [ $w = 2 ] && cpus=0,1
      bench --name e2e:winnow:w$w --repeat "$REPEAT" --cpus $cpus --bytes $EVAL_BYTES -- sh -c 'rm -rf "$0" && exec "$@"' "$R/e2e-winnow" \
        "$WINNOW" dedup "${EVAL[@]}" --output "$R/e2e-winnow" --workers $w
      bench --name e2e:winnow-zstd:w$w --repeat "$REPEAT" --cpus $cpus --bytes $EVAL_BYTES -- sh -c 'rm -rf "$0" && exec "$@"' "$R/e2e-winnow" \
        "$WINNOW" dedup "${EVAL[@]}" --output "$R/e2e-winnow" --workers $w --compression zstd
      for impl in rensa datasketch; do
        bench --name e2e:$impl:w$w --repeat "$REPEAT" --cpus $cpus --bytes $EVAL_BYTES -- "$PYTHON" "$PEERS/run_minhash.py" --impl $impl --workers $w --verify --corpus "${EVAL[@]}"
      done
      bench --name e2e:datatrove-gt:w$w --repeat 1 --cpus $cpus --bytes $EVAL_BYTES -- "$PYTHON" "$PEERS/run_minhash.py" --impl datatrove --tokenizer gt --workers $w --workdir "$R" --corpus "${EVAL[@]}"
    done
    ;;
  baselines)
    WORK="$R/baselines" RESULTS="$RESULTS" REPEAT="$REPEAT" CPUS=0 PY=python3 VENV_PY="$PYTHON" \
      bash "$PEERS/baselines/baselines.sh" "${SAMPLE[@]}"
    ;;
  scale)
    [ -f "$SCALE/part-007-1.jsonl.gz" ] || python3 "$ROOT/Scripts/make-dedup-scale-corpus.py" "$SCALE" 8 "$D" >&2
    ONE=("$SCALE"/part-00[01]-*.jsonl.gz)
    FOUR=("$SCALE"/part-*.jsonl.gz)
    for size in 1x 4x; do
      # Text bytes: replica 0 is the eval set, each other replica 417,420,156 bytes (the generator's tags).
      if [ $size = 1x ]; then files=("${ONE[@]}"); bytes=709191276; else files=("${FOUR[@]}"); bytes=3213712212; fi
      bench --name scale:winnow:$size:w2 --repeat 1 --cpus 0,1 --bytes $bytes -- sh -c 'rm -rf "$0" && exec "$@"' "$R/scale-$size" \
        "$WINNOW" dedup "${files[@]}" --output "$R/scale-$size" --workers 2 --compression zstd
      echo "{\"name\": \"scale:winnow:$size:work-bytes\", \"bytes\": $(du -sb "$R/scale-$size/work" | cut -f1)}" >> "$RESULTS"
      rm -rf "$R/scale-$size"
    done
    # The physical reference on the same bytes, one core: XXH3 over the decompressed JSONL, gunzip alone, and
    # Winnow's signature phase (read + gunzip + JSON + shingle + MinHash).
    zcat "${FOUR[@]}" > "$R/scale-4x.jsonl"
    bench --name scale:xxhsum-H3:4x --repeat "$REPEAT" --cpus 0 --bytes 3213712212 -- xxhsum -H3 "$R/scale-4x.jsonl"
    echo "{\"name\": \"scale:jsonl-bytes:4x\", \"bytes\": $(stat -c %s "$R/scale-4x.jsonl")}" >> "$RESULTS"
    rm -f "$R/scale-4x.jsonl"
    bench --name scale:zcat:4x --repeat "$REPEAT" --cpus 0 --bytes 3213712212 -- sh -c 'zcat "$@" > /dev/null' sh "${FOUR[@]}"
    bench --name scale:winnow-sig:4x --repeat "$REPEAT" --cpus 0 --bytes 3213712212 -- "$WINNOW" dedup --signatures-only "${FOUR[@]}" --output /dev/null
    ;;
  *) echo "unknown step $step (see --help)" >&2; exit 2 ;;
  esac
done
echo "timings in $RESULTS, scores in $ACCURACY" >&2
