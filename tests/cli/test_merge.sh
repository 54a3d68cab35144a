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

# shards made from an unsorted list are sorted in memory: the same rows
LC_ALL=C sort -r list > rlist
split -n l/3 -d rlist rshard.
for r in rshard.0?; do "$T" batch --files-from "$r" --format jsonl -j1 > "$r.out"; done
"$T" merge rshard.0?.out | cmp - single.jsonl || fail "merge(unsorted shards) != single run"
# sorted shards are merged as they are read; stdin is read whole: same bytes
cat shard.0?.out | "$T" merge - | cmp - single.jsonl || fail "merge(stdin) != single run"

# merging sorted shards keeps one row per input in memory: ten shards of
# 24,000 rows take no more peak memory than one (read whole, the ten would
# take about 90 MB)
if [ "${TS_INSTRUMENTED:-0}" = 0 ] && [ -x /usr/bin/time ]; then
    grep -v '"type":"totals"' single.jsonl > rows.jsonl
    for k in 0 1 2 3 4 5 6 7 8 9; do
        for p in $(seq -w 0 99); do
            sed "s|\"path\":\"|\"path\":\"big$k$p/|" rows.jsonl
        done > big$k.jsonl
    done
    peak() { /usr/bin/time -f %M "$T" merge "$@" 2>&1 >/dev/null | tail -1; }
    one=$(peak big0.jsonl)
    ten=$(peak big?.jsonl)
    [ "$ten" -le $(( one * 5 / 4 )) ] ||
        fail "merge memory grows with the rows: $one KiB for one shard, $ten KiB for ten"
    "$T" merge big?.jsonl | tail -1 | grep -q '"documents":240000,' || fail "240,000 rows merged"
fi

# paths that start like a comment, a JSON row or a blank line survive TSV
mkdir odd
for name in '#hash.txt' '{brace}.txt' ' space.txt'; do
    echo "We learn every day." > "odd/$name"
done
"$T" batch odd --totals > odd.tsv
"$T" merge --totals odd.tsv | cmp - odd.tsv || fail "odd paths do not merge back"
[ "$(grep -c '^odd/' odd.tsv)" = 3 ] || fail "odd paths: rows"

# a malformed summary is an input error
echo 'not a summary' > bad.tsv
set +e; "$T" merge bad.tsv > /dev/null 2>&1; rc=$?; set -e
[ $rc = 3 ] || fail "bad input: exit $rc"
# binary data in a row is refused, not cut short at the NUL
{ head -1 odd.tsv; printf 'a\0b.txt\t20\t4\t1\t1\t0.6597\t85.0000\t0.0000\t0\tgrowth\t3.400000\t0.000000\t0.659728\t\n'; } > nul.tsv
set +e; "$T" merge nul.tsv > nul.out 2> nul.err; rc=$?; set -e
[ $rc = 3 ] || fail "NUL in a row: exit $rc"
grep -q 'nul.tsv:2: a NUL byte in the line' nul.err || fail "NUL in a row: message"
# a bad line at the end of a sorted shard stops the merge before any output,
# and the message names the file and the line
{ cat shard.00.out; echo 'not a summary'; } > late.jsonl
set +e; "$T" merge shard.01.out late.jsonl > late.out 2> late.err; rc=$?; set -e
[ $rc = 3 ] || fail "bad line late: exit $rc"
[ ! -s late.out ] || fail "bad line late: rows printed before the error"
grep -q "late.jsonl:$(( $(wc -l < late.jsonl) )):" late.err || fail "bad line late: no file:line"
echo ok
