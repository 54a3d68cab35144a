#!/usr/bin/env bash
# test_hostile.sh - inputs a crawler drags in: huge lines, floods of distinct
# junk words, a hundred thousand headings, odd line ends, damaged reports,
# malformed lexicons, empty and blank files.  Each must end with the exact
# documented exit code and message, in bounded memory.
#
# Peak memory is measured with GNU time (/usr/bin/time -f %M); without it, or
# in a sanitizer build (whose shadow memory and quarantine swamp the number),
# the memory bounds are skipped with a message and the rest still runs.
set -uo pipefail

: "${TONESCOPE:?set TONESCOPE to the tonescope binary}"
T=$TONESCOPE
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }
skip() { echo "skip: $*"; }

command -v jq >/dev/null || { echo "jq is needed for this test" >&2; exit 1; }

# A sanitizer build is slower and its memory use means nothing: smaller
# inputs, no memory bounds.
sanitized=0
if [ -n "${TS_BUILD_DIR:-}" ] && grep -q '^TS_SANITIZE:BOOL=ON' "$TS_BUILD_DIR/CMakeCache.txt" 2>/dev/null; then
    sanitized=1
fi
measure=1
if [ $sanitized -eq 1 ]; then
    measure=0
    skip "memory bounds (sanitizer build)"
