#!/usr/bin/env bash
# test_errors.sh - every documented exit code and error message of the real
# binary, and the input/output corner cases a Unix user runs into.
set -uo pipefail

: "${TONESCOPE:?set TONESCOPE to the tonescope binary}"
T=$TONESCOPE
tmp=$(mktemp -d)
trap 'chmod -R u+rw "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# run ARGS...: runs the binary with stdout and stderr in $tmp/out, $tmp/err;
# its status in $rc.
run() {
    "$T" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
# check WANT_RC WHAT [STDERR_REGEX]
check() {
    local want=$1 what=$2 pattern=${3:-}
    if [ "$rc" -ne "$want" ]; then
        fail "$what: exit $rc, want $want; stderr: $(head -3 "$tmp/err")"
        return
    fi
    if [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$tmp/err"; then
        fail "$what: stderr lacks /$pattern/: $(head -3 "$tmp/err")"
        return
    fi
    ok "$what (exit $rc)"
}
no_stderr() { [ -s "$tmp/err" ] && fail "$1 wrote to stderr: $(head -3 "$tmp/err")"; }

article=corpus/stuck-in-place.txt        # reads as discouraging
bright=corpus/drafts/feedback-v2.txt     # the constructive revision

# ---------------------------------------------------------------- inputs
run analyze "$tmp/no-such.txt"
check 3 "missing file" "^tonescope: $tmp/no-such.txt: No such file or directory$"
[ -s "$tmp/out" ] && fail "missing file: something on stdout"
run split "$tmp/no-such.txt"
check 3 "split of a missing file" "^tonescope: $tmp/no-such.txt: No such file or directory$"

run analyze corpus
check 3 "a directory as input" "^tonescope: corpus: is a directory$"

printf 'We learn.\n' >"$tmp/secret.txt"
chmod 000 "$tmp/secret.txt"
if [ "$(id -u)" -ne 0 ]; then
    run analyze "$tmp/secret.txt"
    check 3 "unreadable file" "^tonescope: $tmp/secret.txt: Permission denied$"
elif command -v setpriv >/dev/null 2>&1; then
    # root reads anything: drop to an unprivileged user for this one run
    chmod 755 "$tmp"
    setpriv --reuid=65534 --regid=65534 --clear-groups \
        "$T" analyze "$tmp/secret.txt" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -eq 126 ] || [ $rc -eq 127 ]; then
        echo "skip: unreadable file (the binary cannot run as an unprivileged user here)"
    else
        check 3 "unreadable file" "^tonescope: $tmp/secret.txt: Permission denied$"
    fi
    chmod 700 "$tmp"
else
    echo "skip: unreadable file (running as root without setpriv)"
fi

: >"$tmp/empty.txt"
run analyze --format tsv "$tmp/empty.txt"
check 0 "empty file"
no_stderr "empty file"
[ "$(grep -c '^[0-9]' "$tmp/out")" -eq 0 ] || fail "empty file has section rows: $(cat "$tmp/out")"
grep -q "^total" "$tmp/out" || fail "empty file: no total row"
run analyze --format json "$tmp/empty.txt"
[ "$(jq -r 'select(.type=="summary") | .sections' "$tmp/out")" = 0 ] ||
    fail "empty file: summary does not say 0 sections"
run analyze <"$tmp/empty.txt"
check 0 "empty standard input"

# stdin and "-" give what the file gives (its name aside)
"$T" analyze --format tsv "$article" >"$tmp/file.tsv"
"$T" analyze --format tsv --input-format text - <"$article" >"$tmp/stdin.tsv"
diff -u "$tmp/file.tsv" "$tmp/stdin.tsv" >/dev/null && ok "stdin equals the file" ||
    fail "analyze - < FILE differs from analyze FILE"

# ---------------------------------------------------------------- usage
run frobnicate
check 2 "unknown command" "unknown command 'frobnicate'"
grep -q -- "--help" "$tmp/err" || fail "unknown command: no hint to --help"
[ -s "$tmp/out" ] && fail "unknown command wrote to stdout"
run
check 2 "no command" "Usage: tonescope"
for cmd in analyze show split lexicon; do
    run $cmd --no-such-option
    check 2 "$cmd with an unknown option" "unrecognized option '--no-such-option'"
    grep -q "Try 'tonescope $cmd --help'" "$tmp/err" || fail "$cmd: no --help hint: $(cat "$tmp/err")"
done
run analyze --format xml "$article"
check 2 "unknown --format" "unknown format 'xml'"
grep -q -- "--help" "$tmp/err" || fail "unknown format: no hint to --help"
run analyze --color sometimes "$article"
check 2 "unknown --color" "unknown colou?r mode"
run analyze --input-format pdf "$article"
check 2 "unknown --input-format" "unknown input format 'pdf'"
run analyze --min-tone lots "$article"
check 2 "--min-tone not a number"
run analyze --compress-level 0 -o "$tmp/x.tone.gz" "$article"
check 2 "--compress-level out of range"
run analyze "$article" "$bright"
check 2 "analyze of two files"
run analyze --format
check 2 "--format without its value" "requires an argument"
run lexicon
check 2 "lexicon with no action"
run lexicon frob
check 2 "lexicon with an unknown action" "unknown action 'frob'"
run lexicon explain
check 2 "lexicon explain with no word"
run lexicon check
check 2 "lexicon check with neither FILE nor --lexicon-dir" "needs lexicon FILEs"

# --help on every subcommand: stdout, exit 0, nothing on stderr
for cmd in "" analyze show split lexicon batch compare merge eval; do
    run $cmd --help
    check 0 "tonescope $cmd --help"
    no_stderr "$cmd --help"
    grep -q "^Usage: tonescope" "$tmp/out" || fail "$cmd --help: no usage on stdout"
done
run help
check 0 "tonescope help"
run --version
check 0 "--version"
grep -qE '^tonescope [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out" || fail "--version: no 'tonescope X.Y.Z' line"
[ "$(grep -c '^lexicon ' "$tmp/out")" -eq 3 ] || fail "--version: not three lexicon lines"
run -V
check 0 "-V"
# the top help documents the exit codes
"$T" --help | grep -q "3 input/output error" || fail "--help does not document exit 3"

# ---------------------------------------------------------------- lexicons
mkdir "$tmp/lex"
cp lexicons/growth.tsv lexicons/negativity.tsv lexicons/modifiers.tsv "$tmp/lex/"
run analyze --lexicon-dir "$tmp/lex" --format tsv "$article"
check 0 "--lexicon-dir with good files"
diff -u "$tmp/file.tsv" "$tmp/out" >/dev/null && ok "the lexicons/ files equal the builtin set" ||
    fail "analysis with --lexicon-dir lexicons differs from the builtin lexicons"
bad_line=$(($(wc -l <"$tmp/lex/growth.tsv") + 1))
printf 'learn\tmuch\tlearning\n' >>"$tmp/lex/growth.tsv"
printf 'second-bad-line\n' >>"$tmp/lex/growth.tsv"
run analyze --lexicon-dir "$tmp/lex" "$article"
check 4 "--lexicon-dir with a bad line" "^tonescope: $tmp/lex/growth.tsv:$bad_line: "
[ -s "$tmp/out" ] && fail "a bad lexicon still printed a table"
run analyze --growth "$tmp/lex/growth.tsv" "$article"
check 4 "--growth with a bad line" "growth.tsv:$bad_line: "
run analyze --lexicon-dir "$tmp/no-such-dir" "$article"
check 3 "--lexicon-dir that does not exist" "no-such-dir"

run lexicon check "$tmp/lex/growth.tsv"
check 4 "lexicon check of a bad file" "^$tmp/lex/growth.tsv:$bad_line: "
grep -q "^$tmp/lex/growth.tsv:$((bad_line + 1)): " "$tmp/err" ||
    fail "lexicon check stopped at the first bad line: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" -eq 2 ] || fail "lexicon check: want 2 problems, got: $(cat "$tmp/err")"
