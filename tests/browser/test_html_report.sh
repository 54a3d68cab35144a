#!/usr/bin/env bash
# The HTML pages of `analyze --html` and `compare --html`.
#
# Always: the pages are written, hold every section title and the document
# tone, escape whatever the article says, and a write failure is exit 3.
# When Debian's chromium is installed: each page is rendered headless
# (file:// only, no network), the screenshot is not blank, and the DOM the
# browser built holds the sections and the figures.
#
# Env: TONESCOPE (the binary), TS_SOURCE_DIR (project root; default: cwd).
set -u
: "${TONESCOPE:?set TONESCOPE to the tonescope binary}"
SRC=${TS_SOURCE_DIR:-.}
ARTICLE=$SRC/corpus/learning-to-code.md
OLD=$SRC/corpus/drafts/feedback-v1.txt
NEW=$SRC/corpus/drafts/feedback-v2.txt

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Text as it appears in the page source (all five specials escaped) or in
# the DOM a browser serialises (only & < > in text).
esc_source() {
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
        -e 's/"/\&quot;/g' -e "s/'/\\&#39;/g"
}
esc_dom() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }

# Section titles from JSON records on stdin, one a line, unescaped (the
# corpus titles hold at most \" and \\).
json_titles() {
    sed -n -E 's/.*"type":"section","index":[0-9]+,"title":"((\\.|[^"\\])*)".*/\1/p' |
        sed -e 's/\\"/"/g' -e 's/\\\\/\\/g'
}

# Every title of file $1 (one a line) found in page $2 after escaping by $3.
expect_titles() {
    local titles=$1 page=$2 how=$3 t e
    [ -s "$titles" ] || { fail "no section titles to look for"; return; }
    while IFS= read -r t; do
        e=$(printf '%s\n' "$t" | $how)
        grep -qF -- "$e" "$page" || fail "$page: section title '$t' missing"
    done <"$titles"
}

# Every tag's attributes quoted in pairs: text never breaks out of one.
tags_balanced() {
    grep -o '<[^>]*>' "$1" | awk '{ if (gsub(/"/, "\"") % 2) { print; bad = 1 } }
        END { exit bad }' >/dev/null || fail "$1: a tag has an unbalanced quote"
}

# ---- analyze --html: the page and what it must hold ----
"$TONESCOPE" analyze "$ARTICLE" >"$tmp/plain.out" 2>&1
"$TONESCOPE" analyze --html "$tmp/analyze.html" "$ARTICLE" >"$tmp/with.out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || fail "analyze --html exit $rc: $(cat "$tmp/err")"
[ -s "$tmp/analyze.html" ] || fail "analyze --html wrote no page"
cmp -s "$tmp/plain.out" "$tmp/with.out" || fail "--html changed the table on stdout"
ls "$tmp" | grep -q '\.tmp-' && fail "a temporary file was left behind"

"$TONESCOPE" analyze --format json "$ARTICLE" >"$tmp/analyze.json"
json_titles <"$tmp/analyze.json" >"$tmp/titles"
[ "$(wc -l <"$tmp/titles")" -eq 7 ] || fail "expected 7 sections, got $(wc -l <"$tmp/titles")"
tone=$(sed -n -E 's/^\{"type":"summary".*,"tone":(-?[0-9.e+-]+),.*/\1/p' "$tmp/analyze.json")
[ -n "$tone" ] || fail "no summary tone in the JSON output"
tone_shown=$(LC_ALL=C printf '%+.3f' "${tone:-0}")
expect_titles "$tmp/titles" "$tmp/analyze.html" esc_source
grep -qF "id=\"doc-tone\">$tone_shown<" "$tmp/analyze.html" ||
    fail "analyze page lacks the document tone $tone_shown"
for want in '<svg' '<polyline' 'id="by-section"' 'id="arc"' 'id="text"' 'class="h g"' \
            'class="rf"' 'title="Sentence 1: tone'; do
    grep -qF -- "$want" "$tmp/analyze.html" || fail "analyze page lacks $want"
done
n_circles=$(grep -c '<circle' "$tmp/analyze.html")
n_sent=$(sed -n -E 's/^\{"type":"summary".*,"sentences":([0-9]+),.*/\1/p' "$tmp/analyze.json")
[ "$n_circles" = "$n_sent" ] || fail "tone arc has $n_circles points for $n_sent sentences"
tags_balanced "$tmp/analyze.html"
grep -q '<script\|https\?://' "$tmp/analyze.html" && fail "analyze page has a script or a link out"

# ---- escaping: markup in a plain-text article stays text ----
cat >"$tmp/evil.txt" <<'EOF'
Fear & <script>alert(1)</script> in "quotes" it's

This is a < b & c in a sentence, and we learn from failure. It's a 'disaster' & a <b>mess</b>.

Growth is a < b & c

We keep improving and never give up.
EOF
"$TONESCOPE" analyze -q --html "$tmp/evil.html" "$tmp/evil.txt" >/dev/null 2>"$tmp/err" ||
    fail "analyze --html on markup text: $(cat "$tmp/err")"
grep -q '<script' "$tmp/evil.html" && fail "article text put a <script> tag on the page"
grep -q '<b>mess' "$tmp/evil.html" && fail "article text put a <b> tag on the page"
for want in 'Fear &amp; &lt;script&gt;alert(1)&lt;/script&gt; in &quot;quotes&quot; it&#39;s' \
            'This is a &lt; b &amp; c in a sentence' '&#39;disaster&#39; &amp; a &lt;b&gt;mess&lt;/b&gt;' \
            '>2. Growth is a &lt; b &amp; c</h3>'; do
    grep -qF -- "$want" "$tmp/evil.html" || fail "escaped text missing: $want"