elif ! [ -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    measure=0
    skip "memory bounds (GNU time is not at /usr/bin/time)"
fi
LIMIT_KB=$((64 * 1024))

# run_measured NAME ARGS... < input: runs the binary, stdout in $tmp/out,
# stderr in $tmp/err, status in $rc, peak resident set (KiB) in $rss.
run_measured() {
    local name=$1
    shift
    rss=0
    if [ $measure -eq 1 ]; then
        /usr/bin/time -f %M -o "$tmp/$name.rss" "$T" "$@" >"$tmp/out" 2>"$tmp/err"
        rc=$?
        rss=$(tail -1 "$tmp/$name.rss")
    else
        "$T" "$@" >"$tmp/out" 2>"$tmp/err"
        rc=$?
    fi
}
# check_rss WHAT: the last run_measured stayed under the memory bound
check_rss() {
    [ $measure -eq 1 ] || return 0
    if [ "$rss" -gt 0 ] && [ "$rss" -lt $LIMIT_KB ]; then
        ok "$1: peak memory $rss KiB < $LIMIT_KB KiB"
    else
        fail "$1: peak memory $rss KiB, want < $LIMIT_KB KiB"
    fi
}
# check_rc WANT WHAT [STDERR_REGEX]
check_rc() {
    local want=$1 what=$2 pattern=${3:-}
    if [ "$rc" -ne "$want" ]; then
        fail "$what: exit $rc, want $want; stderr: $(head -3 "$tmp/err")"
        return 1
    fi
    if [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$tmp/err"; then
        fail "$what: stderr lacks /$pattern/: $(head -3 "$tmp/err")"
        return 1
    fi
    ok "$what (exit $rc)"
}
summary() { jq -r "select(.type==\"summary\") | .$1" "$tmp/out"; }

# ---------------------------------------------------------------- huge line
# One line of spaced words and no punctuation at all, streamed through a pipe
# so it is never on disk: the sentence cap cuts it, memory stays flat.
if [ $sanitized -eq 1 ]; then big=20000000; else big=200000000; fi
# (a FIFO keeps the stream off the disk and lets time measure the reader only)
mkfifo "$tmp/fifo"
yes word | head -c $big | tr '\n' ' ' >"$tmp/fifo" &
writer=$!
run_measured hugeline analyze --format json - <"$tmp/fifo"
wait $writer 2>/dev/null
rm -f "$tmp/fifo"
if check_rc 0 "a $((big / 1000000)) MB line without punctuation" \
    "^tonescope: warning: \(stdin\): [0-9]+ sentences cut at the length limit$"; then
    [ "$(summary bytes)" = "$big" ] || fail "huge line: summary bytes $(summary bytes), want $big"
    [ "$(summary words)" = $((big / 5)) ] || fail "huge line: summary words $(summary words), want $((big / 5))"
    split=$(summary split_sentences)
    if [ "${split:-0}" -gt 0 ]; then ok "huge line: $split sentences cut at the cap"
    else fail "huge line: split_sentences is '$split', want > 0"; fi
    check_rss "huge line"
fi

# ---------------------------------------------------------------- junk words
# 10^6 distinct letter-only words (digits would be numbers, which the memo
# skips), ten to a sentence: the stem memo stays at its cap.
if [ $sanitized -eq 1 ]; then nwords=200000; else nwords=1000000; fi
LC_ALL=C awk -v n=$nwords 'BEGIN {
    for (i = 0; i < n; i++) {
        w = ""; k = i
        do { w = w sprintf("%c", 97 + k % 26); k = int(k / 26) } while (k > 0)
        printf "%s%s", (i % 10 == 0 ? "Zq" : "zq") w, (i % 10 == 9 ? ".\n" : " ")
    }
}' >"$tmp/junk.txt"
[ "$(tr ' .' '\n\n' <"$tmp/junk.txt" | grep -c .)" -eq $nwords ] || fail "junk generator: not $nwords words"
[ "$(tr ' .' '\n\n' <"$tmp/junk.txt" | grep . | sort -u | wc -l)" -eq $nwords ] ||
    fail "junk generator: the words are not distinct"
run_measured junk analyze --format json "$tmp/junk.txt"
if check_rc 0 "$nwords distinct junk words"; then
    [ "$(summary words)" = $nwords ] || fail "junk words: summary words $(summary words), want $nwords"
    [ "$(summary sentences)" = $((nwords / 10)) ] ||
        fail "junk words: $(summary sentences) sentences, want $((nwords / 10))"
    check_rss "junk words"
fi

# ---------------------------------------------------------------- headings
nhead=100000
LC_ALL=C awk -v n=$nhead 'BEGIN { for (i = 1; i <= n; i++) printf "# H %d\n\nWe learn from step %d.\n\n", i, i }' \
    >"$tmp/heads.md"
run_measured heads analyze --format tsv "$tmp/heads.md"
if check_rc 0 "$nhead Markdown headings"; then
    rows=$(grep -c '^[0-9]' "$tmp/out")
    [ "$rows" -eq $nhead ] && ok "the table lists $nhead sections" ||
        fail "headings: the table lists $rows sections, want $nhead"
    # the last row is the last heading
    grep '^[0-9]' "$tmp/out" | tail -1 | grep -q "H $nhead" || fail "headings: last row is not 'H $nhead'"
    check_rss "headings"
fi

# ---------------------------------------------------------------- line ends
# CRLF and a lone CR give the JSON that LF gives, sentences and their line
# numbers included (test_errors.sh compares CRLF tables); only the byte count
# may differ, as the input has more bytes.
for f in corpus/stuck-in-place.txt corpus/coach-notes.md corpus/team-retrospective.html; do
    ext=${f##*.}
    cp "$f" "$tmp/lf.$ext"
    sed 's/$/\r/' "$f" >"$tmp/crlf.$ext"
    tr '\n' '\r' <"$f" >"$tmp/cr.$ext"
    [ "$(tr -cd '\n' <"$tmp/cr.$ext" | wc -c)" -eq 0 ] || fail "lone-CR copy of $f still holds a newline"
    for v in lf crlf cr; do
        # same name in each run, so "source" is equal too
        mkdir -p "$tmp/$v"
        cp "$tmp/$v.$ext" "$tmp/$v/in.$ext"
        (cd "$tmp/$v" && "$T" analyze -s --format json "in.$ext") >"$tmp/$v.json" 2>"$tmp/err" ||
            fail "$v .$ext: analyze failed: $(cat "$tmp/err")"
        jq -c 'del(.bytes)' "$tmp/$v.json" >"$tmp/$v.norm" || fail "$v .$ext: invalid JSON"
    done
    [ "$(grep -c '"type":"sentence"' "$tmp/lf.norm")" -gt 10 ] || fail "LF .$ext: too few sentences to compare"
    cmp -s "$tmp/lf.norm" "$tmp/crlf.norm" && ok "CRLF JSON equals LF JSON for .$ext" ||
        fail "CRLF .$ext: JSON differs from LF"
    cmp -s "$tmp/lf.norm" "$tmp/cr.norm" && ok "lone-CR JSON equals LF JSON for .$ext" ||
        fail "lone-CR .$ext: JSON differs from LF"
    grep -q '\\r' "$tmp/cr.json" "$tmp/crlf.json" && fail ".$ext: a carriage return reached the JSON"
done

# ---------------------------------------------------------------- reports
# A truncated report, one with bytes overwritten in the middle, and files
# that are not gzip at all, to show and to both sides of compare.
good=$tmp/good.tone.gz
"$T" analyze -o "$good" corpus/stuck-in-place.txt >/dev/null || fail "analyze -o"
size=$(stat -c %s "$good")
head -c $((size / 2)) "$good" >"$tmp/cut.tone.gz"
cp "$good" "$tmp/flipped.tone.gz"
printf '\xde\xad\xbe\xef\x00\xff\x55\xaa' |
    dd of="$tmp/flipped.tone.gz" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
cmp -s "$good" "$tmp/flipped.tone.gz" && fail "the corrupted copy equals the report"
# gzip magic then junk: claims to be a report, is not
printf '\x1f\x8b\x08\x00junk that is not deflate data\n' >"$tmp/junk.tone.gz"
head -c 5 "$good" >"$tmp/stub.tone.gz"
printf 'plain words, not a report\n' | gzip -c >"$tmp/gztext.tone.gz"
text=corpus/drafts/feedback-v2.txt

# report_error FILE REASON_REGEX: show FILE, compare FILE X, compare X FILE
report_error() {
    local f=$tmp/$1 reason=$2
    "$T" show "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check_rc 3 "show of $1" "^tonescope: (warning: )?$f: $reason"
    "$T" compare "$f" "$text" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check_rc 3 "compare with $1 as OLD" "^tonescope: $f: $reason"
    [ -s "$tmp/out" ] && fail "compare with $1 as OLD printed on stdout"
    "$T" compare "$good" "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check_rc 3 "compare with $1 as NEW" "^tonescope: $f: $reason"
    [ -s "$tmp/out" ] && fail "compare with $1 as NEW printed on stdout"
}
report_error cut.tone.gz "the report is truncated"
report_error stub.tone.gz "the report is truncated"
report_error flipped.tone.gz "the report is corrupt"
report_error junk.tone.gz "not a tonescope report"
report_error gztext.tone.gz "line 1: invalid JSON"
# a file named as a report without gzip data: show and both sides of
# compare refuse it (a damaged report is not an article)
printf 'plain words, not a report\n' >"$tmp/plain.tone.gz"
"$T" show "$tmp/plain.tone.gz" >"$tmp/out" 2>"$tmp/err"
rc=$?
check_rc 3 "show of a non-gzip file" "^tonescope: $tmp/plain.tone.gz: not a tonescope report"
"$T" compare "$tmp/plain.tone.gz" "$text" >/dev/null 2>"$tmp/err"
rc=$?
check_rc 3 "compare OLD of a non-gzip .tone.gz" "^tonescope: $tmp/plain.tone.gz: not a tonescope report"
"$T" compare "$text" "$tmp/plain.tone.gz" >/dev/null 2>"$tmp/err"
rc=$?
check_rc 3 "compare NEW of a non-gzip .tone.gz" "^tonescope: $tmp/plain.tone.gz: not a tonescope report"
# the same words under an article's name are an article
cp "$tmp/plain.tone.gz" "$tmp/plain.txt"
"$T" compare "$tmp/plain.txt" "$text" >/dev/null 2>"$tmp/err"
rc=$?
check_rc 0 "compare reads a .txt file as an article"

# ---------------------------------------------------------------- lexicons
# Each malformed line through --lexicon-dir, to analyze and compare: exit 4,
# FILE:LINE: reason.  (test_errors.sh has a weight that is not a number.)
lexcase=0
bad_lexicon() {
    local file=$1 line=$2 reason=$3 d
    lexcase=$((lexcase + 1))
    d=$tmp/lex$lexcase
    mkdir "$d"
    cp lexicons/growth.tsv lexicons/negativity.tsv lexicons/modifiers.tsv "$d/"
    printf '%b\n' "$line" >>"$d/$file"
    local n
    n=$(wc -l <"$d/$file")
    for cmd in analyze compare; do
        if [ $cmd = analyze ]; then
            "$T" analyze --lexicon-dir "$d" corpus/stuck-in-place.txt >"$tmp/out" 2>"$tmp/err"
        else
            "$T" compare --lexicon-dir "$d" corpus/drafts/feedback-v1.txt "$text" >"$tmp/out" 2>"$tmp/err"
        fi
        rc=$?
        check_rc 4 "$cmd, $file line '$line'" "^tonescope: $d/$file:$n: $reason"
        [ -s "$tmp/out" ] && fail "$cmd with a bad lexicon printed on stdout"
    done
}
bad_lexicon growth.tsv 'learn\t5.0\tlearning' "bad weight '5.0': expected a number in \(0, 4\]$"
bad_lexicon growth.tsv 'learn\t0\tlearning' "bad weight '0'"
bad_lexicon growth.tsv 'learn\tnan\tlearning' "bad weight 'nan'"
bad_lexicon negativity.tsv 'fail\t1e999\tsetback' "bad weight '1e999'"
bad_lexicon growth.tsv 'learn' "expected 3 tab-separated fields \(term, weight, category\), found 1$"
bad_lexicon negativity.tsv 'fail\t2.0' "expected 3 tab-separated fields \(term, weight, category\), found 2$"
bad_lexicon growth.tsv '\t2.0\tlearning' "empty term$"
bad_lexicon growth.tsv '*\t2.0\tlearning' "empty term"
bad_lexicon modifiers.tsv 'very\tsuper' "unknown modifier kind 'super'"
bad_lexicon modifiers.tsv 'very\tbooster\tabc' "bad value 'abc'"

# ---------------------------------------------------------------- blank input
: >"$tmp/empty.md"
printf ' \t\n\n   \r\n\t\t\r\n\n  ' >"$tmp/blank.txt"
cp "$tmp/blank.txt" "$tmp/blank.md"
cp "$tmp/blank.txt" "$tmp/blank.html"
for f in empty.md blank.txt blank.md blank.html; do
    "$T" analyze --format json "$tmp/$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check_rc 0 "analyze of $f"
    [ -s "$tmp/err" ] && fail "$f: stderr: $(cat "$tmp/err")"
    [ "$(summary sections)" = 0 ] || fail "$f: $(summary sections) sections, want 0"
    [ "$(summary sentences)" = 0 ] || fail "$f: $(summary sentences) sentences, want 0"
    "$T" analyze --format tsv "$tmp/$f" >"$tmp/out"
    [ "$(grep -c '^[0-9]' "$tmp/out")" -eq 0 ] || fail "$f: section rows in the table"
    "$T" split "$tmp/$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check_rc 0 "split of $f"
    [ -s "$tmp/out" ] && fail "split of $f printed sentences: $(head -3 "$tmp/out")"
done
"$T" analyze --format json - <"$tmp/blank.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
check_rc 0 "blank standard input"
[ "$(summary sections)" = 0 ] || fail "blank stdin: $(summary sections) sections, want 0"

[ $fails -eq 0 ] && echo "all hostile-input checks passed"
exit $((fails > 0))
