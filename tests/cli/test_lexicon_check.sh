#!/usr/bin/env bash
# `tonescope lexicon check`: the shipped lexicons are clean, and every kind
# of bad line is reported as "file:line: reason" with exit 4.
set -u
bin=${TONESCOPE:?TONESCOPE must name the tonescope binary}
src=${TS_SOURCE_DIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

# 1. the shipped lexicons
if ! "$bin" lexicon check "$src"/lexicons/*.tsv >"$tmp/out" 2>"$tmp/err"; then
    bad "shipped lexicons do not pass: $(cat "$tmp/err")"
fi
[ -s "$tmp/err" ] && bad "shipped lexicons: unexpected messages: $(cat "$tmp/err")"

# 2. one bad line per file, so each message is checked alone:
#    expect NAME 'file content' 'expected stderr line'
expect() {
    local name=$1 content=$2 want=$3
    printf '%b' "$content" >"$tmp/$name"
    (cd "$tmp" && "$bin" lexicon check "$name" >/dev/null 2>err)
    local rc=$?
    [ "$rc" -eq 4 ] || bad "$name: exit $rc, want 4"
    grep -qxF -- "$want" "$tmp/err" || bad "$name: want '$want', got '$(cat "$tmp/err")'"
}
G='# dimension: growth\n'
N='# dimension: negativity\n'
M='# dimension: modifiers\n'
expect weight.tsv "${G}learn\t1.5\tlearning\ngrit\t5\teffort\n" \
    "weight.tsv:3: bad weight '5': expected a number in (0, 4]"
expect zero.tsv "${N}fail\t0\tsetback\n" \
    "zero.tsv:2: bad weight '0': expected a number in (0, 4]"
expect word.tsv "${N}fail\tmuch\tsetback\n" \
    "word.tsv:2: bad weight 'much': expected a number in (0, 4]"
expect kind.tsv "${M}not\tnegator\nvery\tamplifier\n" \
    "kind.tsv:3: unknown modifier kind 'amplifier' (expected negator, booster, dampener or contrast)"
expect value.tsv "${M}very\tbooster\t9\n" \
    "value.tsv:2: bad value '9': expected a number in (0, 4]"
expect category.tsv "${G}learn\t1.5\tlearning\npractise\t1.5\ttraining\n" \
    "category.tsv:3: unknown category 'training'"
expect dup.tsv "${N}fail\t1.5\tsetback\n# a comment\nfail\t1.5\tsetback\n" \
    "dup.tsv:4: duplicate entry 'fail' (same key 'fail' as line 2)"
expect stem.tsv "${N}fail\t1.5\tsetback\nfailing\t2.0\tsetback\n" \
    "stem.tsv:3: 'failing' stems to 'fail' like line 2, with a different weight"
expect empty.tsv "${G}...\t1.0\tlearning\n" \
    "empty.tsv:2: empty term: '...' has no words"
expect fields.tsv "${G}learn\t1.5\n" \
    "fields.tsv:2: expected 3 tab-separated fields (term, weight, category), found 2"
expect fields4.tsv "${G}learn\t1.5\tlearning\textra\n" \
    "fields4.tsv:2: expected 3 tab-separated fields (term, weight, category), found 4"
expect modfields.tsv "${M}very\tbooster\t0.3\textra\n" \
    "modfields.tsv:2: expected 2 or 3 tab-separated fields (term, kind[, value]), found 4"
expect prefix.tsv "${M}ver*\tbooster\n" \
    "prefix.tsv:2: modifiers cannot be '*' prefixes"
expect negativity.tsv "# dimension: growth\nfail\t1.5\tsetback\n" \
    "negativity.tsv:1: the file says 'dimension: growth' but is read as the negativity lexicon"
expect odd.tsv "# dimension: gratitude\nthanks\t1.5\tsupport\n" \
    "odd.tsv:1: unknown dimension 'gratitude' (expected growth, negativity or modifiers)"
expect star.tsv "${G}le*rn\t1.5\tlearning\n" \
    "star.tsv:2: a '*' may only end a term: 'le*rn'"
expect utf8.tsv "${G}lea\xffrn\t1.5\tlearning\n" \
    "utf8.tsv:2: term is not valid UTF-8"

# 3. several bad lines: every one is reported, in order, and a clean file
#    beside them does not hide the failure
printf '%b' "${G}grit\t5\teffort\nx\t1\tnosuch\n" >"$tmp/two.tsv"
printf '%b' "${G}learn\t1.5\tlearning\n" >"$tmp/clean.tsv"
(cd "$tmp" && "$bin" lexicon check clean.tsv two.tsv >/dev/null 2>err)
rc=$?
[ "$rc" -eq 4 ] || bad "two.tsv: exit $rc, want 4"
[ "$(grep -c '^two.tsv:' "$tmp/err")" -eq 2 ] || bad "two.tsv: want 2 messages, got: $(cat "$tmp/err")"

exit $fail
