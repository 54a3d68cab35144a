# golden_cases.sh - sourced by test_golden.sh and update-golden.sh: which
# articles and which outputs make up the golden tests.  Not a test itself.
#
# Each case is NAME and a command line run from the project root, with
# relative paths, so that no output holds an absolute path.

# The articles: every corpus article (corpus/README.md describes the corpus
# and is not one).
golden_articles() {
    local f
    for f in corpus/*.txt corpus/*.md corpus/*.html corpus/drafts/*.txt; do
        [ -f "$f" ] || continue
        [ "$(basename "$f")" = README.md ] && continue
        printf '%s\n' "$f"
    done
}

# The golden file stem of an article: its path under corpus/ with '/'
# turned into '__' (corpus/drafts/a.txt -> drafts__a.txt).
golden_stem() {
    local rel=${1#corpus/}
    printf '%s\n' "${rel//\//__}"
}

# The kinds of output kept for each article, and how each is produced.
GOLDEN_KINDS="text json tsv sentences report"

# golden_run KIND ARTICLE SCRATCH_DIR: prints that output on stdout and
# returns the tool's exit status.  Colour is off whatever the terminal.
golden_run() {
    local kind=$1 article=$2 scratch=$3
    case $kind in
    text) NO_COLOR=1 "$TONESCOPE" analyze --color never "$article" ;;
    json) "$TONESCOPE" analyze --format json "$article" ;;
    tsv) "$TONESCOPE" analyze --format tsv "$article" ;;
    sentences) NO_COLOR=1 "$TONESCOPE" analyze --sentences --color never "$article" ;;
    report)
        rm -f "$scratch/report.tone.gz"
        "$TONESCOPE" analyze -o "$scratch/report.tone.gz" "$article" >/dev/null || return
        gzip -dc "$scratch/report.tone.gz"
        ;;
    *) echo "golden_run: unknown kind $kind" >&2; return 2 ;;
    esac
}
