/* test_report.c - *.tone.gz reports: written with the writer, read back
 * with the reader; one gzip member per part; atomic commit; truncated,
 * corrupt and unwritable files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "tonescope.h"
#include "fixtures.h"

/* ------------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------- */

static char tmpdir[512];

static void make_tmpdir(void)
{
    assert_int_equal(fixture_tmpdir(tmpdir, sizeof tmpdir, "tsrep"), 0);
}

/* Number of entries in dir (without . and ..). */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(d);
    return n;
}

static void empty_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char path[1024];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
}

static void remove_tmpdir(void)
{
    empty_dir(tmpdir);
    rmdir(tmpdir);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char *data = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            data = realloc(data, cap);
            assert_non_null(data);
        }
        size_t k = fread(data + n, 1, cap - n, f);
        if (k == 0) break;
        n += k;
    }
    fclose(f);
    *len = n;
    return data;
}

static void spill(const char *path, const unsigned char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (len) assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* ------------------------------------------------------------------------
 * The report written by every test: a header, three sections of two
 * sentences each, a summary
 * ---------------------------------------------------------------------- */

#define N_SECTIONS 3

static ts_hit hits[2];
static ts_term_count top[3];

static void make_sentence(ts_sentence *s, size_t section, size_t k)
{
    static char text[N_SECTIONS + 1][2][200];
    memset(s, 0, sizeof *s);
    snprintf(text[section][k], sizeof text[0][0],
             "Sentence %zu of part %zu says \"failure\" is a chance to "
             "learn \xE2\x80\x94 caf\xC3\xA9\ttab.", k, section);
    s->section = section;
    s->index = (section - 1) * 2 + k + 1;
    s->line = (unsigned long)(10 * section + k);
    s->text = text[section][k];
    s->text_len = strlen(text[section][k]);
    s->words = 12 + k;
    s->growth = 1.5 + 0.123456 * (double)section;
    s->negativity = k ? 1.8 : 0;
    s->tone = ts_tone(s->growth, s->negativity);
    s->label = ts_tone_label(s->tone);
    s->reframe = s->negativity > 0 && s->growth >= s->negativity;
    s->split_at_cap = k == 1 && section == 2;
    hits[0] = (ts_hit){.term = "learn", .key = "learn", .text = "learn",
                       .category = "learning", .entry_dim = TS_GROWTH,
                       .dim = TS_GROWTH, .base_weight = 1.5,
                       .weight = s->growth,
                       .flags = TS_HIT_BOOSTED | TS_HIT_AFTER_CONTRAST,
                       .intensifier = "very", .word = 9, .words = 1};
    hits[1] = (ts_hit){.term = "failure", .key = "failur", .text = "failure",
                       .category = "setback", .entry_dim = TS_GROWTH,
                       .dim = TS_NEGATIVITY, .base_weight = 2.0,
                       .weight = 1.8, .flags = TS_HIT_NEGATED | TS_HIT_CAPS,
                       .negator = "not", .word = 5, .words = 1};
    s->hits = hits;
    s->n_hits = k ? 2 : 1;
}

static void make_stats(ts_stats *st, size_t seed)
{
    memset(st, 0, sizeof *st);
    st->words = 25 + seed;
    st->sentences = 2 * seed;
    st->growth_sentences = seed;
    st->negative_sentences = 1;
    st->neutral_sentences = seed > 1 ? seed - 1 : 0;
    st->reframes = seed;
    st->growth = 3.141593 * (double)seed;
    st->negativity = 1.8;
    st->tone_sum = 0.5 * (double)seed - 0.25;
}

static void make_section(ts_section *s, size_t index)
{
    static char titles[N_SECTIONS + 1][64];
    memset(s, 0, sizeof *s);
    snprintf(titles[index], sizeof titles[0], "Part \"%zu\": lessons", index);
    s->index = index;
    s->title = titles[index];
    s->level = 2;
    s->line = (unsigned long)(10 * index - 1);
    make_stats(&s->stats, index);
    top[0] = (ts_term_count){"learn", "learning", TS_GROWTH, 2, 3.25};
    top[1] = (ts_term_count){"improv*", "improvement", TS_GROWTH, 1, 1.5};
    top[2] = (ts_term_count){"failure", "setback", TS_NEGATIVITY, 1, 1.8};
    s->top = top;
    s->n_top = index == 1 ? 0 : 3;
}

static void make_document(ts_document *d)
{
    memset(d, 0, sizeof *d);
    d->title = "A test report";
    d->format = TS_INPUT_MARKDOWN;
    d->bytes = 12345;
    d->sections = N_SECTIONS;
    d->invalid_utf8 = 2;
    d->split_sentences = 1;
    make_stats(&d->stats, 6);
    d->top = top;
    d->n_top = 3;
}

/* Writes the report at path (not committed when commit is 0); returns the
 * writer's last status. */
static ts_status write_report(const char *path, const ts_lexicon *lex,
                              int commit)
{
    ts_error err;
    ts_report_writer *w = ts_report_writer_open(path, 6, &err);
    assert_non_null(w);
    ts_status st = ts_report_write_header(w, "articles/test.md", "Test",
                                          TS_INPUT_MARKDOWN, lex);
    for (size_t sec = 1; sec <= N_SECTIONS && st == TS_OK; sec++) {
        for (size_t k = 0; k < 2 && st == TS_OK; k++) {
            ts_sentence s;
            make_sentence(&s, sec, k);
            st = ts_report_write_sentence(w, &s);
        }
        ts_section s;
        make_section(&s, sec);
        if (st == TS_OK) st = ts_report_write_section(w, &s);
    }
    ts_document d;
    make_document(&d);
    if (st == TS_OK) st = ts_report_write_summary(w, &d);
    if (st == TS_OK && commit) st = ts_report_writer_commit(w);
    ts_report_writer_free(w);
    return st;
}

#define CLOSE(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-6)

static void check_stats(const ts_stats *a, const ts_stats *b)
{
    assert_int_equal(a->words, b->words);
    assert_int_equal(a->sentences, b->sentences);
    assert_int_equal(a->growth_sentences, b->growth_sentences);
    assert_int_equal(a->negative_sentences, b->negative_sentences);
    assert_int_equal(a->neutral_sentences, b->neutral_sentences);
    assert_int_equal(a->reframes, b->reframes);
    CLOSE(a->growth, b->growth);
    CLOSE(a->negativity, b->negativity);
    CLOSE(a->tone_sum, b->tone_sum);
}

static void check_top(const ts_term_count *a, size_t na,
                      const ts_term_count *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_string_equal(a[i].term, b[i].term);
        assert_string_equal(a[i].category, b[i].category);
        assert_int_equal(a[i].dim, b[i].dim);
        assert_int_equal(a[i].count, b[i].count);
        CLOSE(a[i].weight, b[i].weight);
    }
}

