#!/usr/bin/env bash
# batch: walk, globs, hidden, --files-from -0, jobs, --out-dir, path
# escapes, symlinks, binary files, --resume.
set -euo pipefail
T=${TONESCOPE:?}
SRC=${TS_SOURCE_DIR:-.}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$SRC/bench/gen-corpus" 200 "$W/c" 3
cd "$W"

# the whole corpus, and byte-identical output for any --jobs
"$T" batch c -j1 --totals > j1.tsv
for j in 2 4; do "$T" batch c -j$j --totals > j$j.tsv; cmp j1.tsv j$j.tsv || fail "jobs $j differs"; done
[ "$(grep -c '^c/' j1.tsv)" = 200 ] || fail "expected 200 rows"
head -1 j1.tsv | grep -q '^path	bytes	words' || fail "no header"
tail -1 j1.tsv | grep -q '^#total.*documents=200 failed=0$' || fail "totals row"
# rows are in byte order of their paths
grep '^c/' j1.tsv | cut -f1 | LC_ALL=C sort -c || fail "rows not in path order"
"$T" batch -f jsonl c -j2 | tail -1 | grep -q '^{"type":"totals","documents":200,' || fail "jsonl totals"

# the walk runs beside the analysis: a list that arrives slowly is analysed
# as it comes, in order, with the same rows
ls c/*/* > all.lst
{ sed -n 1,3p all.lst; sleep 1; sed -n 4,6p all.lst; } | "$T" batch --files-from - -j2 > slow.tsv
sed -n 1,6p all.lst | "$T" batch --files-from - -j1 > fast.tsv
cmp slow.tsv fast.tsv || fail "a slowly arriving --files-from list differs"
[ "$(wc -l < slow.tsv)" = 7 ] || fail "expected 6 rows and a header"
# an unreadable list is an error before any output
"$T" batch --files-from no-such-list > out.tsv 2> err && fail "unreadable --files-from succeeded"
[ ! -s out.tsv ] || fail "unreadable --files-from printed a summary"
grep -q 'no-such-list' err || fail "unreadable --files-from: no message"

# memory does not grow with the number of documents: the walk runs at
# most a bounded number of paths ahead of the summary (long paths, so that
# holding them all would show: about 17 MB more for the larger list)
if [ "${TS_INSTRUMENTED:-0}" = 0 ] && [ -x /usr/bin/time ]; then
    d=$(printf 'long-directory-name-%.0s' {1..8})
    mkdir "$d"
    echo "Hello there. Learning is fun." > "$d/a.txt"
    yes "$d/a.txt" | head -120000 > many.lst || true
    head -12000 many.lst > few.lst
    peak() { /usr/bin/time -f %M "$T" batch -q --files-from "$1" 2>&1 >/dev/null | tail -1; }
    few=$(peak few.lst)
    many=$(peak many.lst)
    # bounded, the larger list costs about 1.5 MB more (the walk keeps up
    # to 16,384 paths ahead, the smaller list has 12,000), with about half
    # a megabyte of noise either way; unbounded it cost 20 MB more.  A
    # ratio was too tight for a loaded machine: the margin is in KiB.
    [ $(( many - few )) -le 6144 ] ||
        fail "peak RSS grows with the list: $few KiB for 12,000 paths, $many KiB for 120,000"
fi

# include / exclude / hidden
mkdir -p t/.hid t/sub
echo "Hello there. Learning is fun." > t/a.txt
echo "Hidden text here." > t/.hid/b.txt
echo "Other words." > t/sub/c.rst
echo "Skip me." > t/sub/d.txt
"$T" batch t | cut -f1 | tail -n +2 > got
printf 't/a.txt\nt/sub/d.txt\n' | cmp - got || fail "default walk"
"$T" batch --hidden t | cut -f1 | grep -q '^t/.hid/b.txt$' || fail "--hidden"
"$T" batch --include '*.rst' t | cut -f1 | tail -n +2 | cmp - <(echo t/sub/c.rst) || fail "--include"
"$T" batch --exclude sub t | cut -f1 | tail -n +2 | cmp - <(echo t/a.txt) || fail "--exclude prunes"

# --files-from with NUL separators, names with a newline and a tab
printf 'odd\nname\tx.txt' > /dev/null
printf 'Tabs and newlines are fine.\n' > "$(printf 'n\tl.txt')"
printf 't/a.txt\0%s\0' "$(printf 'n\tl.txt')" | "$T" batch --files-from - -0 > ff.tsv
[ "$(sed -n 3p ff.tsv | cut -f1)" = 'n\tl.txt' ] || fail "-0 and escaping"

# --out-dir mirrors paths; reports are readable
"$T" batch t --out-dir R > /dev/null
[ -f R/t/a.txt.tone.gz ] && [ -f R/t/sub/d.txt.tone.gz ] || fail "mirrored reports"
zcat R/t/a.txt.tone.gz | tail -1 | grep -q '"type":"summary"' || fail "report content"
ls -a R/t | grep -q tmp && fail "temp file left"

# path escapes: '..' is an error row; an absolute path is analysed and its
# report mirrored under R2 without the leading '/'; nothing outside R2
mkdir -p inner && echo "Outside words." > outside.txt
set +e
(cd inner && printf '../outside.txt\n%s\n' "$W/outside.txt" | "$T" batch --files-from - --out-dir ../R2 > ../esc.tsv 2> ../esc.err)
rc=$?
set -e
[ $rc = 1 ] || fail "escape attempts should exit 1 (got $rc)"
grep -q "^\.\./outside.txt	.*'\.\.' component" esc.tsv || fail "'..' not refused"
grep -q "^$W/outside.txt	[0-9]*	.*	$" esc.tsv || fail "absolute path not analysed"
[ "$(find R2 -type f)" = "R2${W}/outside.txt.tone.gz" ] || fail "absolute path report misplaced: $(find R2 -type f)"
[ ! -e outside.txt.tone.gz ] && [ ! -e "$W/R2/../outside.txt.tone.gz" ] || fail "escaped"

# a symbolic link in the out-dir is never followed
mkdir -p R3 target && ln -s ../target R3/t
set +e; "$T" batch t --out-dir R3 > sl.tsv 2>/dev/null; rc=$?; set -e
[ $rc = 1 ] || fail "symlink in out-dir: exit $rc"
[ -z "$(ls target)" ] || fail "wrote through a symlink in the out-dir"

# symlinks in the tree: not followed by default; with -L a loop is detected
# and a link leading out of the tree keeps its report inside R4
mkdir -p s/d && echo "Inside words." > s/d/x.txt && ln -s .. s/d/loop && ln -s "$W/outside.txt" s/out.txt
"$T" batch s | cut -f1 | tail -n +2 | cmp - <(echo s/d/x.txt) || fail "links followed by default"
"$T" batch -L s --out-dir R4 > L.tsv 2> L.err || fail "-L run failed"
grep -q 'loop' L.err || fail "loop not reported"
cut -f1 L.tsv | grep -q '^s/out.txt$' || fail "-L link not analysed"
[ -f R4/s/out.txt.tone.gz ] || fail "report of the link not in R4"

# a binary file: error row, exit 1, the others still analysed
printf 'abc\0def' > t/bin.txt
set +e; "$T" batch t > bin.tsv 2> bin.err; rc=$?; set -e
[ $rc = 1 ] || fail "binary: exit $rc"
grep -q '^t/bin.txt	0	.*binary' bin.tsv || fail "binary row"
grep -q 't/bin.txt: binary' bin.err || fail "binary on stderr"
grep -q '^t/a.txt	' bin.tsv || fail "others lost"
rm t/bin.txt

# --max-bytes
set +e; "$T" batch --max-bytes 5 t > mb.tsv 2>/dev/null; rc=$?; set -e
[ $rc = 1 ] && grep -q 'max-bytes' mb.tsv || fail "--max-bytes"

# --resume: same summary, reports not rewritten
"$T" batch c --out-dir RC --summary full.tsv
[ "$(find RC -name '*.tone.gz' | wc -l)" = 200 ] || fail "200 reports"
touch -d '2000-01-01' RC/c/d000/article-000000.md.tone.gz   # older than its source
find RC -name '*.tone.gz' ! -name 'article-000000.md.tone.gz' -exec touch -d '2100-01-01' {} +
"$T" batch c --out-dir RC --resume --summary resumed.tsv
cmp full.tsv resumed.tsv || fail "--resume summary differs"
[ "$(find RC -newermt '2099-01-01' | wc -l)" = 199 ] || fail "--resume rewrote reports"
[ ! RC/c/d000/article-000000.md.tone.gz -ot c/d000/article-000000.md ] || fail "stale report not redone"

# a regular file is read to its size, whatever that is against the 8 KiB
# read first; a file whose size says 0 (/proc) or that has none (a FIFO)
# is read to its end: the same words as analyze finds
mkdir -p sz
for n in 1 8191 8192 8193 20000; do
    head -c "$n" "$(ls c/*/* | head -1)" > "sz/f$n.txt"
done
words_of() { "$T" analyze -f tsv "$1" | awk -F'\t' '$1 == "total" { print $4 }'; }
"$T" batch sz | tail -n +2 > sz.tsv
while IFS=$'\t' read -r path bytes words _; do
    [ "$bytes" = "$(wc -c < "$path")" ] || fail "$path: batch read $bytes bytes"
    [ "$words" = "$(words_of "$path")" ] || fail "$path: batch counts $words words"
done < sz.tsv
[ "$(wc -l < sz.tsv)" = 5 ] || fail "expected 5 sized files"
if [ -r /proc/version ]; then
    w=$("$T" batch /proc/version | awk -F'\t' 'NR == 2 { print $3 }')
    [ "${w:-0}" -gt 0 ] || fail "/proc/version read as empty"
fi
mkfifo fifo
(echo "Hello there. We learn from failure." > fifo &)
w=$("$T" batch fifo | awk -F'\t' 'NR == 2 { print $3 }')
[ "$w" = 6 ] || fail "a FIFO: $w words"

# usage errors
set +e; "$T" batch > /dev/null 2>&1; rc=$?; set -e
[ $rc = 2 ] || fail "no args: exit $rc"
echo ok