done
tags_balanced "$tmp/evil.html"

# ---- compare --html ----
"$TONESCOPE" compare --html "$tmp/compare.html" "$OLD" "$NEW" >"$tmp/cmp.out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || fail "compare --html exit $rc: $(cat "$tmp/err")"
"$TONESCOPE" compare "$OLD" "$NEW" | cmp -s - "$tmp/cmp.out" || fail "--html changed compare's stdout"
"$TONESCOPE" compare --format json "$OLD" "$NEW" >"$tmp/cmp.json"
{ "$TONESCOPE" analyze --format json "$OLD"; "$TONESCOPE" analyze --format json "$NEW"; } |
    json_titles | sort -u >"$tmp/cmp-titles"
expect_titles "$tmp/cmp-titles" "$tmp/compare.html" esc_source
tb=$(sed -n -E 's/^\{"old":"[^"]*","new":"[^"]*","tone_before":(-?[0-9.e+-]+),"tone_after":(-?[0-9.e+-]+),.*/\1 \2/p' "$tmp/cmp.json")
[ -n "$tb" ] || fail "no document tones in compare's JSON"
set -- $tb
cmp_tones="$(LC_ALL=C printf '%+.3f' "${1:-0}") &#8594; $(LC_ALL=C printf '%+.3f' "${2:-0}")"
grep -qF "id=\"doc-tone\">$cmp_tones<" "$tmp/compare.html" ||
    fail "compare page lacks the document tones $cmp_tones"
for want in 'class="cols"' 'id="word-shift"' '<u class="h g"' '<span class="mk add">' '<span class="mk del">' \
            '<th>share</th>'; do
    grep -qF -- "$want" "$tmp/compare.html" || fail "compare page lacks $want"
done
tags_balanced "$tmp/compare.html"

# ---- a page that cannot be written: exit 3, "tonescope: FILE: reason" ----
bad=$tmp/no-such-dir/page.html
"$TONESCOPE" analyze --html "$bad" "$ARTICLE" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || fail "unwritable analyze page: exit $rc, want 3"
grep -qF "tonescope: $bad: " "$tmp/err" || fail "unwritable page message: $(cat "$tmp/err")"
"$TONESCOPE" compare --html "$bad" "$OLD" "$NEW" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || fail "unwritable compare page: exit $rc, want 3"
if [ -w /dev/full ]; then
    # not a regular file: written in place (no rename over a device), and a
    # full disk is an I/O error
    "$TONESCOPE" analyze --html /dev/full "$ARTICLE" >/dev/null 2>"$tmp/err"
    rc=$?
    [ $rc -eq 3 ] || fail "page on a full disk: exit $rc, want 3"
    grep -qF "tonescope: /dev/full: " "$tmp/err" || fail "full disk message: $(cat "$tmp/err")"
fi

# ---- in a real browser ----
if ! command -v chromium >/dev/null 2>&1; then
    echo "skip: chromium not installed"
    [ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
    exit 0
fi

# Headless, file:// only, nothing that would reach the network.
browse() {
    HOME=$tmp timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --disable-extensions --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" \
        "$@" 2>>"$tmp/chromium.log"
}

real_imagemagick() { identify -version 2>/dev/null | grep -q ImageMagick; }

for kind in analyze compare evil; do
    page=$tmp/$kind.html
    browse --screenshot="$tmp/$kind.png" --window-size=1200,1600 "file://$page" >/dev/null
    size=$(stat -c %s "$tmp/$kind.png" 2>/dev/null || echo 0)
    [ "$size" -gt 20000 ] || fail "$kind screenshot is blank or missing ($size bytes)"
    if real_imagemagick && [ "$size" -gt 0 ]; then
        colours=$(identify -format '%k' "$tmp/$kind.png" 2>/dev/null || echo 0)
        [ "${colours:-0}" -gt 16 ] || fail "$kind screenshot has only $colours colours"
    fi
    browse --dump-dom "file://$page" >"$tmp/$kind.dom"
    grep -q '</main>' "$tmp/$kind.dom" || fail "$kind: the browser built no page"
    [ "$(grep -c '<svg' "$tmp/$kind.dom")" -ge 1 ] || fail "$kind: no chart in the DOM"
done
expect_titles "$tmp/titles" "$tmp/analyze.dom" esc_dom
expect_titles "$tmp/cmp-titles" "$tmp/compare.dom" esc_dom
grep -qF "id=\"doc-tone\">$tone_shown<" "$tmp/analyze.dom" ||
    fail "rendered analyze page lacks the document tone $tone_shown"
grep -qF "id=\"doc-tone\">${cmp_tones//&#8594;/→}<" "$tmp/compare.dom" ||
    fail "rendered compare page lacks the document tones"
[ "$(grep -c '<polyline' "$tmp/analyze.dom")" -eq 1 ] || fail "rendered page lacks the tone arc"
grep -qF 'Fear &amp; &lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/evil.dom" ||
    fail "the browser did not read the markup as text"
grep -q '<script' "$tmp/evil.dom" && fail "the browser found a script element"

if [ $fails -ne 0 ]; then
    echo "$fails failure(s); chromium said:"
    tail -n 20 "$tmp/chromium.log"
    exit 1
fi
echo "ok: analyze and compare pages (rendered in $(chromium --version 2>/dev/null | head -n 1))"
