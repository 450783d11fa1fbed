#!/usr/bin/env python3
"""Reads the callgrind outputs of Scripts/bench-smoke.sh and compares the counted figures per document with
Benchmarks/thresholds.json: instructions (callgrind's Ir) and allocations (calls of malloc, calloc, realloc,
posix_memalign, aligned_alloc, from callgrind's call arcs) of one pass of a stage, taken as the difference
between a whole-process run with two measured passes and one with one. (Call counts are whole-process figures:
callgrind's --toggle-collect restricts the event counts but not the call-arc counts, hence the difference.)

    bench-smoke.py OUT_DIR THRESHOLDS [--update]

Fails (exit 1) when a figure exceeds its threshold by more than the file's `tolerance` (0.10). With --update,
rewrites THRESHOLDS with the measured figures instead. Only the standard library is needed.
"""
import json, re, sys

ALLOCATORS = {"malloc", "calloc", "realloc", "posix_memalign", "aligned_alloc", "memalign"}
NAME = re.compile(r"^c?fn=\((\d+)\)(?: (.*))?$")


def parse(path):
    """(instructions, allocation calls) of one callgrind.out file."""
    names, callee, allocations, total = {}, None, 0, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith(("fn=", "cfn=")):
                m = NAME.match(line.rstrip("\n"))
                if m:
                    ident, name = m.group(1), m.group(2)
                    if name is not None:
                        names[ident] = name
                    if line.startswith("cfn="):
                        callee = names.get(ident)
            elif line.startswith("calls="):
                if callee in ALLOCATORS:
                    allocations += int(line[6:].split()[0])
            elif line.startswith(("summary:", "totals:")):
                total = int(line.split()[1])
    if total is None:
        raise SystemExit("%s: no summary line (did callgrind finish?)" % path)
    return total, allocations


def main():
    out, thresholds_path = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv[3:]
    with open(thresholds_path) as f:
        thresholds = json.load(f)
    tolerance = thresholds.get("tolerance", 0.10)
    failures, rows, measured = [], [], {}
    for stage in thresholds["stages"]:
        with open("%s/%s.1.json" % (out, stage)) as f:
            info = json.loads(f.read().strip().splitlines()[-1])
        one = parse("%s/%s.1.callgrind" % (out, stage))
        two = parse("%s/%s.2.callgrind" % (out, stage))
        instructions, allocations = two[0] - one[0], two[1] - one[1]
        docs = info["documents"]
        figures = {"instructions_per_document": round(instructions / docs),
                   "allocations_per_document": round(allocations / docs, 1)}
        measured[stage] = dict(figures, documents=docs, bytes=info["bytes"])
        for key, value in figures.items():
            limit = thresholds["stages"][stage].get(key)
            ratio = value / limit if limit else float("nan")
            verdict = "ok"
            if limit and ratio > 1 + tolerance:
                verdict = "REGRESSED"
                failures.append("%s %s: %s > %s (+%.1f%%)" % (stage, key, value, limit, (ratio - 1) * 100))
            elif limit and ratio < 1 - tolerance:
                verdict = "improved: update thresholds"
            rows.append("%-18s %-26s %14s %14s %7.3f  %s" % (stage, key, value, limit, ratio, verdict))
    print("%-18s %-26s %14s %14s %7s" % ("stage", "figure", "measured", "threshold", "ratio"))
    print("\n".join(rows))
    if update:
        thresholds["stages"] = {s: {k: measured[s][k] for k in ("instructions_per_document", "allocations_per_document")}
                                for s in thresholds["stages"]}
        thresholds["measured_on"] = {s: {"documents": measured[s]["documents"], "bytes": measured[s]["bytes"]}
                                     for s in thresholds["stages"]}
        with open(thresholds_path, "w") as f:
            json.dump(thresholds, f, indent=2, sort_keys=False)
            f.write("\n")
        print("updated %s" % thresholds_path)
        return 0
    if failures:
        print("bench-smoke: counted figures regressed by more than %d%%:\n  %s" % (tolerance * 100, "\n  ".join(failures)))
        return 1
    print("bench-smoke: all counted figures within %d%% of %s" % (tolerance * 100, thresholds_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