run lexicon check lexicons/growth.tsv lexicons/negativity.tsv lexicons/modifiers.tsv
check 0 "lexicon check of the shipped files"
[ "$(grep -c ': ok$' "$tmp/out")" -eq 3 ] || fail "lexicon check: not three 'ok' lines"
run lexicon check --lexicon-dir lexicons
check 0 "lexicon check --lexicon-dir with no FILE"
[ "$(grep -c ': ok$' "$tmp/out")" -eq 3 ] || fail "lexicon check --lexicon-dir: not three files checked"
run lexicon check --lexicon-dir "$tmp/lex"
check 4 "lexicon check --lexicon-dir with a bad file" "growth.tsv:$bad_line: "
run lexicon check "$tmp/no-such.tsv"
check 3 "lexicon check of a missing file" "no-such.tsv"

# explain: stems first, then the entries
run lexicon explain learning
check 0 "lexicon explain"
head -1 "$tmp/out" | grep -q '^stems: learn$' || fail "explain: first line is not the stems: $(head -1 "$tmp/out")"
grep -q '"learn"' "$tmp/out" || fail "explain learning: the entry 'learn' is not listed"
run lexicon explain give up
check 0 "lexicon explain of a phrase"
head -1 "$tmp/out" | grep -q '^stems: give up$' || fail "explain give up: $(head -1 "$tmp/out")"
grep -q 'quitting' "$tmp/out" || fail "explain give up: no quitting entry"
run lexicon explain --format json learning
jq -c . "$tmp/out" >/dev/null || fail "lexicon explain --format json is not JSON Lines"
run lexicon explain xyzzyq
check 0 "lexicon explain of an unknown word"
grep -q 'no matching entries' "$tmp/out" || fail "explain of an unknown word says nothing"
run lexicon stats
check 0 "lexicon stats"

