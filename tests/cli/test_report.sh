#!/usr/bin/env bash
# test_report.sh - the *.tone.gz report: its gzip members, its JSON, reading
# back a truncated copy, `show` errors, and atomic writing.
set -uo pipefail

: "${TONESCOPE:?set TONESCOPE to the tonescope binary}"
T=$TONESCOPE
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# expect_rc WANT GOT WHAT
expect_rc() {
    if [ "$2" -eq "$1" ]; then ok "$3 (exit $2)"; else fail "$3: exit $2, want $1"; fi
}

# Counts gzip member headers (1f 8b 08) in a file.  A false match inside
# compressed data is possible in principle but so unlikely for these small
# files that the cross-check below against the section records settles it.
count_members() {
    od -An -v -tx1 "$1" | tr -s ' \n' '  ' | grep -o '1f 8b 08' | wc -l
}

command -v jq >/dev/null || { echo "jq is needed for this test" >&2; exit 1; }

for article in corpus/stuck-in-place.txt corpus/coach-notes.md corpus/team-retrospective.html; do
    r=$tmp/r.tone.gz
    rm -f "$r"
    "$T" analyze -o "$r" "$article" >"$tmp/out" 2>"$tmp/err"
    expect_rc 0 $? "analyze -o of $article"
    [ -s "$tmp/err" ] && fail "analyze -o of $article wrote to stderr: $(cat "$tmp/err")"
    # the table on stdout is still printed with -o
    grep -q 'Whole document' "$tmp/out" || fail "analyze -o of $article printed no table"

    # every line is JSON, with the record types in order
    if gzip -dc "$r" | jq -c . >"$tmp/lines"; then
        ok "every line of the report of $article is JSON"
    else
        fail "the report of $article does not parse as JSON Lines"
    fi
    n_lines=$(gzip -dc "$r" | wc -l)
    [ "$(wc -l <"$tmp/lines")" -eq "$n_lines" ] || fail "jq saw a different number of records"
    first=$(gzip -dc "$r" | head -1 | jq -r .type)
    last=$(gzip -dc "$r" | tail -1 | jq -r .type)
    [ "$first" = document ] || fail "first record of $article is '$first', not document"
    [ "$last" = summary ] || fail "last record of $article is '$last', not summary"

    sections=$(gzip -dc "$r" | grep -c '"type":"section"')
    members=$(count_members "$r")
    if [ "$sections" -gt 0 ] && [ "$members" -eq $((sections + 2)) ]; then
        ok "$article: $members gzip members = $sections sections + 2"
    else
        fail "$article: $members gzip members for $sections sections (want sections + 2)"
    fi
    # the summary agrees with the section records
    sum_sections=$(gzip -dc "$r" | tail -1 | jq .sections)
    [ "$sum_sections" = "$sections" ] || fail "summary says $sum_sections sections, report has $sections"
    # and no record holds an absolute path when given a relative one
    gzip -dc "$r" | grep -qF -- "$PWD" && fail "report of $article holds $PWD"
done

# ---------------------------------------------------------------- show
article=corpus/stuck-in-place.txt
r=$tmp/full.tone.gz
"$T" analyze -o "$r" "$article" >"$tmp/analyze.txt" || fail "analyze -o failed"
"$T" show --color never "$r" >"$tmp/show.txt" 2>"$tmp/err"
expect_rc 0 $? "show of a whole report"
[ -s "$tmp/err" ] && fail "show wrote to stderr: $(cat "$tmp/err")"
# show prints the same table as analyze did
if diff -u "$tmp/analyze.txt" "$tmp/show.txt"; then ok "show prints the table analyze printed"
else fail "show and analyze tables differ"; fi

# "-" reads the report from standard input
"$T" show --color never - <"$r" >"$tmp/stdin.txt" 2>"$tmp/err"
expect_rc 0 $? "show - < REPORT"
diff -u "$tmp/show.txt" "$tmp/stdin.txt" >/dev/null || fail "show - differs from show FILE"
printf 'not a report\n' | "$T" show - >/dev/null 2>"$tmp/err"
expect_rc 3 $? "show - of a non-report"
grep -q '^tonescope: (stdin): ' "$tmp/err" || fail "show - error does not say (stdin): $(cat "$tmp/err")"

# show --format json gives back the records without sentences
"$T" show --format json "$r" | jq -c . >/dev/null || fail "show --format json is not JSON Lines"