/* ------------------------------------------------------------------------
 * Round trip
 * ---------------------------------------------------------------------- */

static void test_round_trip(void **state)
{
    (void)state;
    make_tmpdir();
    ts_lexicon *lex = ts_lexicon_new_builtin(NULL);
    assert_non_null(lex);
    char path[700];
    snprintf(path, sizeof path, "%s/r.tone.gz", tmpdir);
    assert_int_equal(write_report(path, lex, 1), TS_OK);
    assert_true(exists(path));
    assert_int_equal(count_entries(tmpdir), 1);   /* no temporary left */

    ts_error err;
    ts_report_reader *r = ts_report_reader_open(path, &err);
    assert_non_null(r);
    ts_record rec;
    int done;
    assert_int_equal(ts_report_reader_next(r, &rec, &done), TS_OK);
    assert_false(done);
    assert_int_equal(rec.type, TS_RECORD_DOCUMENT);
    assert_string_equal(rec.source, "articles/test.md");
    assert_int_equal(rec.format, TS_INPUT_MARKDOWN);
    assert_non_null(strstr(rec.line, ts_lexicon_version(lex, 1)));
    assert_non_null(strstr(rec.line, "\"tool\":\"tonescope " TS_VERSION "\""));
    for (size_t sec = 1; sec <= N_SECTIONS; sec++) {
        for (size_t k = 0; k < 2; k++) {
            ts_sentence want;
            make_sentence(&want, sec, k);
            assert_int_equal(ts_report_reader_next(r, &rec, &done), TS_OK);
            assert_false(done);
            assert_int_equal(rec.type, TS_RECORD_SENTENCE);
            const ts_sentence *got = &rec.sentence;
            assert_int_equal(got->section, want.section);
            assert_int_equal(got->index, want.index);
            assert_int_equal(got->line, want.line);
            assert_int_equal(got->text_len, want.text_len);
            assert_memory_equal(got->text, want.text, want.text_len);
            assert_int_equal(got->words, want.words);
            CLOSE(got->growth, want.growth);
            CLOSE(got->negativity, want.negativity);
            CLOSE(got->tone, want.tone);
            assert_int_equal(got->label, want.label);
            assert_int_equal(got->reframe, want.reframe);
            assert_int_equal(got->split_at_cap, want.split_at_cap);
            assert_int_equal(got->n_hits, want.n_hits);
            for (size_t h = 0; h < want.n_hits; h++) {
                const ts_hit *a = &got->hits[h], *b = &want.hits[h];
                assert_string_equal(a->term, b->term);
                assert_string_equal(a->key, b->key);
                assert_string_equal(a->text, b->text);
                assert_string_equal(a->category, b->category);
                assert_int_equal(a->dim, b->dim);
                assert_int_equal(a->entry_dim, b->entry_dim);
                CLOSE(a->weight, b->weight);
                CLOSE(a->base_weight, b->base_weight);
                assert_int_equal(a->flags, b->flags);
                if (b->negator) assert_string_equal(a->negator, b->negator);
                else assert_null(a->negator);
                if (b->intensifier)
                    assert_string_equal(a->intensifier, b->intensifier);
                else assert_null(a->intensifier);
            }
        }
        ts_section want;
        make_section(&want, sec);
        assert_int_equal(ts_report_reader_next(r, &rec, &done), TS_OK);
        assert_int_equal(rec.type, TS_RECORD_SECTION);
        assert_int_equal(rec.section.index, want.index);
        assert_string_equal(rec.section.title, want.title);
        assert_int_equal(rec.section.level, want.level);
        assert_int_equal(rec.section.line, want.line);
        check_stats(&rec.section.stats, &want.stats);
        check_top(rec.section.top, rec.section.n_top, want.top, want.n_top);
    }
    ts_document want;
    make_document(&want);
    assert_int_equal(ts_report_reader_next(r, &rec, &done), TS_OK);
    assert_int_equal(rec.type, TS_RECORD_SUMMARY);
    assert_string_equal(rec.document.title, want.title);
    assert_int_equal(rec.document.format, want.format);
    assert_int_equal(rec.document.bytes, want.bytes);
    assert_int_equal(rec.document.sections, want.sections);
    assert_int_equal(rec.document.invalid_utf8, want.invalid_utf8);
    assert_int_equal(rec.document.split_sentences, want.split_sentences);
    check_stats(&rec.document.stats, &want.stats);
    check_top(rec.document.top, rec.document.n_top, want.top, want.n_top);
    assert_int_equal(ts_report_reader_next(r, &rec, &done), TS_OK);
    assert_true(done);
    ts_report_reader_free(r);
    ts_lexicon_free(lex);
    remove_tmpdir();
}

