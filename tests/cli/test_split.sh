#!/usr/bin/env bash
# test_split.sh - `tonescope split` on the sample corpus and on small
# made-up documents: sections are the visible headings, JSON lines are
# well formed, and no sentence runs across a paragraph break.
#
# Environment: TONESCOPE (the binary), TS_SOURCE_DIR (project root).
set -u

: "${TONESCOPE:?set TONESCOPE to the tonescope binary}"
SRC=${TS_SOURCE_DIR:-.}
CORPUS=$SRC/corpus
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

if ! command -v jq >/dev/null 2>&1; then
    echo "FAIL: jq is required by this test" >&2
    exit 1
fi

# ---------------------------------------------------------------- helpers

# The section titles `split` prints, one a line.
sections_of() {
    "$TONESCOPE" split "$@" | sed -n 's/^== [0-9][0-9]*: //p'
}

# check_sections FILE TITLE... : the sections must be exactly these titles.
check_sections() {
    local file=$1
    shift
    printf '%s\n' "$@" >"$TMP/want"
    if ! sections_of "$file" >"$TMP/got"; then
        fail "$file: tonescope split exited with status $?"
        return
    fi
    if ! diff -u "$TMP/want" "$TMP/got" >"$TMP/diff"; then
        fail "$file: sections differ from its headings:"
        cat "$TMP/diff" >&2
    fi
}

# check_json FILE : every line of --format json is a sentence record.
check_json() {
    local file=$1
    if ! "$TONESCOPE" split --format json "$file" >"$TMP/json"; then
        fail "$file: split --format json failed"
        return
    fi
    local total bad
    total=$(wc -l <"$TMP/json")
    if [ "$total" -eq 0 ]; then
        fail "$file: split --format json printed nothing"
        return
    fi
    # One jq run for the whole output: as many JSON values as lines, and
    # every one a sentence record.  Only on failure go line by line.
    if jq -e -s --argjson n "$total" '
            length == $n and all(.[];
                .type == "sentence"
                and (.section | type) == "number"
                and (.line | type) == "number" and .line >= 1
                and (.text | type) == "string" and (.text | length) > 0)
        ' "$TMP/json" >/dev/null 2>&1; then
        return
    fi
    bad=0
    while IFS= read -r line; do
        if ! printf '%s\n' "$line" | jq -e '
                .type == "sentence" and (.section | type) == "number"
                and (.line | type) == "number" and (.text | type) == "string"
            ' >/dev/null 2>&1; then
            bad=$((bad + 1))
            [ "$bad" -le 3 ] && echo "  bad line: $line" >&2
        fi
    done <"$TMP/json"
    fail "$file: JSON lines are not all sentence records ($bad of $total bad)"
}

# check_paragraphs FILE : (plain text) every sentence lies inside one
# paragraph, i.e. is a substring of a blank-line-separated block with its
# whitespace collapsed.
check_paragraphs() {
    local file=$1
    "$TONESCOPE" split --format json "$file" | jq -r '.text' >"$TMP/sentences"
    awk '
        function flush() { if (para != "") paras[++np] = para; para = "" }
        FNR == NR {
            line = $0
            gsub(/[ \t\r]+/, " ", line)
            sub(/^ /, "", line); sub(/ $/, "", line)
            if (line == "") flush()
            else para = (para == "" ? line : para " " line)
            next
        }
        FNR == 1 { flush() }
        {
            found = 0
            for (k = 1; k <= np && !found; k++)
                if (index(paras[k], $0)) found = 1
            if (!found) { print "  spans a paragraph break: " $0; bad++ }
        }
        END { exit bad > 0 }
    ' "$file" "$TMP/sentences" >&2 ||
        fail "$file: a sentence is not inside a single paragraph"
}

# check_split NAME FORMAT INPUT WANT : sentences (text lines of the default
# output, section lines dropped) of a small document.
check_split() {
    local name=$1 format=$2 input=$3 want=$4
    printf '%s' "$input" >"$TMP/doc"
    "$TONESCOPE" split --input-format "$format" "$TMP/doc" |
        grep -v '^== ' >"$TMP/got"
    printf '%s\n' "$want" >"$TMP/want"
    if ! diff -u "$TMP/want" "$TMP/got" >"$TMP/diff"; then
        fail "$name: unexpected sentences:"
        cat "$TMP/diff" >&2
    fi
}

# ---------------------------------------------------- corpus: sections