# ---------------------------------------------------------------- gates
tone_of() { "$T" analyze --format json "$1" | jq -r 'select(.type=="summary") | .tone'; }
low=$(tone_of "$article")
high=$(tone_of "$bright")
run analyze --min-tone "$high" "$article"
check 1 "--min-tone above the tone of $article ($low)" "below --min-tone"
grep -q 'Whole document' "$tmp/out" || fail "--min-tone failing still prints the table"
run analyze --min-tone -0.9 "$article"
check 0 "--min-tone below the tone of $article"
run analyze --min-tone "$low" "$bright"
check 0 "--min-tone below the tone of $bright ($high)"
run analyze -q --min-tone 0.9 "$bright"
check 1 "--min-tone 0.9 on $bright"

# ---------------------------------------------------------------- output
"$T" analyze "$article" >/dev/full 2>"$tmp/err"
rc=$?
check 3 "stdout on a full disk" "^tonescope: stdout: No space left on device$"
"$T" analyze -s --format json "$article" >/dev/full 2>"$tmp/err"
rc=$?
check 3 "JSON to a full disk" "stdout: "
"$T" split "$article" >/dev/full 2>"$tmp/err"
rc=$?
check 3 "split to a full disk" "stdout: "

# a closed pipe is the reader's choice: no message, exit 0
big=$tmp/big.txt
for i in 1 2 3 4 5 6 7 8; do cat "$article" corpus/market-report.txt; done >"$big"
"$T" analyze -s "$big" 2>"$tmp/err" | head -1 >/dev/null
rc=${PIPESTATUS[0]}
check 0 "analyze -s | head -1"
no_stderr "analyze -s | head -1"
"$T" analyze "$big" 2>"$tmp/err" | head -1 >/dev/null
rc=${PIPESTATUS[0]}
check 0 "analyze | head -1"
no_stderr "analyze | head -1"
"$T" split "$big" 2>"$tmp/err" | head -1 >/dev/null
rc=${PIPESTATUS[0]}
check 0 "split | head -1"
no_stderr "split | head -1"
"$T" analyze --format json -s "$big" 2>"$tmp/err" | head -c 10 >/dev/null
rc=${PIPESTATUS[0]}
check 0 "analyze --format json -s | head -c 10"
no_stderr "analyze --format json -s | head -c 10"

# colours: only with --color always (or auto on a terminal)
esc=$(printf '\033')
"$T" analyze "$article" | grep -q "$esc" && fail "escape codes on a pipe with --color auto"
"$T" analyze --color never "$article" | grep -q "$esc" && fail "escape codes with --color never"
"$T" analyze --color always "$article" | grep -q "$esc[[]" || fail "no escape codes with --color always"
NO_COLOR=1 "$T" analyze "$article" | grep -q "$esc" && fail "escape codes with NO_COLOR"
# an explicit --color always wins over NO_COLOR, as the option is newer
NO_COLOR=1 "$T" analyze --color always "$article" | grep -q "$esc[[]" ||
    fail "--color always ignored with NO_COLOR set"
"$T" analyze --format json --color always "$article" | jq -c . >/dev/null ||
    fail "--color always breaks JSON"
"$T" analyze --color always -s "$article" | sed "s/$esc\[[0-9;]*m//g" >"$tmp/stripped"
"$T" analyze --color never -s "$article" >"$tmp/plain"
diff -u "$tmp/plain" "$tmp/stripped" >/dev/null && ok "colour changes nothing but escape codes" ||
    fail "--color always output differs from --color never beyond escape codes"