/* ------------------------------------------------------------------------
 * Members: one per part; their ends give the truncation points
 * ---------------------------------------------------------------------- */

/* Inflates data member by member; fills ends[] with the offset just past
 * each member and returns the number of members, or -1 if not clean. */
static int member_ends(const unsigned char *data, size_t len, size_t *ends,
                       int max)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK) return -1;
    unsigned char out[16384];
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    int n = 0;
    while (z.avail_in > 0) {
        z.next_out = out;
        z.avail_out = sizeof out;
        int zr = inflate(&z, Z_NO_FLUSH);
        if (zr == Z_STREAM_END) {
            if (n < max) ends[n] = len - z.avail_in;
            n++;
            inflateReset(&z);
        } else if (zr != Z_OK) {
            inflateEnd(&z);
            return -1;
        }
    }
    inflateEnd(&z);
    return n;
}

static void test_one_member_per_part(void **state)
{
    (void)state;
    make_tmpdir();
    char path[700];
    snprintf(path, sizeof path, "%s/r.tone.gz", tmpdir);
    assert_int_equal(write_report(path, NULL, 1), TS_OK);
    size_t len;
    unsigned char *data = slurp(path, &len);
    size_t ends[16];
    /* header + one per section + summary */
    assert_int_equal(member_ends(data, len, ends, 16), 1 + N_SECTIONS + 1);
    assert_int_equal(ends[N_SECTIONS + 1], len);
    free(data);
    remove_tmpdir();
}

