#!/usr/bin/env bash
# test_compare.sh - `tonescope compare` on the corpus draft pair
# (corpus/README.md says what changed between feedback-v1 and feedback-v2),
# its JSON structure (docs/compare.md), the gate, reports on either side,
# determinism and errors.
set -uo pipefail

: "${TONESCOPE:?set TONESCOPE to the tonescope binary}"
T=$TONESCOPE
cd "${TS_SOURCE_DIR:-.}" || exit 1
command -v jq >/dev/null || { echo "jq is needed"; exit 1; }

V1=corpus/drafts/feedback-v1.txt
V2=corpus/drafts/feedback-v2.txt
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# check DESCRIPTION JQ-FILTER FILE: the filter must print true
check() {
    local got
    got=$(jq -e "$2" "$3" 2>&1)
    if [ "$got" = true ]; then ok "$1"; else fail "$1 (jq gave: $got)"; fi
}

# ---------------------------------------------------------------------------
# Running it

"$T" compare -f json "$V1" "$V2" >"$TMP/a.json"
rc=$?
[ $rc -eq 0 ] && ok "compare v1 v2 exits 0" || fail "compare v1 v2 exited $rc"
jq empty "$TMP/a.json" 2>/dev/null && ok "output is one JSON value" || fail "invalid JSON"
[ "$(wc -l <"$TMP/a.json")" -eq 1 ] && ok "one line" || fail "JSON is not one line"

# ---------------------------------------------------------------------------
# The documented structure (docs/compare.md), every section and sentence

cat >"$TMP/schema.jq" <<'EOF'
def num_or_null: type == "number" or type == "null";
def is_int: type == "number" and . == floor and . >= 0;
def int_or_null: is_int or type == "null";
def abs: if . < 0 then -. else . end;
def ranked(f): [.[] | f | abs] as $v
  | all(range(1; $v | length); $v[. - 1] >= $v[.]);
def shift_ok: type == "array" and all(.[];
    (keys == ["category", "contribution", "dim", "term"])
    and (.term | type == "string") and (.category | type == "string")
    and (.dim == "growth" or .dim == "negativity")
    and (.contribution | type == "number") and .contribution != 0)
  and ranked(.contribution);
def hit_ok: (.side == "before" or .side == "after")
  and (.term | type == "string") and (.category | type == "string")
  and (.dim == "growth" or .dim == "negativity")
  and (.weight | type == "number");
def sentence_ok:
  (keys == ["change", "hits", "new_index", "new_text", "old_index", "old_text",
            "share", "tone_after", "tone_before"])
  and (.change == "added" or .change == "removed" or .change == "changed")
  and ((.old_text == null) == (.change == "added"))
  and ((.new_text == null) == (.change == "removed"))
  and ((.tone_before == null) == (.old_text == null))
  and ((.tone_after == null) == (.new_text == null))
  and ((.old_index == null) == (.old_text == null))
  and ((.new_index == null) == (.new_text == null))
  and (.old_text | type == "string" or type == "null")
  and (.new_text | type == "string" or type == "null")
  and (.old_index | int_or_null) and (.new_index | int_or_null)
  and (.tone_before | num_or_null) and (.tone_after | num_or_null)
  and (.share | type == "number")
  and (.hits | type == "array" and all(.[]; hit_ok));
def section_ok:
  . as $o
  | (.title | type == "string")
  and ([.status] | inside(["same", "changed", "renamed", "added", "removed"]))
  and (has("old_title") == (.status == "renamed"))
  and (if .status == "renamed" then (.old_title | type == "string") else true end)
  and all("tone_before", "tone_after", "delta", "growth_per_100_before",
          "growth_per_100_after", "negativity_per_100_before",
          "negativity_per_100_after";
          . as $k | $o | has($k) and (.[$k] | num_or_null))
  and all("reframes_before", "reframes_after", "sentences_before",
          "sentences_after", "words_before", "words_after";
          . as $k | $o | has($k) and (.[$k] | int_or_null))
  and ((.tone_before == null) == (.status == "added"))
  and ((.tone_after == null) == (.status == "removed"))
  and ((.delta == null) == (.status == "added" or .status == "removed"))
  and (.sentences | type == "array" and all(.[]; sentence_ok))
  and (.sentences | ranked(.share))
  and (if .status == "same" then (.sentences == [] and .delta == 0) else true end)
  and (.word_shift | shift_ok);