if command -v script >/dev/null 2>&1; then
    script -qec "NO_COLOR=1 $T analyze $article" /dev/null >"$tmp/tty" 2>&1
    grep -q "$esc\[3" "$tmp/tty" && fail "colour on a terminal despite NO_COLOR"
    script -qec "NO_COLOR= TERM=xterm $T analyze $article" /dev/null >"$tmp/tty" 2>&1
    grep -q "$esc\[" "$tmp/tty" && ok "colour on a terminal by default" ||
        fail "no colour on a terminal with --color auto"
fi

# ---------------------------------------------------------------- encodings
# CRLF line ends give the same analysis as LF
sed 's/$/\r/' "$article" >"$tmp/crlf.txt"
cp "$article" "$tmp/lf.txt"
"$T" analyze --format tsv "$tmp/lf.txt" >"$tmp/lf.tsv"
"$T" analyze --format tsv "$tmp/crlf.txt" >"$tmp/crlf.tsv"
diff -u "$tmp/lf.tsv" "$tmp/crlf.tsv" >/dev/null && ok "CRLF equals LF" || fail "CRLF input analyses differently"
"$T" split "$tmp/crlf.txt" | grep -q $'\r' && fail "split keeps carriage returns"
for f in corpus/coach-notes.md corpus/team-retrospective.html; do
    ext=${f##*.}
    sed 's/$/\r/' "$f" >"$tmp/crlf.$ext"
    cp "$f" "$tmp/lf.$ext"
    "$T" analyze --format tsv "$tmp/lf.$ext" >"$tmp/a"
    "$T" analyze --format tsv "$tmp/crlf.$ext" >"$tmp/b"
    diff -u "$tmp/a" "$tmp/b" >/dev/null && ok "CRLF equals LF for .$ext" ||
        fail "CRLF .$ext input analyses differently"
done

# invalid UTF-8: analysed, warned about, valid JSON out
printf 'We learn from every \xff\xfe failure.\nA second \xc3 line.\n' >"$tmp/bad-utf8.txt"
run analyze --format json -s "$tmp/bad-utf8.txt"
check 0 "invalid UTF-8 is not fatal" "invalid UTF-8"
jq -c . "$tmp/out" >/dev/null || fail "invalid UTF-8 gives invalid JSON"
[ "$(jq -r 'select(.type=="summary") | .invalid_utf8' "$tmp/out")" -ge 3 ] ||
    fail "invalid UTF-8 bytes not counted"
run analyze -q "$tmp/bad-utf8.txt"
check 0 "invalid UTF-8 with -q"
no_stderr "invalid UTF-8 with -q"
# a UTF-8 byte order mark is skipped
{ printf '\xef\xbb\xbf'; cat "$article"; } >"$tmp/bom.txt"
"$T" analyze --format tsv "$tmp/bom.txt" | sed 1d >"$tmp/bom.tsv"
sed 1d "$tmp/file.tsv" | diff -u - "$tmp/bom.tsv" >/dev/null && ok "a UTF-8 BOM is skipped" ||
    fail "a UTF-8 BOM changes the analysis"

# UTF-16 with a byte order mark is refused clearly (not read as garbage)
if command -v iconv >/dev/null 2>&1; then
    { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$article"; } >"$tmp/utf16le.txt"
    { printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$article"; } >"$tmp/utf16be.txt"
    for f in utf16le.txt utf16be.txt; do
        run analyze "$tmp/$f"
        check 3 "$f is refused" "^tonescope: $tmp/$f: UTF-16"
        [ -s "$tmp/out" ] && fail "$f: something on stdout"
        "$T" split - <"$tmp/$f" >/dev/null 2>"$tmp/err"
        rc=$?
        check 3 "$f on stdin to split" "^tonescope: \(stdin\): UTF-16"
    done
fi

# NUL bytes and a very long line without punctuation do not crash
{ printf 'We learn.\0 We grow.\n'; head -c 200000 /dev/zero | tr '\0' 'a'; echo; } >"$tmp/odd.txt"
run analyze --format json "$tmp/odd.txt"
check 0 "NUL bytes and a 200 KB word"
jq -c . "$tmp/out" >/dev/null || fail "odd input gives invalid JSON"

[ $fails -eq 0 ] && echo "all error checks passed"
exit $((fails > 0))
