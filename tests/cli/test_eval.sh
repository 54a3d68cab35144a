#!/usr/bin/env bash
# `tonescope eval`: the shipped lexicons keep their measured quality on the
# held-out labelled sentences, and the outputs and errors have their shape.
#
# The floors below are the project's targets for the held-out part (see
# lexicons/README.md): macro-F1 0.80 over the three tone classes
# and reframe recall 0.70, the latter guarded higher, at 0.76, just under
# the level reached.  Today the whole held-out part (1,776 sentences)
# reads macro-F1 0.8006 and reframe recall 0.786.  The part holds a first
# block of 336 sentences, a second of 480 and a third of 960, the last two
# written separately, without sight of the lexicons, and harder (0.828,
# 0.798 and 0.792 macro-F1).  The held-out part is never used to choose a
# weight or a rule: a change that drops it below a floor is a change that
# does not generalise, and is taken back rather than the floor lowered.
set -u
bin=${TONESCOPE:?TONESCOPE must name the tonescope binary}
src=${TS_SOURCE_DIR:-.}
data="$src/tests/data/labelled.tsv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

min_f1=0.80
min_recall=0.76
# 1. quality floors on the held-out part (the gates exit 1 when not met)
"$bin" eval --part held-out --min-macro-f1 $min_f1 --min-reframe-recall $min_recall \
    "$data" >"$tmp/out" 2>"$tmp/err"
rc=$?
# on failure show only the totals: the held-out part is not to be studied in detail
[ "$rc" -eq 0 ] || { bad "held-out floors not met (exit $rc)"
                     grep -E '^(macro-F1|reframe) ' "$tmp/out" >&2; cat "$tmp/err" >&2; }
grep -q '^macro-F1 ' "$tmp/out" || bad "text output lacks macro-F1"
grep -q '^reframe .*recall' "$tmp/out" || bad "text output lacks reframe recall"
grep -q '^confusion' "$tmp/out" || bad "text output lacks the confusion matrix"

# 2. a gate that cannot be met exits 1 and says why
"$bin" eval --part held-out --min-macro-f1 1 "$data" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || bad "--min-macro-f1 1: exit $rc, want 1"
grep -q 'macro-F1 .* below' "$tmp/err" || bad "--min-macro-f1 1: no reason given"

# 3. JSON parses and agrees with the gates
if command -v jq >/dev/null; then
    "$bin" eval --part held-out --format json "$data" >"$tmp/json" || bad "json run failed"
    jq -e --argjson f1 $min_f1 --argjson rr $min_recall \
        '.type == "eval" and .part == "held-out"
           and .macro_f1 >= $f1 and .reframe.recall >= $rr
           and (.confusion.matrix | length) == 3
           and ([.confusion.matrix[][]] | add) == .sentences
           and .sentences >= 300' "$tmp/json" >/dev/null \
        || bad "json output wrong: $(jq -c '{type, part, sentences, macro_f1, reframe_recall: .reframe.recall}' "$tmp/json")"
    "$bin" eval --part held-out --format json --errors "$data" >"$tmp/jerr" || bad "json --errors failed"
    jq -e '(.errors | length) > 0 and (.errors[0] | has("text") and has("hits") and has("gold"))' \
        "$tmp/jerr" >/dev/null || bad "json --errors lacks the errors array"
else
    echo "note: jq not found, JSON checks skipped" >&2
fi

# 4. --errors lists misclassified sentences with their line and hits
printf '# part: a\ngrowth\tThe weather was cold.\nnegative\tShe loves learning new things.\nneutral\tThe bus leaves at noon.\nreframe\tFailure is a chance to learn.\n' >"$tmp/small.tsv"
"$bin" eval --errors "$tmp/small.tsv" >"$tmp/out" 2>"$tmp/err" || bad "small --errors failed"
grep -q '^2  gold growth, predicted neutral' "$tmp/out" || bad "--errors: line 2 not listed: $(cat "$tmp/out")"
grep -q 'She loves learning new things.' "$tmp/out" || bad "--errors: sentence 3 not listed"
grep -q '^ *+ [a-z ]*learning .*growth' "$tmp/out" || bad "--errors: hits not listed"
grep -q 'The bus leaves at noon' "$tmp/out" && bad "--errors lists a right answer"
grep -q '^accuracy   0.500$' "$tmp/out" || bad "small: accuracy should be 0.500: $(cat "$tmp/out")"

# 5. bad data lines: FILE:LINE: reason, exit 3; usage errors exit 2
printf 'growth\tFine.\nhappy\tNot a label.\n' >"$tmp/badlabel.tsv"
"$bin" eval "$tmp/badlabel.tsv" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] || bad "bad label: exit $rc, want 3"
grep -qF "badlabel.tsv:2: unknown label 'happy'" "$tmp/err" || bad "bad label message: $(cat "$tmp/err")"
printf 'growth\tFine.\nno tab here\n' >"$tmp/notab.tsv"
"$bin" eval "$tmp/notab.tsv" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] || bad "no tab: exit $rc, want 3"
grep -qF "notab.tsv:2: expected 'label<TAB>sentence'" "$tmp/err" || bad "no tab message: $(cat "$tmp/err")"
"$bin" eval --part nosuch "$data" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 3 ] || bad "unknown part: exit $rc, want 3"
"$bin" eval >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] || bad "no file: exit $rc, want 2"
"$bin" eval --min-macro-f1 2 "$data" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] || bad "--min-macro-f1 2: exit $rc, want 2"
"$bin" eval "$tmp/does-not-exist.tsv" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 3 ] || bad "missing file: exit $rc, want 3"

exit $fail
