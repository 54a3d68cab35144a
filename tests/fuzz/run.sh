#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) if needed, makes seed
# corpora from corpus/ and lexicons/, and runs every harness for SECONDS
# (default 60) one after the other.  Exits non-zero if any harness crashed;
# the crashing inputs are kept under BUILD/fuzz/artifacts/.
#
#   tests/fuzz/run.sh [SECONDS] [HARNESS...]
#
# Environment: TS_FUZZ_BUILD (build directory, default build-fuzz in the
# project root), CC (default clang), TS_FUZZ_FLAGS (extra libFuzzer flags).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] &&
    harnesses=(fuzz_pipeline fuzz_markup fuzz_lexicon fuzz_report fuzz_summary
               fuzz_deflate)
case $seconds in
    ''|*[!0-9]*) echo "usage: $0 [SECONDS] [HARNESS...]" >&2; exit 2 ;;
esac

build=${TS_FUZZ_BUILD:-$root/build-fuzz}
cd "$root" || exit 2

if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=${CC:-clang} cmake -S "$root" -B "$build" -DTS_FUZZ=ON \
        -DTS_SANITIZE=ON -DTS_BUILD_TESTS=OFF >/dev/null || exit 2
fi
cmake --build "$build" -j2 --target fuzz_all >/dev/null || {
    echo "fuzz: build failed (cmake --build $build --target fuzz_all)" >&2
    exit 2
}

work=$build/fuzz
seeds=$work/seeds
mkdir -p "$seeds" "$work/artifacts"

# --------------------------------------------------------------- seeds
# A seed is a small header of option bytes (see each harness) followed by
# real input.  They are rebuilt on every run and never committed.
seed() {  # seed NAME FILE HEADER-PRINTF-FORMAT
    mkdir -p "$seeds/$1"
    local out
    out="$seeds/$1/$(basename "$2")-$(printf "$3" | od -An -tx1 | tr -d ' \n')"
    { printf "$3"; cat "$2"; } >"$out"
}

format_byte() {  # the TS_INPUT_* value for a file name
    case $1 in
        *.md) echo 2 ;; *.html|*.htm) echo 3 ;; *) echo 1 ;;
    esac
}

articles=$(find corpus -type f \( -name '*.txt' -o -name '*.md' \
                                  -o -name '*.html' \) | sort)
for f in $articles; do
    fb=$(format_byte "$f")
    # pipeline: format, cap (0 = default, 40 = 41 bytes), memo, seed (2)
    seed pipeline "$f" "\\x0$fb\\x00\\x00\\x00\\x01"
    seed pipeline "$f" "\\x1$fb\\x28\\x00\\x12\\x34"
    seed pipeline "$f" "\\x0$((fb + 4))\\x00\\x90\\x00\\x07"
    case $fb in
        2) seed markup "$f" '\x00\x00'; seed markup "$f" '\x00\x20' ;;
        3) seed markup "$f" '\x01\x00'; seed markup "$f" '\x01\x20' ;;
    esac
done
# small pieces of the lexicons make better lexicon seeds than whole files
for k in 0 1 2; do
    names=(growth negativity modifiers)
    src=lexicons/${names[$k]}.tsv
    [ -f "$src" ] || continue
    head -n 60 "$src" >"$work/lex-head.tsv"
    seed lexicon "$work/lex-head.tsv" "\\x0$k"
    mv "$seeds/lexicon/lex-head.tsv-0$k" "$seeds/lexicon/${names[$k]}-head-0$k"
    grep -v '^#' "$src" | head -n 20 >"$work/lex-body.tsv"
    seed lexicon "$work/lex-body.tsv" "\\x0$k"
    mv "$seeds/lexicon/lex-body.tsv-0$k" "$seeds/lexicon/${names[$k]}-body-0$k"
done
rm -f "$work/lex-head.tsv" "$work/lex-body.tsv"

# reports: written by the CLI of this build when it builds, else one made
# by hand; each both as is and as JSON text for the harness to gzip
mkdir -p "$seeds/report"
cli=""
if cmake --build "$build" -j2 --target tonescope_cli >/dev/null 2>&1; then
    cli=$(find "$build" -maxdepth 1 -type f -name tonescope -perm -u+x)
