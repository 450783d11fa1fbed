#!/usr/bin/env bash
# test-slurm.sh - runs Winnow on a real single-node Slurm cluster (munged, slurmctld, slurmd started by
# Scripts/slurm/start-local-cluster.sh on loopback) and checks it against the local executor:
#   1. quickstart with --executor slurm --tasks 4 --wait gives shards byte-identical to --workers 2, and the
#      same manifest Merkle root; per-task logs exist; `winnow status` reports every phase 4/4, COMPLETED;
#      a rerun of the complete run submits nothing;
#   2. the same with arrays capped at 3 tasks (--max-array-size 3): every phase is split into two arrays
#      (ranks 0-2, and rank 3 at offset 3), output still byte-identical;
#   3. a failing task (a malformed record under --fail-fast): exit code 65 naming the phase, rank and log,
#      the later phases are cancelled by Slurm and never run; a rerun without --fail-fast resubmits only the
#      failed task and the later phases, and completes;
#   4. Slurm's pre-timeout signal (--time 3 --signal-before 100): the held task stops on SIGUSR1, requeues
#      itself, runs again and completes; the run's output is byte-identical to the local run's (3.5
#      to 4.5 minutes, most of it Slurm's hold on a requeued job; WINNOW_SLURM_PRETIMEOUT=0 skips it).
# Needs root (the cluster scripts install Slurm with apt-get and start its daemons). The cluster is stopped
# in an EXIT trap. Ends with 'N passed, N failed'; exits 1 if any check failed.
#
# Usage: Scripts/test-slurm.sh [PATH-TO-WINNOW]     (default: swift build, then .build/debug/winnow)
# Env:   SLURM_LOCAL_DIR (default /tmp/slurm-ci), SLURM_LOCAL_CPUS (default 4), WINNOW_SCRATCH (swift build
#        --scratch-path, default .build), SLURM_TEST_TIMEOUT (seconds per --wait, default 240),
#        SLURM_PRETIMEOUT_TIMEOUT (--wait of part 4, default 600), WINNOW_SLURM_PRETIMEOUT=0 (skip part 4)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