# --section N: that section only, with its sentences
"$T" show --color never --section 2 "$r" >"$tmp/s2" 2>"$tmp/err"
expect_rc 0 $? "show --section 2"
want_title=$(gzip -dc "$r" | jq -r 'select(.type=="section" and .index==2) | .title')
want_sent=$(gzip -dc "$r" | jq -r 'select(.type=="sentence" and .section==2) | .text' | wc -l)
grep -qF "$want_title" "$tmp/s2" || fail "show --section 2 does not name '$want_title'"
got_sent=$(grep -c ' line [0-9]*: ' "$tmp/s2")
[ "$got_sent" -eq "$want_sent" ] && [ "$want_sent" -gt 0 ] ||
    fail "show --section 2 lists $got_sent sentences, the report has $want_sent"
grep -q '^== 3' "$tmp/s2" && fail "show --section 2 shows section 3"
# the table lists only section 2
rows=$(grep -cE '^ +[0-9]+  ' "$tmp/s2")
[ "$rows" -eq 1 ] || fail "show --section 2 table has $rows section rows"

"$T" show --section 99 "$r" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -ne 0 ] && grep -q 'no section 99' "$tmp/err" && ok "show --section 99 is refused (exit $rc)" ||
    fail "show --section 99: exit $rc, stderr: $(cat "$tmp/err")"
"$T" show --section x "$r" >/dev/null 2>&1
expect_rc 2 $? "show --section x"

# A report cut in the middle of a section's gzip member: the sections
# before it, a warning, exit 3.  Member k starts at the k-th gzip magic
# (member 1 is the header record, member k+1 is section k); the cut falls
# halfway into the member of section `cut_in`, so sections 1..cut_in-1 are
# complete.  (A false magic inside compressed data is possible in principle;
# the cross-check below would catch it.)
offsets=($(od -An -v -tx1 "$r" | tr -s ' \n' '  ' | grep -ob '1f 8b 08' | cut -d: -f1))
nsec=$(gzip -dc "$r" | grep -c '"type":"section"')
cut_in=$(( (nsec + 1) / 2 ))
start=$(( ${offsets[$cut_in]} / 3 ))
next=$(( ${offsets[$((cut_in + 1))]} / 3 ))
head -c $(( (start + next) / 2 )) "$r" >"$tmp/half.tone.gz"
"$T" show --color never "$tmp/half.tone.gz" >"$tmp/half.txt" 2>"$tmp/err"
expect_rc 3 $? "show of a truncated report"
grep -q 'warning' "$tmp/err" && grep -q 'half.tone.gz' "$tmp/err" ||
    fail "truncated show: no warning naming the file: $(cat "$tmp/err")"
complete=$((cut_in - 1))
if [ "$complete" -lt 1 ] || [ "$complete" -ge "$nsec" ]; then
    fail "the cut copy holds $complete complete sections: the test needs a cut in the middle"
fi
# each complete section's row equals the row in the full output
grep -E '^ +[0-9]+  ' "$tmp/show.txt" | head -n "$complete" >"$tmp/want_rows"
grep -E '^ +[0-9]+  ' "$tmp/half.txt" >"$tmp/got_rows"
if diff -u "$tmp/want_rows" "$tmp/got_rows"; then
    ok "truncated show prints the $complete sections completed before the cut"
else
    fail "truncated show rows differ from the first $complete rows of the full show"
fi

# Not a report, an empty file, a missing file: a clear error, exit 3,
# and nothing on stdout.
printf 'just some text\n' >"$tmp/plain.txt"
: >"$tmp/empty.tone.gz"
printf 'just some text\n' | gzip -c >"$tmp/notjson.tone.gz"
for f in plain.txt empty.tone.gz notjson.tone.gz missing.tone.gz; do
    "$T" show "$tmp/$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_rc 3 $rc "show of $f"
    grep -q "^tonescope: .*$f: " "$tmp/err" || fail "show of $f: message does not name the file: $(cat "$tmp/err")"
    [ -s "$tmp/out" ] && fail "show of $f printed on stdout: $(head -3 "$tmp/out")"
done

# ---------------------------------------------------------------- atomic writing
mkdir "$tmp/out_dir"
# an output path below a non-directory and in a missing directory
for target in /dev/full/x.tone.gz "$tmp/out_dir/missing/x.tone.gz"; do
    "$T" analyze -o "$target" "$article" >/dev/null 2>"$tmp/err"
    expect_rc 3 $? "analyze -o $target"
    grep -qF "tonescope: $target: " "$tmp/err" || fail "message does not name $target: $(cat "$tmp/err")"
done
# a read-only directory (root writes anywhere, so only as another user)
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$tmp/ro"
    chmod 555 "$tmp/ro"
    "$T" analyze -o "$tmp/ro/x.tone.gz" "$article" >/dev/null 2>"$tmp/err"
    expect_rc 3 $? "analyze -o into a read-only directory"
    grep -qF "$tmp/ro/x.tone.gz" "$tmp/err" || fail "read-only: message does not name the file"
    [ -z "$(ls -A "$tmp/ro")" ] || fail "read-only directory is not empty: $(ls -A "$tmp/ro")"