/* Reads a report; returns the final status and counts sections. */
static ts_status read_all(const char *path, int *sections, int *records)
{
    ts_error err;
    ts_report_reader *r = ts_report_reader_open(path, &err);
    if (!r) return err.status;
    ts_record rec;
    int done = 0;
    ts_status st;
    *sections = *records = 0;
    while ((st = ts_report_reader_next(r, &rec, &done)) == TS_OK && !done) {
        (*records)++;
        if (rec.type == TS_RECORD_SECTION) {
            (*sections)++;
            assert_int_equal(rec.section.index, (size_t)*sections);
        }
    }
    /* the failure is sticky */
    if (st != TS_OK) assert_int_equal(ts_report_reader_next(r, &rec, &done), st);
    if (st != TS_OK) assert_true(strlen(ts_report_reader_errmsg(r)) > 0);
    ts_report_reader_free(r);
    return st;
}

static void test_truncated_copies(void **state)
{
    (void)state;
    make_tmpdir();
    char path[700], cut_path[700];
    snprintf(path, sizeof path, "%s/r.tone.gz", tmpdir);
    snprintf(cut_path, sizeof cut_path, "%s/cut.tone.gz", tmpdir);
    assert_int_equal(write_report(path, NULL, 1), TS_OK);
    size_t len;
    unsigned char *data = slurp(path, &len);
    size_t ends[8];
    assert_int_equal(member_ends(data, len, ends, 8), N_SECTIONS + 2);

    /* cut points: inside the first gzip header, at and around every
     * member end, inside each member's trailer, and before the end */
    size_t cuts[64];
    size_t n = 0;
    cuts[n++] = 1;
    cuts[n++] = 5;
    for (int m = 0; m < N_SECTIONS + 2; m++) {
        size_t e = ends[m];
        size_t start = m ? ends[m - 1] : 0;
        cuts[n++] = start + (e - start) / 2;
        cuts[n++] = e - 4;   /* inside the trailer */
        cuts[n++] = e - 1;
        if (e < len) {
            cuts[n++] = e;
            cuts[n++] = e + 3;   /* inside the next gzip header */
        }
    }
    for (size_t i = 0; i < n; i++) {
        size_t cut = cuts[i];
        spill(cut_path, data, cut);
        /* every section whose member ended before the cut is read */
        int complete = 0;
        for (int m = 1; m <= N_SECTIONS; m++)
            if (ends[m] <= cut) complete = m;
        int sections, records;
        ts_status st = read_all(cut_path, &sections, &records);
        if (st != TS_ETRUNCATED)
            print_error("cut at %zu of %zu: status %d\n", cut, len, (int)st);
        assert_int_equal(st, TS_ETRUNCATED);
        assert_true(sections >= complete);
        assert_true(sections <= complete + 1);
        if (cut >= ends[0]) assert_true(records >= 1 + 3 * complete);
    }
    /* the whole file reads cleanly */
    int sections, records;
    assert_int_equal(read_all(path, &sections, &records), TS_OK);
    assert_int_equal(sections, N_SECTIONS);
    assert_int_equal(records, 1 + 3 * N_SECTIONS + 1);
    free(data);
    remove_tmpdir();
}

