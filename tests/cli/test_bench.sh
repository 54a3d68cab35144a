#!/usr/bin/env bash
# bench tools: bench/gen is deterministic, writes the size asked for and
# keeps growing its vocabulary (what the README's performance table rests
# on); bench/deflate-alone reads a report whole; bench/run parses.
set -euo pipefail
T=${TONESCOPE:?}
SRC=${TS_SOURCE_DIR:-.}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cc -O2 -o "$W/gen" "$SRC/bench/gen.c" -lm || fail "bench/gen.c does not build"
sources=("$SRC"/corpus/*.txt "$SRC"/corpus/*.md "$SRC"/corpus/drafts/*.txt)

# the same seed gives the same text, another seed another text
"$W/gen" 1 42 "${sources[@]}" > "$W/a.txt"
"$W/gen" 1 42 "${sources[@]}" > "$W/b.txt"
"$W/gen" 1 43 "${sources[@]}" > "$W/c.txt"
cmp -s "$W/a.txt" "$W/b.txt" || fail "gen is not deterministic"
cmp -s "$W/a.txt" "$W/c.txt" && fail "gen ignores its seed"

# at least the megabyte asked for, and no more than a section beyond it
bytes=$(wc -c < "$W/a.txt")
[ "$bytes" -ge 1048576 ] || fail "gen 1 wrote $bytes bytes, under 1 MiB"
[ "$bytes" -lt $((1048576 + 16384)) ] || fail "gen 1 wrote $bytes bytes, far over 1 MiB"

# the vocabulary keeps growing: the second megabyte of a 2 MB text brings
# hundreds of words the first did not have (invented ones, at the rate of
# Heaps' law), so a stem memo meets new words all along
"$W/gen" 2 42 "${sources[@]}" > "$W/two.txt"
words() { tr -cs 'A-Za-z' '\n' | tr 'A-Z' 'a-z' | sort -u; }
head -c 1048576 "$W/two.txt" | words > "$W/first.words"
tail -c +1048577 "$W/two.txt" | words > "$W/second.words"
new=$(comm -13 "$W/first.words" "$W/second.words" | wc -l)
[ "$new" -gt 500 ] || fail "only $new new words in the second megabyte"

# article-like: tonescope finds many sections and sentences in it
"$T" analyze -f tsv "$W/a.txt" > "$W/a.tsv" || fail "analyze failed on generated text"
sections=$(grep -c '^[0-9]' "$W/a.tsv" || true)
[ "$sections" -gt 100 ] || fail "only $sections sections in 1 MB of generated text"

# deflate-alone: reads the report's JSON whole (its byte count is the
# JSON's) and prints median, minimum and maximum seconds
cc -O2 -I"$SRC/analyzer/src" -o "$W/deflate-alone" "$SRC/bench/deflate-alone.c" \
    "$SRC/analyzer/src/fast_deflate.c" -lz -lpthread || fail "deflate-alone does not build"
"$T" analyze -q -o "$W/a.tone.gz" "$W/a.txt" > /dev/null
read -r med min max json _ < <("$W/deflate-alone" "$W/a.tone.gz" 1 3)
[ "$json" = "$(gzip -dc "$W/a.tone.gz" | wc -c)" ] || fail "deflate-alone read $json bytes"
awk -v a="$min" -v b="$med" -v c="$max" 'BEGIN { exit !(a > 0 && a <= b && b <= c) }' ||
    fail "deflate-alone timings: $med $min $max"
# zlib's levels too
read -r med min max json _ < <("$W/deflate-alone" "$W/a.tone.gz" 2 3)
[ "$json" = "$(gzip -dc "$W/a.tone.gz" | wc -c)" ] || fail "deflate-alone at 2 read $json bytes"

bash -n "$SRC/bench/run" || fail "bench/run does not parse"
echo "bench tools ok"
