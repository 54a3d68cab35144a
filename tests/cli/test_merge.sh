#!/usr/bin/env bash
# merge: the GNU parallel recipe over 4 shards equals one run.
set -euo pipefail
T=${TONESCOPE:?}
SRC=${TS_SOURCE_DIR:-.}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
"$SRC/bench/gen-corpus" 240 "$W/c" 5
cd "$W"

"$T" batch c --totals -j2 > single.tsv
"$T" batch c -f jsonl -j2 > single.jsonl
# batch's own order is merge's order
"$T" merge --totals single.tsv | cmp - single.tsv || fail "merge(single) != single"
"$T" merge single.jsonl | cmp - single.jsonl || fail "jsonl merge(single) != single"

# the README recipe, locally: 4 shards of the file list, 2 at a time
find c -type f | LC_ALL=C sort > list
if command -v parallel >/dev/null; then
    split -n l/4 -d list shard.
    ls shard.0* | parallel --will-cite --jobs 2 \
        "$T batch --files-from {} --format jsonl -j1 > {}.out"
else
    echo "parallel not installed: running the shards in a loop" >&2
    split -n l/4 -d list shard.
    for s in shard.0?; do "$T" batch --files-from "$s" --format jsonl -j1 > "$s.out"; done
fi
[ "$(ls shard.0?.out | wc -l)" = 4 ] || fail "4 shard outputs"
"$T" merge shard.0?.out | cmp - single.jsonl || fail "merge(shards) != single run (jsonl)"
"$T" merge -f tsv --totals shard.0?.out | cmp - single.tsv || fail "merge(shards) != single run (tsv)"
# shard order does not matter, nor mixing formats
"$T" merge --totals -f tsv shard.03.out single.tsv > /dev/null
"$T" merge -f tsv --totals shard.02.out shard.00.out shard.03.out shard.01.out | cmp - single.tsv || fail "order"

# a malformed summary is an input error
echo 'not a summary' > bad.tsv
set +e; "$T" merge bad.tsv > /dev/null 2>&1; rc=$?; set -e
[ $rc = 3 ] || fail "bad input: exit $rc"
echo ok
