#!/usr/bin/env bash
# update-golden.sh - regenerates tests/cli/golden/ from the current binary.
#
#   tests/cli/update-golden.sh [TONESCOPE]     (or TONESCOPE=... in the env)
#
# Run it after a deliberate change (lexicon weights, scoring, layout), then
# review the diff of tests/cli/golden/ before committing it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
TONESCOPE=${1:-${TONESCOPE:-}}
if [ -z "$TONESCOPE" ]; then
    echo "usage: $0 TONESCOPE  (path of the built binary, or set \$TONESCOPE)" >&2
    exit 2
fi
case $TONESCOPE in /*) ;; *) TONESCOPE=$PWD/$TONESCOPE ;; esac
[ -x "$TONESCOPE" ] || { echo "$0: $TONESCOPE: not an executable" >&2; exit 2; }
export TONESCOPE

# shellcheck source=golden_cases.sh
. "$here/golden_cases.sh"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$root"
golden=tests/cli/golden
mkdir -p "$golden"
rm -f "$golden"/*.out
n=0
while IFS= read -r article; do
    stem=$(golden_stem "$article")
    for kind in $GOLDEN_KINDS; do
        if ! golden_run "$kind" "$article" "$scratch" >"$golden/$stem.$kind.out"; then
            echo "$0: $kind of $article failed" >&2
            exit 1
        fi
        n=$((n + 1))
    done
done < <(golden_articles)
echo "wrote $n golden files in $golden"
