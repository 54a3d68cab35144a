/* embed.c - build-time tool: writes a C source that holds the default
 * lexicon files as string constants, so the binary needs no data files.
 *
 *   ts_embed OUT.c growth.tsv negativity.tsv modifiers.tsv
 *
 * Each file becomes an array of bytes (not a string literal, whose length
 * C11 compilers may limit) plus its length.  The array is unsigned char so
 * that UTF-8 bytes above 127 fit whatever the signedness of char. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"growth", "negativity", "modifiers"};

static int embed(FILE *out, const char *name, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "ts_embed: %s: cannot open\n", path);
        return -1;
    }
    fprintf(out, "static const unsigned char data_%s[] = {\n", name);
    int c;
    unsigned long n = 0;
    while ((c = fgetc(in)) != EOF) {
        fprintf(out, "%d,", c);
        if (++n % 20 == 0) fputc('\n', out);
    }
    fprintf(out, "0};\n");
    int err = ferror(in);
    fclose(in);
    if (err) {
        fprintf(stderr, "ts_embed: %s: read error\n", path);
        return -1;
    }
    fprintf(out, "const char *const ts_builtin_%s = (const char *)data_%s;\n",
            name, name);
    fprintf(out, "const unsigned long ts_builtin_%s_len = %lu;\n\n", name, n);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: ts_embed OUT.c GROWTH NEGATIVITY MODIFIERS\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        fprintf(stderr, "ts_embed: %s: cannot create\n", argv[1]);
        return 1;
    }
    fprintf(out, "/* Generated at build time from lexicons/; do not edit. */\n");
    fprintf(out, "#include \"builtin_lexicons.h\"\n\n");
    for (int i = 0; i < 3; i++)
        if (embed(out, names[i], argv[i + 2])) {
            fclose(out);
            remove(argv[1]);
            return 1;
        }
    if (fclose(out) != 0) {
        remove(argv[1]);
        return 1;
    }
    return 0;
}