else
    echo "skip: read-only directory check (running as root)"
fi
# a failed analysis leaves neither the report nor a temporary file
"$T" analyze -o "$tmp/out_dir/x.tone.gz" "$tmp/no-such-input.txt" >/dev/null 2>&1
expect_rc 3 $? "analyze -o with a missing input"
# the input is a directory: the error comes before the report exists
"$T" analyze -o "$tmp/out_dir/y.tone.gz" corpus >/dev/null 2>&1
expect_rc 3 $? "analyze -o with a directory as input"
# a bad lexicon
printf 'learn\tnot-a-number\tlearning\n' >"$tmp/bad-growth.tsv"
"$T" analyze --growth "$tmp/bad-growth.tsv" -o "$tmp/out_dir/z.tone.gz" "$article" >/dev/null 2>&1
expect_rc 4 $? "analyze -o with a bad lexicon"
if [ -z "$(ls -A "$tmp/out_dir")" ]; then ok "failed runs leave no files behind"
else fail "failed runs left files: $(ls -A "$tmp/out_dir")"; fi
# a report replaces an older one only when complete
printf 'old\n' >"$tmp/out_dir/keep.tone.gz"
"$T" analyze -o "$tmp/out_dir/keep.tone.gz" "$tmp/no-such-input.txt" >/dev/null 2>&1
[ "$(cat "$tmp/out_dir/keep.tone.gz")" = old ] || fail "a failed run replaced an existing report"
"$T" analyze -o "$tmp/out_dir/keep.tone.gz" "$article" >/dev/null 2>&1
gzip -t "$tmp/out_dir/keep.tone.gz" 2>/dev/null || fail "a good run did not replace the old report"
[ "$(ls -A "$tmp/out_dir")" = keep.tone.gz ] || fail "temporary files left: $(ls -A "$tmp/out_dir")"

# A closed pipe on stdout does not stop the report: it is still complete.
"$T" analyze -s -o "$tmp/out_dir/pipe.tone.gz" "$article" | head -1 >/dev/null
rc=${PIPESTATUS[0]}
expect_rc 0 "$rc" "analyze -s -o | head -1"
if gzip -dc "$tmp/out_dir/pipe.tone.gz" 2>/dev/null | tail -1 | grep -q '"type":"summary"'; then
    ok "report complete although stdout was closed"
else
    fail "report incomplete or missing after stdout was closed"
fi

# Scoring threads change nothing: an article of many scoring batches
# (64 KiB of sentences each) gives byte-identical tables, sentence
# listings and reports with --jobs 1, 2 and 4, and stdin works too.
for ext in txt md html; do
    big=$tmp/big.$ext
    : >"$big"
    for _ in $(seq 40); do cat corpus/*."$ext" >>"$big"; done
    for j in 1 2 4; do
        "$T" analyze -j $j -s -o "$tmp/j$j.tone.gz" "$big" >"$tmp/j$j.out" 2>&1
        expect_rc 0 $? "analyze -j $j -s -o of $(wc -c <"$big") bytes of .$ext"
        "$T" analyze -j $j -f json "$big" >"$tmp/j$j.json" 2>&1
        gzip -dc "$tmp/j$j.tone.gz" >"$tmp/j$j.jsonl"
    done
    "$T" analyze -j 2 -f tsv -s - <"$big" >"$tmp/stdin2.tsv" 2>&1
    "$T" analyze -j 1 -f tsv -s - <"$big" >"$tmp/stdin1.tsv" 2>&1
    for j in 2 4; do
        cmp -s "$tmp/j1.out" "$tmp/j$j.out" || fail "analyze -j $j -s differs from -j 1 on .$ext"
        cmp -s "$tmp/j1.json" "$tmp/j$j.json" || fail "analyze -j $j -f json differs from -j 1 on .$ext"
        cmp -s "$tmp/j1.jsonl" "$tmp/j$j.jsonl" || fail "report with -j $j differs from -j 1 on .$ext"
        # compressed on several threads, byte for byte the same file
        cmp -s "$tmp/j1.tone.gz" "$tmp/j$j.tone.gz" || fail "report file with -j $j differs from -j 1 on .$ext"
    done
    cmp -s "$tmp/stdin1.tsv" "$tmp/stdin2.tsv" || fail "analyze -j 2 of stdin differs on .$ext"
    [ "$(grep -c '"type":"sentence"' "$tmp/j1.jsonl")" -gt 1500 ] ||
        fail "the .$ext article is too small to need several batches"
done
ok "analyze --jobs 1, 2 and 4 agree"
"$T" analyze -j 0 "$article" >/dev/null 2>&1
expect_rc 2 $? "analyze -j 0"

[ $fails -eq 0 ] && echo "all report checks passed"
exit $((fails > 0))