fi
made=0
if [ -n "$cli" ]; then
    for f in $articles; do
        r="$seeds/report/$(basename "$f").tone.gz"
        if ASAN_OPTIONS=detect_leaks=0 "$cli" analyze -q "$f" -o "$r" \
                >/dev/null 2>&1 && [ -s "$r" ]; then
            { printf '\x00'; gzip -dc "$r"; } >"$r.jsonl"
            made=$((made + 1))
        else
            rm -f "$r"
        fi
    done
fi
if [ $made -eq 0 ]; then
    {
        printf '\x00'
        printf '%s\n' \
            '{"type":"document","source":"a.txt","format":"text","tool":"tonescope 0.1.0","lexicons":{}}' \
            '{"type":"sentence","section":0,"index":1,"line":1,"text":"We learn.","growth":2,"negativity":0,"tone":0.46,"label":"growth","reframe":false,"hits":[{"term":"learn","stem":"learn","dim":"growth","category":"learning","weight":2,"negated":false}]}' \
            '{"type":"section","index":0,"title":"","words":2,"sentences":1}' \
            '{"type":"summary","words":2,"sentences":1}'
    } >"$seeds/report/handmade.jsonl"
fi

# the encoder: report JSON as the tool writes it, cut into blocks of 61
# and of 128 x 61 bytes
mkdir -p "$seeds/deflate"
for r in "$seeds"/report/*.jsonl; do
    [ -f "$r" ] || continue
    base=$(basename "$r" .jsonl)
    { printf '\x00'; tail -c +2 "$r" | head -c 65536; } >"$seeds/deflate/$base-00"
    { printf '\x7f'; tail -c +2 "$r" | head -c 65536; } >"$seeds/deflate/$base-7f"
done

# summaries: batch's own output over the corpus in both formats, and a few
# hand-made rows (odd paths, an error row, a totals row)
mkdir -p "$seeds/summary"
if [ -n "$cli" ]; then
    ASAN_OPTIONS=detect_leaks=0 "$cli" batch -q --totals corpus \
        >"$seeds/summary/corpus.tsv" 2>/dev/null
    ASAN_OPTIONS=detect_leaks=0 "$cli" batch -q -f jsonl corpus \
        >"$seeds/summary/corpus.jsonl" 2>/dev/null
fi
printf '%s\n' \
    'path	bytes	words	sentences	sections	tone	growth_per_100	negativity_per_100	reframes	label	growth	negativity	tone_sum	error' \
    '\#odd\tname.txt	20	4	1	1	0.6597	85.0000	0.0000	0	growth	3.400000	0.000000	0.659728	' \
    'gone.txt	0	0	0	0	0.0000	0.0000	0.0000	0		0.000000	0.000000	0.000000	No such file' \
    '{"type":"document","path":"a\u00e9.md","bytes":9,"words":2,"sentences":1,"sections":1,"tone":0.4,"growth_per_100":50,"negativity_per_100":0,"reframes":0,"label":"growth","growth":1,"negativity":0,"tone_sum":0.4,"error":null}' \
    '#total	documents=2 failed=1' >"$seeds/summary/handmade.txt"

# --------------------------------------------------------------- runs
# halt_on_error makes every UBSan report fatal except the known, reported
# bugs listed in known-bugs.supp
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$here/known-bugs.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
status=0
for h in "${harnesses[@]}"; do
    bin=$build/tests/fuzz/$h
    name=${h#fuzz_}
    if [ ! -x "$bin" ]; then
        echo "fuzz: no harness $h" >&2
        status=1
        continue
    fi
    mkdir -p "$work/corpus/$name" "$seeds/$name"
    echo "fuzz: $h for ${seconds}s"
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/$name-" \
        ${TS_FUZZ_FLAGS:-} "$work/corpus/$name" "$seeds/$name" \
        >"$work/$name.log" 2>&1
    rc=$?
    tail -n 12 "$work/$name.log" | grep -E '^(stat::number_of_executed_units|Done|#[0-9]+ +DONE)' || true
    if [ $rc -ne 0 ]; then
        echo "fuzz: $h FAILED (exit $rc); log: $work/$name.log" >&2
        grep -m1 -A30 -E '^==[0-9]+==ERROR|runtime error|^(chunked|invalid|bad|record|sentence|problem|entry|escaped|markup|load|check_file|error|reader|unknown|tone|forced|inline|deflate)' \
            "$work/$name.log" >&2
        status=1
    fi
done
exit $status
