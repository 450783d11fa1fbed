# Shared by the shell checks (Scripts/test-slurm.sh, Scripts/test-faults.sh): TAP-like counters and
# comparisons of two run directories. Source it; it defines functions and the counters pass and fail.
pass=0; fail=0
ok()   { pass=$((pass + 1)); echo "ok   - $*"; }
bad()  { fail=$((fail + 1)); echo "FAIL - $*"; }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

# json FILE EXPRESSION: evaluates a Python expression over the JSON document `d` and prints the result.
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

same_shards() { # DIR_A DIR_B: same shard names, byte-identical content
    local a="$1/shards" b="$2/shards"
    [ -d "$a" ] && [ -d "$b" ] || return 1
    [ "$(ls "$a")" = "$(ls "$b")" ] && [ -n "$(ls "$a")" ] || return 1
    local f
    for f in "$a"/*; do cmp -s "$f" "$b/$(basename "$f")" || return 1; done
}
same_root() { # DIR_A DIR_B: equal merkle.documents.root in the manifests
    local ra rb
    ra="$(json "$1/manifest.json" 'd["merkle"]["documents"]["root"]')" || return 1
    rb="$(json "$2/manifest.json" 'd["merkle"]["documents"]["root"]')" || return 1
    [ -n "$ra" ] && [ "$ra" = "$rb" ]
}