[ "$(id -u)" = 0 ] || { echo "test-slurm.sh: must run as root (it starts a Slurm cluster)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "test-slurm.sh: needs python3" >&2; exit 2; }

if [ $# -ge 1 ]; then
    WINNOW="$(realpath "$1")"
else
    SCRATCH="${WINNOW_SCRATCH:-.build}"
    swift build --scratch-path "$SCRATCH" >&2 || { echo "test-slurm.sh: swift build failed" >&2; exit 1; }
    WINNOW="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/winnow"
fi
[ -x "$WINNOW" ] || { echo "test-slurm.sh: no winnow executable at $WINNOW" >&2; exit 2; }
TIMEOUT="${SLURM_TEST_TIMEOUT:-240}"

export SLURM_LOCAL_DIR="${SLURM_LOCAL_DIR:-/tmp/slurm-ci}"
export SLURM_LOCAL_CPUS="${SLURM_LOCAL_CPUS:-4}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/winnow-slurm.XXXXXX")"
chmod 755 "$WORK"
cleanup() {
    bash "$ROOT/Scripts/slurm/stop-local-cluster.sh" >&2 || true
    rm -rf "$WORK"
}
bash Scripts/slurm/stop-local-cluster.sh --purge >/dev/null 2>&1 || true   # leftovers of an earlier run, by PID
trap cleanup EXIT
timeout 900 bash Scripts/slurm/start-local-cluster.sh >&2 || { echo "test-slurm.sh: the cluster did not start" >&2; exit 1; }
export SLURM_CONF="$SLURM_LOCAL_DIR/etc/slurm.conf"

source Scripts/check-lib.sh   # pass/fail counters, check, json, same_shards, same_root
started=$(date +%s)
status_complete() { # DIR TASKS: winnow status --json reports every phase TASKS/TASKS and its Slurm tasks COMPLETED
    "$WINNOW" status "$1" --json >"$WORK/status.json" || return 1
    [ "$(json "$WORK/status.json" "all(p['complete'] == p['total'] == $2 and (p.get('slurm') is None or set(p['slurm']) <= {'COMPLETED'}) for p in d['phases']) and d['complete']")" = True ]
}

# ---- the local executor: the reference output -------------------------------------------------------------
"$WINNOW" run quickstart --output "$WORK/local" --workers 2 >"$WORK/local.out" 2>"$WORK/local.err"
check "local run (--workers 2) exits 0" test $? = 0

# ---- 1. quickstart on Slurm, 4 tasks per phase ------------------------------------------------------------
t0=$(date +%s)
"$WINNOW" run quickstart --output "$WORK/slurm" --executor slurm --tasks 4 --wait --wait-timeout "$TIMEOUT" \
    >"$WORK/slurm.out" 2>"$WORK/slurm.err"
rc=$?
echo "# slurm run (4 tasks per phase) took $(( $(date +%s) - t0 )) s"
check "slurm run exits 0 (got $rc)" test "$rc" = 0
[ "$rc" = 0 ] || tail -n 20 "$WORK/slurm.err"
check "slurm shards are byte-identical to the local run's" same_shards "$WORK/local" "$WORK/slurm"
check "manifest merkle.documents.root is equal" same_root "$WORK/local" "$WORK/slurm"
check "summary printed (documents out)" grep -q '^documents out' "$WORK/slurm.out"
phases="$(json "$WORK/slurm/work/slurm/jobs.json" 'len(d["submissions"][0]["arrays"])')"
check "one job array per phase ($phases)" test "$phases" -ge 7
check "each array waits for the previous one (afterok chain)" test "$(json "$WORK/slurm/work/slurm/jobs.json" \
    'all(b["dependencies"] == [a["jobID"]] for a, b in zip(d["submissions"][0]["arrays"], d["submissions"][0]["arrays"][1:]))')" = True
check "per-task logs in DIR/logs/segment-0/rank-{0..3}.out" bash -c \
    "for r in 0 1 2 3; do grep -q 'winnow: phase segment-0, rank '\$r' of 4' '$WORK/slurm/logs/segment-0/rank-'\$r'.out' || exit 1; done"
check "winnow status: every phase 4/4, Slurm tasks COMPLETED" status_complete "$WORK/slurm" 4
"$WINNOW" status "$WORK/slurm" | sed 's/^/# /'
"$WINNOW" run quickstart --output "$WORK/slurm" --executor slurm --tasks 4 --wait >"$WORK/again.out" 2>"$WORK/again.err"
check "rerunning a complete run exits 0" test $? = 0
check "... and submits nothing" test "$(json "$WORK/slurm/work/slurm/jobs.json" 'len(d["submissions"])')" = 1

# ---- 2. arrays capped at 3 tasks: each phase is split into two arrays -------------------------------------
"$WINNOW" run quickstart --output "$WORK/chunked" --executor slurm --tasks 4 --max-array-size 3 --wait --wait-timeout "$TIMEOUT" \
    >"$WORK/chunked.out" 2>"$WORK/chunked.err"
rc=$?
check "chunked slurm run exits 0 (got $rc)" test "$rc" = 0
[ "$rc" = 0 ] || tail -n 20 "$WORK/chunked.err"
check "two arrays per phase: 0-2 and 0 at offset 3" test "$(json "$WORK/chunked/work/slurm/jobs.json" \
    'sorted(set((a["offset"], a["array"]) for a in d["submissions"][0]["arrays"]))')" = "[(0, '0-2'), (3, '0')]"
check "chunked shards are byte-identical to the local run's" same_shards "$WORK/local" "$WORK/chunked"
check "chunked manifest root is equal" same_root "$WORK/local" "$WORK/chunked"
check "rank 3 logs under its rank (hard link to chunk-3/index-0.out)" bash -c \
    "grep -q 'rank 3 of 4' '$WORK/chunked/logs/segment-0/rank-3.out' && [ '$WORK/chunked/logs/segment-0/rank-3.out' -ef '$WORK/chunked/logs/segment-0/chunk-3/index-0.out' ]"
check "winnow status of the chunked run: every phase 4/4" status_complete "$WORK/chunked" 4

# ---- 3. a failing task stops the dependent phases --------------------------------------------------------
mkdir -p "$WORK/in"
{
    echo '{"id": "a", "text": "one two three four five six seven"}'
    echo '{"id": "b", "text": "this line is not closed'
    echo '{"id": "c", "text": "eight nine ten eleven twelve thirteen"}'
} >"$WORK/in/bad.jsonl"
"$WINNOW" run quickstart --input "$WORK/in" --output "$WORK/failing" --executor slurm --tasks 4 --fail-fast --wait \
    --wait-timeout "$TIMEOUT" >"$WORK/failing.out" 2>"$WORK/failing.err"
rc=$?
check "failing run exits 65 (--fail-fast; got $rc)" test "$rc" = 65
check "the error names phase, task and log" grep -q "phase segment-0, task 0 of 4 ended FAILED with exit status 65; its log: $WORK/failing/logs/segment-0/rank-0.out" "$WORK/failing.err"
check "the failed task's log holds its error" grep -q 'malformed-json' "$WORK/failing/logs/segment-0/rank-0.out"
check "the other tasks of the phase completed" test "$(ls "$WORK/failing/work/markers/segment-0" | wc -l)" = 3
"$WINNOW" status "$WORK/failing" --json >"$WORK/failing-status.json"
check "dependent phases never ran: no marker after segment-0" test "$(json "$WORK/failing-status.json" 'sum(p["complete"] for p in d["phases"][1:])')" = 0
check "dependent phases were cancelled by Slurm" test "$(json "$WORK/failing-status.json" \
    'all(set(p["slurm"]) == {"CANCELLED"} for p in d["phases"][1:])')" = True
check "no shard was written" test ! -e "$WORK/failing/shards"
"$WINNOW" status "$WORK/failing" | sed 's/^/# /'

"$WINNOW" run quickstart --input "$WORK/in" --output "$WORK/failing" --executor slurm --tasks 4 --wait \
    --wait-timeout "$TIMEOUT" >"$WORK/resumed.out" 2>"$WORK/resumed.err"
rc=$?
check "rerun without --fail-fast completes (got $rc)" test "$rc" = 0
check "the rerun resubmitted only the failed task of segment-0" test "$(json "$WORK/failing/work/slurm/jobs.json" \
    '(d["submissions"][1]["arrays"][0]["phase"], d["submissions"][1]["arrays"][0]["array"], d["submissions"][1]["arrays"][1]["array"])')" = "('segment-0', '0', '0-3')"
check "the resumed run quarantined the bad record" grep -q '^rejected *1' "$WORK/resumed.out"
check "winnow status of the resumed run: every phase 4/4" status_complete "$WORK/failing" 4

# ---- 4. Slurm's pre-timeout signal: the task stops cleanly, requeues itself, and the run completes --------
# Task 0 of segment-0 holds after its first work unit (WINNOW_FAULT=...:hold, first attempt only) until a
# signal arrives, so it never races its time limit; it only has to reach its hold point before the signal.
# slurmctld looks at running jobs every 30 s and sends the --signal-before signal at the first look that
# falls within N + 30 s of the time limit (measured on this cluster: 0.8-5.7 s before the nominal time, never
# after; sbatch(1) allows "up to 60 seconds earlier"). With --time 3 --signal-before 100 SIGUSR1 therefore
# comes 50-80 s into the task: at least 50 s to start and reach the hold point (a few seconds on an idle
# machine), and at least 100 s between the signal and the time limit for the stop and `scontrol requeue`.
# The task must stop cleanly, requeue itself, run again (SLURM_RESTART_COUNT=1, no hold) and complete, and
# the later phases (afterok) then run: same bytes. Slurm holds a requeued job for 121 s (BeginTime), and the
# scheduler starts it at its next pass, so this part takes 3.5-4.5 minutes. WINNOW_SLURM_PRETIMEOUT=0 skips it.
if [ "${WINNOW_SLURM_PRETIMEOUT:-1}" != 0 ]; then
PRETIMEOUT_WAIT="${SLURM_PRETIMEOUT_TIMEOUT:-600}"
t0=$(date +%s)
WINNOW_FAULT=segment-0:0:0:hold "$WINNOW" run quickstart --output "$WORK/pretimeout" --executor slurm --tasks 2 --time 3 \
    --signal-before 100 --wait --wait-timeout "$PRETIMEOUT_WAIT" >"$WORK/pretimeout.out" 2>"$WORK/pretimeout.err"
rc=$?
echo "# pre-timeout run took $(( $(date +%s) - t0 )) s"
check "pre-timeout run exits 0 (got $rc)" test "$rc" = 0
log0="$WORK/pretimeout/logs/segment-0/rank-0.out"
[ "$rc" = 0 ] || { tail -n 20 "$WORK/pretimeout.err"; sed 's/^/# rank-0.out: /' "$log0"; }
check "the task held at the fault point" grep -q 'fault injection: segment-0 task 0 holding after 0' "$log0"
check "SIGUSR1 stopped it cleanly and it requeued itself" grep -q "stopped by Slurm's pre-timeout signal (SIGUSR1) after the last committed work unit; requeued job" "$log0"
check "the signal came after the hold point" python3 -c '
import sys
lines = open(sys.argv[1]).read().splitlines()
hold = next(i for i, l in enumerate(lines) if "holding after 0" in l)
stop = next(i for i, l in enumerate(lines) if "pre-timeout signal (SIGUSR1)" in l)
sys.exit(0 if hold < stop else 1)' "$log0"
check "the requeued task ran again (two starts in its log)" test "$(grep -c 'winnow: phase segment-0, rank 0 of 2' "$log0")" = 2
grep 'winnow: phase segment-0, rank 0 of 2' "$log0" | sed 's/^/# /'   # its two start times
check "pre-timeout shards are byte-identical to the local run's" same_shards "$WORK/local" "$WORK/pretimeout"
check "pre-timeout manifest root is equal" same_root "$WORK/local" "$WORK/pretimeout"
check "winnow status of the pre-timeout run: every phase 2/2" status_complete "$WORK/pretimeout" 2
else
echo "# part 4 (pre-timeout signal) skipped (WINNOW_SLURM_PRETIMEOUT=0)"
fi

echo "# total $(( $(date +%s) - started )) s (after the cluster started)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