. as $o
| ([.sections[].status] | group_by(.) | map({(.[0]): length}) | add) as $c
| (.old | type == "string") and (.new | type == "string")
and all("tone_before", "tone_after", "delta", "growth_per_100_before",
        "growth_per_100_after", "negativity_per_100_before",
        "negativity_per_100_after"; . as $k | $o | .[$k] | type == "number")
and (.reframes_before | is_int) and (.reframes_after | is_int)
and (.counts | keys == ["added", "changed", "removed", "renamed", "same"])
and (.counts | all(.[]; is_int))
and (.sections | type == "array" and length > 0 and all(.[]; section_ok))
and ((.counts | with_entries(select(.value > 0))) == $c)
and (.word_shift | shift_ok)
EOF
check "JSON follows the documented structure" "$(cat "$TMP/schema.jq")" "$TMP/a.json"
# the validator must be able to fail
jq -c '.sections[0].delta = "x"' "$TMP/a.json" >"$TMP/bad.json"
got=$(jq -e "$(cat "$TMP/schema.jq")" "$TMP/bad.json" 2>/dev/null)
[ "$got" = false ] && ok "validator rejects a malformed section" || fail "validator accepted a bad section ($got)"

# ---------------------------------------------------------------------------
# What the corpus README says changed

for s in "Some Background" "How Our Review Process Works" "A Note on Written Feedback"; do
    check "unchanged '$s': status same, delta exactly 0" \
        "[.sections[] | select(.title == \"$s\")] | length == 1 and .[0].status == \"same\"
         and .[0].delta == 0 and .[0].tone_before == .[0].tone_after
         and .[0].sentences == [] and .[0].word_shift == []" "$TMP/a.json"
done
grep -q '"delta":0,' "$TMP/a.json" && ok 'unchanged delta printed as 0' || fail 'no literal "delta":0'

for s in "The Meeting Itself" "The Comments I Keep Replaying"; do
    check "reframed '$s': status changed, positive delta" \
        "[.sections[] | select(.title == \"$s\")] | length == 1
         and .[0].status == \"changed\" and .[0].delta > 0
         and .[0].tone_after > .[0].tone_before" "$TMP/a.json"
done

check "renamed section matched to its old self" \
    '[.sections[] | select(.status == "renamed")] | length == 1
     and .[0].title == "What Performance Reviews Taught Me"
     and .[0].old_title == "Why I Hate Performance Reviews"
     and .[0].sentences_before == 7 and .[0].sentences_after == 7' "$TMP/a.json"
check "removed section named" \
    '[.sections[] | select(.status == "removed") | .title] == ["Why Nothing Will Change"]' "$TMP/a.json"
check "added section named" \
    '[.sections[] | select(.status == "added") | .title] == ["What I'"'"'m Doing Next"]' "$TMP/a.json"
check "sections in merged order" \
    '[.sections[].title] == ["Some Background", "How Our Review Process Works",
      "The Meeting Itself", "The Comments I Keep Replaying",
      "What Performance Reviews Taught Me", "Why Nothing Will Change",
      "A Note on Written Feedback", "What I'"'"'m Doing Next"]' "$TMP/a.json"
check "added/removed sections list all their sentences" \
    '(.sections[] | select(.status == "added") | .sentences | length == 10
      and all(.[]; .change == "added"))
     and (.sections[] | select(.status == "removed") | .sentences | length == 8
      and all(.[]; .change == "removed"))' "$TMP/a.json"

