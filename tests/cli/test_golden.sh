#!/usr/bin/env bash
# test_golden.sh - analyze output of every corpus article, byte for byte.
#
# The expected outputs live in tests/cli/golden/ and are regenerated with
# tests/cli/update-golden.sh when a change is meant.  Run from the project
# root with TONESCOPE set.
set -uo pipefail

: "${TONESCOPE:?set TONESCOPE to the tonescope binary}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=golden_cases.sh
. "$here/golden_cases.sh"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

golden=tests/cli/golden
fail=0
checked=0
while IFS= read -r article; do
    stem=$(golden_stem "$article")
    for kind in $GOLDEN_KINDS; do
        want=$golden/$stem.$kind.out
        if [ ! -f "$want" ]; then
            echo "FAIL: $want is missing (run tests/cli/update-golden.sh)"
            fail=1
            continue
        fi
        golden_run "$kind" "$article" "$scratch" >"$scratch/got" 2>"$scratch/err"
        rc=$?
        if [ $rc -ne 0 ]; then
            echo "FAIL: $kind of $article exited $rc:"
            cat "$scratch/err"
            fail=1
            continue
        fi
        if [ -s "$scratch/err" ]; then
            echo "FAIL: $kind of $article wrote to stderr:"
            cat "$scratch/err"
            fail=1
        fi
        if ! diff -u "$want" "$scratch/got"; then
            echo "FAIL: $kind of $article differs from $want"
            fail=1
        fi
        checked=$((checked + 1))
    done
done < <(golden_articles)

# Every golden file must belong to a case, or a renamed article would
# leave a stale file that is never compared.
for f in "$golden"/*.out; do
    [ -e "$f" ] || continue
    base=$(basename "$f" .out)
    found=0
    while IFS= read -r article; do
        for kind in $GOLDEN_KINDS; do
            [ "$base" = "$(golden_stem "$article").$kind" ] && found=1
        done
    done < <(golden_articles)
    if [ $found -eq 0 ]; then
        echo "FAIL: $f matches no corpus article (stale? run tests/cli/update-golden.sh)"
        fail=1
    fi
done

# No output may depend on where the project lives.
if grep -rlF -- "$PWD" "$golden" >/dev/null 2>&1; then
    echo "FAIL: golden files hold the absolute path $PWD"
    fail=1
fi

if [ $checked -eq 0 ]; then
    echo "FAIL: no golden case ran"
    fail=1
fi
[ $fail -eq 0 ] && echo "ok: $checked golden outputs match"
exit $fail
