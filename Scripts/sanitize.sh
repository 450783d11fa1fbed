#!/usr/bin/env bash
# sanitize.sh - the whole test suite under a sanitizer, in its own scratch path:
#   Scripts/sanitize.sh thread     # ThreadSanitizer,  .build-tsan
#   Scripts/sanitize.sh address    # AddressSanitizer (and LeakSanitizer), .build-asan
# Further arguments go to `swift test` (e.g. --filter WinnowExecutionTests). The CLI tests run the
# sanitized `winnow` too; a sanitizer report makes that process exit 66, which fails the test.
# Not run in CI: each sanitized build takes about half an hour on two shared cores (see README, Sanitizers).
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:?usage: Scripts/sanitize.sh thread|address [swift test arguments]}"
shift
case "$kind" in
    thread) scratch=.build-tsan
            export TSAN_OPTIONS="halt_on_error=0 exitcode=66 history_size=4 ${TSAN_OPTIONS:-}" ;;
    address) scratch=.build-asan
             # detect_leaks: LeakSanitizer is part of ASan on Linux.
             export ASAN_OPTIONS="detect_leaks=1 exitcode=66 ${ASAN_OPTIONS:-}"
             # print_suppressions=0: the table of used suppressions would land in the JSON logs the CLI tests parse.
             export LSAN_OPTIONS="suppressions=$(pwd)/Scripts/sanitizers/lsan.supp print_suppressions=0 ${LSAN_OPTIONS:-}" ;;
    *) echo "sanitize.sh: unknown sanitizer '$kind' (thread or address)" >&2; exit 64 ;;
esac
swift build --build-tests --sanitize="$kind" --scratch-path "$scratch"
swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" "$@" 2>&1 | tee "$scratch/sanitize.log"
status=${PIPESTATUS[0]}
reports=$(grep -c -E '^(WARNING: ThreadSanitizer|==[0-9]+==ERROR: (Address|Leak)Sanitizer)' "$scratch/sanitize.log" || true)
echo "sanitize.sh: $kind: swift test exited $status, $reports sanitizer reports (log: $scratch/sanitize.log)"
[ "$status" = 0 ] && [ "$reports" = 0 ]