# The rewritten sentences, exactly as corpus/README.md lists them, each
# paired with its original and nothing else reported in those sections.
cat >"$TMP/rewrites.json" <<'EOF'
{
 "The Meeting Itself": [
  ["The whole thing felt like an ambush, and I barely managed to say a word.",
   "The conversation was harder than I expected, but she left plenty of room for me to respond."],
  ["By that point I had stopped listening, because I was sure the rest would only get worse.",
   "By that point I was nervous, so I wrote down her main points to think through later."],
  ["I went back to my desk, closed the summary without rereading it, and spent the afternoon answering emails I could have left until the next day.",
   "I went back to my desk, reread the summary slowly, and marked the two points I wanted to raise at our next one-to-one."]],
 "The Comments I Keep Replaying": [
  ["Every one of those comments proves I'm just not good at this job.",
   "Each of those comments points to a specific skill I can practise, not a fixed flaw."],
  ["I've read them at least twenty times, and each time I feel more like a failure.",
   "I've read them several times now, and each time I notice something concrete I could try."]],
 "What Performance Reviews Taught Me": [
  ["Performance reviews compress a whole year into one hour, and that has always made me uneasy.",
   "Performance reviews compress a whole year into one hour, and that used to make me uneasy."],
  ["But sitting in that room, I mostly feel judged, and I leave wanting to hide for a week.",
   "But sitting in that room this year, I mostly felt heard, and I left with a short list of things to work on."]]
}
EOF
got=$(jq -e --slurpfile rw "$TMP/rewrites.json" '. as $top | $rw[0] as $rw
    | all($rw | keys[]; . as $t
       | ([$top.sections[] | select(.title == $t) | .sentences[]
           | select(.change == "changed") | [.old_text, .new_text]] | sort)
         == ($rw[$t] | sort)
       and ([$top.sections[] | select(.title == $t) | .sentences[]
           | select(.change != "changed")] == []))' "$TMP/a.json" 2>&1)
[ "$got" = true ] && ok "rewrites paired exactly" || fail "rewrites not paired as the README says ($got)"

# Ranking: in every reframed section the top-ranked sentence is a rewrite
# that raised the tone, and across the document the three sentences with
# the largest positive shares among aligned sections are all rewrites.
got=$(jq -e --slurpfile rw "$TMP/rewrites.json" '. as $top | $rw[0] as $rw
    | all("The Meeting Itself", "The Comments I Keep Replaying";
        . as $t | [$top.sections[] | select(.title == $t) | .sentences[0]][0] as $s
        | ([$s.old_text, $s.new_text] | IN($rw[$t][])) and $s.share > 0)
    and ([$top.sections[] | select(.status == "changed" or .status == "renamed")
          | .sentences[] | select(.share > 0)] | sort_by(-.share) | .[0:3]
         | all(.[]; [.old_text, .new_text] | IN($rw[][])))' "$TMP/a.json" 2>&1)
[ "$got" = true ] && ok "top-ranked sentences are the rewritten ones" || fail "ranking ($got)"

check "shares add up to the delta when the sentence count is kept" \
    '[.sections[] | select(.status == "changed" and .sentences_before == .sentences_after)
      | ((([.sentences[].share] | add) - .delta) | if . < 0 then -. else . end) < 0.00001]
     | length > 0 and all' "$TMP/a.json"
check "document tone improved" '.delta > 0 and .tone_after > .tone_before' "$TMP/a.json"
check "word shift names a removed negative term with a positive contribution" \
    '[.word_shift[] | select(.dim == "negativity" and .contribution > 0)] | length > 0' "$TMP/a.json"

# ---------------------------------------------------------------------------
# Determinism

for f in json text tsv; do
    "$T" compare -f $f "$V1" "$V2" >"$TMP/r1.$f"
    "$T" compare -f $f "$V1" "$V2" >"$TMP/r2.$f"
    cmp -s "$TMP/r1.$f" "$TMP/r2.$f" && ok "$f output identical across runs" || fail "$f output differs between runs"
done
grep -q $'\033' "$TMP/r1.text" && fail "colour on a pipe" || ok "no colour on a pipe"
"$T" compare --color always "$V1" "$V2" | grep -q $'\033\\[' && ok "--color always colours" || fail "--color always gave no colour"
"$T" compare --color never "$V1" "$V2" | grep -q $'\033' && fail "--color never coloured" || ok "--color never"

grep -q '^~ The Meeting Itself' "$TMP/r1.text" && ok "text marks a changed section with ~" || fail "text: no '~ The Meeting Itself'"
grep -q '^      - The whole thing felt like an ambush' "$TMP/r1.text" && ok "text shows removed text with -" || fail "text: no '-' line"
grep -q '^      + The conversation was harder' "$TMP/r1.text" && ok "text shows new text with +" || fail "text: no '+' line"
grep -q 'renamed from "Why I Hate Performance Reviews"' "$TMP/r1.text" && ok "text names the rename" || fail "text: rename not shown"

# TSV: a header, one row per section, a total
[ "$(wc -l <"$TMP/r1.tsv")" -eq 10 ] && ok "TSV has header + 8 sections + total" || fail "TSV has $(wc -l <"$TMP/r1.tsv") lines"
awk -F'\t' 'NR > 1 && NF != 15 { bad = 1 } END { exit bad }' "$TMP/r1.tsv" && ok "TSV rows have 15 fields" || fail "TSV field count"
awk -F'\t' '$1 == "renamed" && $3 == "Why I Hate Performance Reviews" { f = 1 } END { exit !f }' "$TMP/r1.tsv" \
    && ok "TSV renamed row has old_title" || fail "TSV renamed row"
awk -F'\t' '$1 == "same" && $6 != "0.0000" { bad = 1 } END { exit bad }' "$TMP/r1.tsv" \
    && ok "TSV same rows have delta 0" || fail "TSV same row with a delta"

# ---------------------------------------------------------------------------
# The gate, both ways

"$T" compare -q --fail-if-worse "$V1" "$V2" >/dev/null
rc=$?; [ $rc -eq 0 ] && ok "gate passes v1 -> v2" || fail "gate v1 -> v2 exited $rc"
"$T" compare --fail-if-worse "$V2" "$V1" >/dev/null 2>"$TMP/err"
rc=$?; [ $rc -eq 1 ] && ok "gate fails v2 -> v1" || fail "gate v2 -> v1 exited $rc"
grep -q 'tone fell' "$TMP/err" && ok "gate says why" || fail "gate message missing"
"$T" compare -q --fail-if-worse=0.9 "$V2" "$V1" >/dev/null
rc=$?; [ $rc -eq 0 ] && ok "gate with a large DELTA passes" || fail "--fail-if-worse=0.9 exited $rc"
"$T" compare -q --fail-if-worse 0.9 "$V2" "$V1" >/dev/null
rc=$?; [ $rc -eq 0 ] && ok "gate DELTA as a separate word" || fail "--fail-if-worse 0.9 exited $rc"
"$T" compare -q --fail-if-worse 0 "$V2" "$V1" >/dev/null
rc=$?; [ $rc -eq 1 ] && ok "gate DELTA 0 fails a drop" || fail "--fail-if-worse 0 exited $rc"
"$T" compare -q "$V2" "$V1" >/dev/null
rc=$?; [ $rc -eq 0 ] && ok "no gate: a drop exits 0" || fail "without gate exited $rc"
"$T" compare --fail-if-worse=-1 "$V1" "$V2" >/dev/null 2>&1
rc=$?; [ $rc -eq 2 ] && ok "negative DELTA is a usage error" || fail "negative DELTA exited $rc"

# A draft against itself: nothing moved.
"$T" compare -f json --fail-if-worse "$V1" "$V1" >"$TMP/self.json"
rc=$?; [ $rc -eq 0 ] && ok "self-compare passes the gate" || fail "self-compare exited $rc"
check "self-compare: every section same, delta 0, nothing listed" \
    '.delta == 0 and all(.sections[]; .status == "same" and .delta == 0)
     and .word_shift == [] and .counts.same == (.sections | length)' "$TMP/self.json"

# ---------------------------------------------------------------------------
# Reports on either side give the same comparison as the texts

"$T" analyze -o "$TMP/v1.tone.gz" "$V1" >/dev/null || fail "analyze -o v1"
"$T" analyze -o "$TMP/v2.tone.gz" "$V2" >/dev/null || fail "analyze -o v2"
cp "$TMP/v1.tone.gz" "$TMP/v1-report-no-extension"
jq -cS 'del(.old, .new)' "$TMP/a.json" >"$TMP/a.norm"
for pair in "$TMP/v1.tone.gz $TMP/v2.tone.gz" "$TMP/v1.tone.gz $V2" "$V1 $TMP/v2.tone.gz" \
            "$TMP/v1-report-no-extension $V2"; do
    # shellcheck disable=SC2086
    "$T" compare -f json $pair | jq -cS 'del(.old, .new)' >"$TMP/b.norm"
    cmp -s "$TMP/a.norm" "$TMP/b.norm" && ok "same JSON with: ${pair//$TMP\//}" \
        || fail "JSON differs with: ${pair//$TMP\//}"
done
"$T" compare -q --fail-if-worse "$TMP/v2.tone.gz" "$TMP/v1.tone.gz" >/dev/null
rc=$?; [ $rc -eq 1 ] && ok "gate on reports" || fail "gate on reports exited $rc"
# a truncated report is an input error, not a partial comparison
head -c 600 "$TMP/v1.tone.gz" >"$TMP/cut.tone.gz"
"$T" compare "$TMP/cut.tone.gz" "$V2" >/dev/null 2>&1
rc=$?; [ $rc -eq 3 ] && ok "truncated report exits 3" || fail "truncated report exited $rc"

# standard input as one side
"$T" compare -f json - "$V2" <"$V1" | jq -cS 'del(.old, .new)' >"$TMP/b.norm"
cmp -s "$TMP/a.norm" "$TMP/b.norm" && ok "OLD from stdin" || fail "stdin side differs"

# ---------------------------------------------------------------------------
# --section

"$T" compare -f json --section "The Meeting Itself" "$V1" "$V2" >"$TMP/s.json"
check "--section limits to one section" \
    '[.sections[].title] == ["The Meeting Itself"] and .counts.changed == 1' "$TMP/s.json"
"$T" compare -f json --section "why i hate performance reviews" "$V1" "$V2" >"$TMP/s.json"
check "--section matches an old title, folded" \
    '[.sections[].status] == ["renamed"]' "$TMP/s.json"
"$T" compare --section "No Such Section" "$V1" "$V2" >/dev/null 2>&1
rc=$?; [ $rc -eq 2 ] && ok "unknown --section exits 2" || fail "unknown --section exited $rc"

# ---------------------------------------------------------------------------
# Title normalisation and body matching on small Markdown drafts

printf '# Intro\n\nWe learn from every mistake.\n\n## 3. Taking Risks\n\nI failed twice. Then I tried again.\n\n## Old Name\n\nAlpha beta gamma delta.\nOne more line here.\n\nThe end is near.\n' >"$TMP/o.md"
printf '# Intro\n\nWe learn from every mistake.\n\n## Taking risks\n\nI failed twice. Then I tried again.\n\n## Something Else Entirely\n\nAlpha beta gamma delta.\nOne more line here.\n\nThe end is near.\n' >"$TMP/n.md"
"$T" compare -f json "$TMP/o.md" "$TMP/n.md" >"$TMP/m.json"
check "numbered heading matched by normalised title (renamed, delta 0)" \
    '[.sections[] | select(.old_title == "3. Taking Risks")] | length == 1
     and .[0].title == "Taking risks" and .[0].status == "renamed" and .[0].delta == 0' "$TMP/m.json"
check "section with a new title matched by its body" \
    '[.sections[] | select(.title == "Something Else Entirely")] | .[0].status == "renamed"
     and .[0].old_title == "Old Name"' "$TMP/m.json"

# ---------------------------------------------------------------------------
# Errors

"$T" compare "$TMP/missing.txt" "$V2" >/dev/null 2>"$TMP/err"
rc=$?; [ $rc -eq 3 ] && ok "missing OLD exits 3" || fail "missing OLD exited $rc"
grep -q "missing.txt" "$TMP/err" && ok "error names the file" || fail "error does not name the file"
"$T" compare "$V1" "$TMP/missing.txt" >/dev/null 2>&1
rc=$?; [ $rc -eq 3 ] && ok "missing NEW exits 3" || fail "missing NEW exited $rc"
"$T" compare "$V1" >/dev/null 2>&1
rc=$?; [ $rc -eq 2 ] && ok "one file is a usage error" || fail "one file exited $rc"
"$T" compare - - </dev/null >/dev/null 2>&1
rc=$?; [ $rc -eq 2 ] && ok "two stdins is a usage error" || fail "two stdins exited $rc"
"$T" compare --help | grep -q 'fail-if-worse' && ok "--help" || fail "--help"

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "all compare checks passed"
