#!/usr/bin/env bash
# Builds and runs one libFuzzer target of Winnow.
#
#   Scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   Scripts/fuzz.sh TARGET build          # build only
#   Scripts/fuzz.sh TARGET replay FILE... # run the target once on each FILE (reproduce a crash)
#
# TARGET: jsonl warc gzip zstd html labels manifest proof (one Swift file each in Fuzz/).
#
# How: the library modules are built once by SwiftPM into .build-fuzz (release, instrumented with
# -sanitize=fuzzer,address, which only compiles: nothing is linked there). Then swiftc compiles
# Fuzz/FuzzSupport.swift + Fuzz/TARGET.swift against those modules and links them with libFuzzer's
# runtime (shipped with Swift's clang) into .build-fuzz/fuzz-TARGET. The working corpus is
# .build-fuzz/corpus/TARGET (new inputs go there), seeded from Fuzz/Corpus/TARGET; crashes, hangs and
# OOMs are written to .build-fuzz/findings/TARGET/ (not artifacts/: every `swift build` of the scratch path
# deletes the empty directories under artifacts/, so a second fuzz.sh removed the directory of a fuzzer
# still running, which then could not write its crash). See docs/fuzzing.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${1:?usage: Scripts/fuzz.sh TARGET SECONDS|build|replay FILE...}"
mode="${2:?usage: Scripts/fuzz.sh TARGET SECONDS|build|replay FILE...}"
shift 2
[[ -f "Fuzz/$target.swift" && "$target" != FuzzSupport ]] || { echo "fuzz.sh: no target '$target' (see Fuzz/)" >&2; exit 64; }

swift_bin="${SWIFT_BIN:-/opt/swift/usr/bin}"
scratch="$root/.build-fuzz"
config=release
sanitizers="-sanitize=fuzzer,address"  # one flag: a second -sanitize= replaces the first

# 1. The instrumented modules (incremental after the first build).
"$swift_bin/swift" build --scratch-path "$scratch" -c "$config" --target Winnow \
    -Xswiftc "$sanitizers" >&2
build="$("$swift_bin/swift" build --scratch-path "$scratch" -c "$config" --show-bin-path)"

# 2. Every object of the library modules the umbrella `Winnow` depends on (SwiftPM has no product for an
#    instrumented static library, so the objects are linked directly). Executables and tests are left out.
objects="$scratch/fuzz-objects.txt"
find "$build" -path '*.build/*' -name '*.o' \
    -not -path '*/WinnowCLI.build/*' -not -path '*/WinnowPipelines.build/*' -not -path '*/WinnowReport.build/*' \
    -not -path '*Tests.build/*' -not -path '*/ArgumentParser*.build/*' -not -path '*/Benchmark*' | sort > "$objects"

# 3. The fuzzer executable: C modules are found through their module maps.
includes=()
for map in $(find "$root/Sources" "$build" -maxdepth 2 -name module.modulemap 2>/dev/null | sort); do
    includes+=(-Xcc "-fmodule-map-file=$map" -Xcc "-I$(dirname "$map")")
done
binary="$scratch/fuzz-$target"
if [[ ! -x "$binary" || -n "$(find "$build" "Fuzz" -newer "$binary" \( -name '*.o' -o -name '*.swift' \) -print -quit)" ]]; then
    "$swift_bin/swiftc" $sanitizers -parse-as-library -O -swift-version 6 -use-ld=lld \
        -module-name "Fuzz_$target" -I "$build/Modules" "${includes[@]}" \
        "Fuzz/FuzzSupport.swift" "Fuzz/$target.swift" @"$objects" \
        $(pkg-config --cflags-only-I libxml-2.0 | sed 's/-I/-Xcc -I/g') \
        -lz -lisal -lzstd -lxxhash -lxml2 -lcld2_full -lcld2 -lstdc++ -o "$binary" >&2
fi

case "$mode" in
build)
    echo "$binary"
    ;;
replay)
    "$binary" -runs=1 "$@"
    ;;
*)
    [[ "$mode" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a number, build or replay" >&2; exit 64; }
    mkdir -p "$scratch/corpus/$target" "$scratch/findings/$target"
    dictionary=()
    [[ -f "Fuzz/Dictionaries/$target.dict" ]] && dictionary=(-dict="Fuzz/Dictionaries/$target.dict")
    # -rss_limit_mb: any input that makes the parser hold more than 2 GiB is a finding (OOM).
    # -timeout: any input that takes over 10 s is a finding (hang). Inputs up to 64 KiB.
    exec "$binary" -max_total_time="$mode" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$scratch/findings/$target/" "${dictionary[@]}" "$@" \
        "$scratch/corpus/$target" "Fuzz/Corpus/$target"
    ;;
esac