/* ------------------------------------------------------------------------
 * Not a report
 * ---------------------------------------------------------------------- */

static void test_corrupt_and_foreign(void **state)
{
    (void)state;
    make_tmpdir();
    char path[700], bad[700];
    snprintf(path, sizeof path, "%s/r.tone.gz", tmpdir);
    snprintf(bad, sizeof bad, "%s/bad.tone.gz", tmpdir);
    assert_int_equal(write_report(path, NULL, 1), TS_OK);
    size_t len;
    unsigned char *data = slurp(path, &len);
    size_t ends[8];
    assert_int_equal(member_ends(data, len, ends, 8), N_SECTIONS + 2);
    int sections, records;

    /* the second section's gzip magic broken */
    unsigned char *copy = malloc(len);
    assert_non_null(copy);
    memcpy(copy, data, len);
    copy[ends[1]] ^= 0xFF;
    spill(bad, copy, len);
    assert_int_equal(read_all(bad, &sections, &records), TS_EFORMAT);
    assert_int_equal(sections, 1);
    /* the first section's CRC broken */
    memcpy(copy, data, len);
    copy[ends[1] - 6] ^= 0x55;
    spill(bad, copy, len);
    assert_int_equal(read_all(bad, &sections, &records), TS_EFORMAT);
    /* a byte in the middle of the compressed data */
    memcpy(copy, data, len);
    copy[ends[1] + (ends[2] - ends[1]) / 2] ^= 0xA5;
    spill(bad, copy, len);
    assert_int_equal(read_all(bad, &sections, &records), TS_EFORMAT);
    free(copy);

    /* plain text, even JSON Lines, is not a report */
    static const char plain[] = "{\"type\":\"document\",\"source\":\"x\"}\n";
    spill(bad, (const unsigned char *)plain, sizeof plain - 1);
    assert_int_equal(read_all(bad, &sections, &records), TS_EFORMAT);
    assert_int_equal(records, 0);
    /* an empty file */
    spill(bad, (const unsigned char *)"", 0);
    assert_int_equal(read_all(bad, &sections, &records), TS_EFORMAT);
    /* gzip holding something else */
    gzFile g = gzopen(bad, "wb");
    assert_non_null(g);
    gzputs(g, "hello, world\n");
    gzclose(g);
    assert_int_equal(read_all(bad, &sections, &records), TS_EFORMAT);
    g = gzopen(bad, "wb");
    assert_non_null(g);
    gzputs(g, "{\"type\":\"bogus\"}\n");
    gzclose(g);
    assert_int_equal(read_all(bad, &sections, &records), TS_EFORMAT);
    /* a missing file */
    ts_error err;
    snprintf(bad, sizeof bad, "%s/none.tone.gz", tmpdir);
    assert_null(ts_report_reader_open(bad, &err));
    assert_int_equal(err.status, TS_EIO);
    free(data);
    remove_tmpdir();
}

/* ------------------------------------------------------------------------
 * Atomic commit and write failures
 * ---------------------------------------------------------------------- */

