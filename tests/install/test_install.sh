#!/usr/bin/env bash
# Installs the build into a scratch prefix, then compiles and runs a small
# program against the installed library through pkg-config, as a user would.
set -euo pipefail
: "${TS_BUILD_DIR:?set by CTest}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
prefix=$scratch/prefix
cmake --install "$TS_BUILD_DIR" --prefix "$prefix" >/dev/null

for f in bin/tonescope include/tonescope.h share/man/man1/tonescope.1 \
         share/bash-completion/completions/tonescope; do
    [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
pc=$(find "$prefix" -name tonescope.pc | head -1)
[ -n "$pc" ] || { echo "tonescope.pc not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
flags=$(pkg-config --cflags --libs --static tonescope)

cat > "$scratch/hello.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <tonescope.h>
static int on_sentence(void *ctx, const ts_sentence *s) { *(double *)ctx += s->tone; return 0; }
int main(void) {
    double sum = 0; ts_callbacks cb = {NULL, on_sentence, NULL, &sum};
    ts_lexicon *lex = ts_lexicon_new_builtin(NULL);
    ts_analyzer *a = ts_analyzer_new(lex, NULL, &cb, NULL);
    const char *text = "We keep learning and growing with every practice session.\n";
    if (!a || ts_analyzer_feed(a, text, strlen(text)) || ts_analyzer_finish(a)) return 1;
    printf("%s %.3f\n", ts_label_name(ts_tone_label(sum)), sum);
    ts_analyzer_free(a); ts_lexicon_free(lex); return 0;
}
C
# a sanitized build's library needs the sanitizer runtime in the program too
san=""
grep -q '^TS_SANITIZE:BOOL=ON' "$TS_BUILD_DIR/CMakeCache.txt" 2>/dev/null &&
    san="-fsanitize=address,undefined"
# the static library, so the program runs without an installed .so path
cc -std=c11 $san -o "$scratch/hello" "$scratch/hello.c" $(pkg-config --cflags tonescope) \
   "$prefix"/lib*/libtonescope.a $(pkg-config --libs-only-l --static tonescope | sed 's/-ltonescope//')
out=$("$scratch/hello")
echo "$out"
case "$out" in
growth*) ;;
*) echo "expected a growth tone, got: $out"; exit 1 ;;
esac
# and the shared library through pkg-config's flags
cc -std=c11 $san -o "$scratch/hello-so" "$scratch/hello.c" $flags
LD_LIBRARY_PATH=$(dirname "$(find "$prefix" -name 'libtonescope.so' | head -1)") "$scratch/hello-so" >/dev/null
# the man page renders and names every command
if command -v man >/dev/null 2>&1; then
    page=$(MANWIDTH=100 man -l "$prefix/share/man/man1/tonescope.1" 2>/dev/null)
    for c in analyze show split batch merge compare "lexicon check" "lexicon explain" "lexicon stats" eval; do
        grep -q "$c" <<<"$page" || { echo "man page lacks: $c"; exit 1; }
    done
fi
# the completion script loads and completes a command name
bash -c "source '$prefix/share/bash-completion/completions/tonescope'
COMP_WORDS=(tonescope ana); COMP_CWORD=1; _tonescope; [ \"\${COMPREPLY[0]}\" = analyze ]" ||
    { echo "bash completion does not complete 'ana'"; exit 1; }
echo "install ok"