check_sections "$CORPUS/stuck-in-place.txt" \
    "Stuck in Place" \
    "The Numbers Problem" \
    "Quitting Things Quietly" \
    "The Voice That Never Shuts Up" \
    "Watching Everyone Else Move On" \
    "Where That Leaves Me"

check_sections "$CORPUS/market-report.txt" \
    "Regional Economy Monitor: Third Quarter Review" \
    "Retail and Consumer Spending" \
    "Housing and Construction" \
    "Manufacturing and Trade" \
    "Labour Market" \
    "Outlook"

# The title line has no prose under it, so it opens no section of its own.
check_sections "$CORPUS/drafts/feedback-v1.txt" \
    "Some Background" \
    "How Our Review Process Works" \
    "The Meeting Itself" \
    "The Comments I Keep Replaying" \
    "Why I Hate Performance Reviews" \
    "Why Nothing Will Change" \
    "A Note on Written Feedback"

check_sections "$CORPUS/drafts/feedback-v2.txt" \
    "Some Background" \
    "How Our Review Process Works" \
    "The Meeting Itself" \
    "The Comments I Keep Replaying" \
    "What Performance Reviews Taught Me" \
    "A Note on Written Feedback" \
    "What I'm Doing Next"

check_sections "$CORPUS/learning-to-code.md" \
    "Learning to Code at Forty-One" \
    "The First Week Was Humbling" \
    "Errors Are Feedback, Not Judgement" \
    "How I Practise Now" \
    "Asking for Help (and Taking It)" \
    'What "Not Yet" Really Means' \
    "Where to Start"

# Numbered ATX headings stay headings; the numbered list in section 3 does
# not add any.
check_sections "$CORPUS/coach-notes.md" \
    "Season Summary" \
    "1. The Bad Start" \
    "2. Changing How We Trained" \
    "3. Taking Risks" \
    "4. Setbacks We’re Still Working On" \
    "Looking Ahead"

check_sections "$CORPUS/team-retrospective.html" \
    "Project Harbor: What We Learned From the Q3 Launch" \
    "What Went Well" \
    "What Didn’t Go Well" \
    "Why the migration estimate was off" \
    "What We’ll Try Next Time" \
    "Recognition and Closing Thoughts"

# ------------------------------------------------------ corpus: JSON, paragraphs

for f in "$CORPUS"/*.txt "$CORPUS"/*.md "$CORPUS"/*.html "$CORPUS"/drafts/*.txt; do
    [ -e "$f" ] || continue
    check_json "$f"
done
for f in "$CORPUS"/*.txt "$CORPUS"/drafts/*.txt; do
    [ -e "$f" ] || continue
    check_paragraphs "$f"
done

# The HTML's script, style and nav must not leak into the sentences.
if "$TONESCOPE" split "$CORPUS/team-retrospective.html" |
    grep -E 'addEventListener|font-family|Team Home|Roadmap' >&2; then
    fail "team-retrospective.html: script, style or nav text in the output"
fi

# ---------------------------------------------- paragraph breaks are hard

check_split "text paragraphs" text \
    'The first paragraph ends
without a mark and goes on

and the second one starts in lowercase.
' \
    'The first paragraph ends without a mark and goes on
and the second one starts in lowercase.'

check_split "markdown paragraphs" markdown \
    'Intro text that has *no* final mark

then a second paragraph.

- a list item without a mark
- another item
' \
    'Intro text that has no final mark
then a second paragraph.
a list item without a mark
another item'

check_split "html paragraphs" html \
    '<p>One paragraph without a final mark</p><p>and another
one.</p><ul><li>an item</li><li>next item</li></ul>
' \
    'One paragraph without a final mark
and another one.
an item
next item'

check_split "inline list" text \
    'We did three things today: 1. The first item 2. The second item 3. The last one.
' \
    'We did three things today: 1. The first item
2. The second item
3. The last one.'

# A sentence that reaches the cap is still split, whatever the input.
long=$(printf 'word %.0s' $(seq 1 3000))
printf '%s\n' "$long" >"$TMP/long.txt"
n=$("$TONESCOPE" split -q --format json "$TMP/long.txt" | wc -l)
[ "$n" -ge 2 ] || fail "a 15000-byte sentence was not cut at the cap ($n lines)"

if [ "$failures" -ne 0 ]; then
    echo "test_split: $failures check(s) failed" >&2
    exit 1
fi
echo "test_split: all checks passed"