static void test_nothing_before_commit(void **state)
{
    (void)state;
    make_tmpdir();
    char path[700];
    snprintf(path, sizeof path, "%s/r.tone.gz", tmpdir);
    ts_error err;
    ts_report_writer *w = ts_report_writer_open(path, -1, &err);
    assert_non_null(w);
    assert_int_equal(ts_report_write_header(w, "x", NULL, TS_INPUT_TEXT, NULL), TS_OK);
    ts_document d;
    make_document(&d);
    assert_int_equal(ts_report_write_summary(w, &d), TS_OK);
    assert_false(exists(path));
    assert_int_equal(count_entries(tmpdir), 1);   /* the temporary */
    ts_report_writer_free(w);                       /* no commit */
    assert_false(exists(path));
    assert_int_equal(count_entries(tmpdir), 0);

    /* committed: exactly the final name */
    w = ts_report_writer_open(path, 9, &err);
    assert_non_null(w);
    assert_int_equal(ts_report_write_header(w, "x", NULL, TS_INPUT_TEXT, NULL), TS_OK);
    assert_int_equal(ts_report_write_summary(w, &d), TS_OK);
    assert_false(exists(path));
    assert_int_equal(ts_report_writer_commit(w), TS_OK);
    assert_true(exists(path));
    ts_report_writer_free(w);
    assert_true(exists(path));
    assert_int_equal(count_entries(tmpdir), 1);

    /* an ordinary file: mode 0666 less the umask */
    mode_t old_mask = umask(027);
    w = ts_report_writer_open(path, 1, &err);
    assert_non_null(w);
    assert_int_equal(ts_report_write_header(w, "x", NULL, TS_INPUT_TEXT, NULL), TS_OK);
    assert_int_equal(ts_report_writer_commit(w), TS_OK);
    ts_report_writer_free(w);
    umask(old_mask);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    assert_int_equal(count_entries(tmpdir), 1);

    /* a directory that does not exist */
    char nowhere[800];
    snprintf(nowhere, sizeof nowhere, "%s/no/such/dir/r.tone.gz", tmpdir);
    assert_null(ts_report_writer_open(nowhere, -1, &err));
    assert_int_equal(err.status, TS_EIO);
    remove_tmpdir();
}

static void test_write_failure(void **state)
{
    (void)state;
    make_tmpdir();
    char path[700];
    snprintf(path, sizeof path, "%s/r.tone.gz", tmpdir);
    /* A file size limit makes write() fail with EFBIG, like a full disk. */
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    lim = old;
    lim.rlim_cur = 100;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    ts_status st = write_report(path, NULL, 1);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, old_handler);
    assert_int_equal(st, TS_EIO);
    assert_false(exists(path));
    assert_int_equal(count_entries(tmpdir), 0);

    /* the directory disappears before the commit */
    char sub[700], subpath[800];
    snprintf(sub, sizeof sub, "%s/sub", tmpdir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(subpath, sizeof subpath, "%s/r.tone.gz", sub);
    ts_error err;
    ts_report_writer *w = ts_report_writer_open(subpath, -1, &err);
    assert_non_null(w);
    assert_int_equal(ts_report_write_header(w, "x", NULL, TS_INPUT_TEXT, NULL), TS_OK);
    ts_document d;
    make_document(&d);
    assert_int_equal(ts_report_write_summary(w, &d), TS_OK);
    empty_dir(sub);
    assert_int_equal(rmdir(sub), 0);
    assert_int_equal(ts_report_writer_commit(w), TS_EIO);
    assert_true(strlen(ts_report_writer_errmsg(w)) > 0);
    /* sticky */
    assert_int_equal(ts_report_writer_commit(w), TS_EIO);
    ts_report_writer_free(w);
    assert_false(exists(subpath));
    remove_tmpdir();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_one_member_per_part),
        cmocka_unit_test(test_truncated_copies),
        cmocka_unit_test(test_corrupt_and_foreign),
        cmocka_unit_test(test_nothing_before_commit),
        cmocka_unit_test(test_write_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
