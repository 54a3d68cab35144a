/*
 * tonescope.h - the whole public interface of libtonescope.
 *
 * tonescope rates the tone of articles on two axes: growth-mindset language
 * and negativity.  An analyzer is a push-style stream: create it with
 * ts_analyzer_new(), give it bytes with ts_analyzer_feed() in chunks of any
 * size, call ts_analyzer_finish(), and read the results through callbacks as
 * sentences and sections complete.  Any chunking of the input produces the
 * same results.
 *
 * Conventions used throughout:
 *  - Fallible calls return a ts_status (TS_OK is 0).  Constructors return
 *    NULL on failure and fill the optional ts_error.
 *  - Every _free() function accepts NULL and does nothing then.
 *  - The library never prints, exits or aborts.
 *  - A lexicon is read-only after loading and may be shared by any number of
 *    analyzers in any number of threads; an analyzer belongs to one thread.
 */
#ifndef TONESCOPE_H
#define TONESCOPE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(TS_STATIC_DEFINE)
#define TS_EXPORT
#elif defined(__GNUC__)
#define TS_EXPORT __attribute__((visibility("default")))
#else
#define TS_EXPORT
#endif

#define TS_VERSION "0.1.0"

/* ------------------------------------------------------------------------
 * Status, errors and memory
 * ---------------------------------------------------------------------- */

typedef enum ts_status {
    TS_OK = 0,
    TS_ENOMEM,     /* an allocation failed */
    TS_EIO,        /* reading or writing a file failed */
    TS_EINVAL,     /* a caller passed something impossible */
    TS_ELEXICON,   /* a lexicon file has a bad line */
    TS_EFORMAT,    /* a report or other structured input is malformed */
    TS_ETRUNCATED, /* a report ends before its summary */
    TS_ECALLBACK   /* a user callback asked to stop */
} ts_status;

/* A short English phrase for a status; static storage. */
TS_EXPORT const char *ts_status_str(ts_status status);

/* Filled by constructors and loaders that fail.  `file` and `line` name the
 * offending input where there is one (line 0 = not about a line). */
typedef struct ts_error {
    ts_status status;      /* what went wrong */
    char file[256];        /* input file concerned, or "" */
    unsigned long line;    /* 1-based line in that file, or 0 */
    char message[512];     /* human-readable reason, no trailing newline */
} ts_error;

/* Custom allocator.  All library allocations (including uthash and zlib's)
 * go through it; libstemmer allocates with the C library.  Passing NULL
 * restores malloc/realloc/free.  (Without one, on Linux, the builtin
 * lexicon's nodes come from one mmap()ed region the kernel may back with
 * huge pages: its 1.8 MB then fault in at once, not 4 KiB at a time.)  Set it before creating any object and do
 * not change it while objects exist. */
typedef struct ts_allocator {
    void *(*alloc)(size_t size, void *ud);              /* like malloc */
    void *(*resize)(void *ptr, size_t size, void *ud);  /* like realloc */
    void (*release)(void *ptr, void *ud);               /* like free */
    void *ud;                                           /* passed to all three */
} ts_allocator;

TS_EXPORT void ts_set_allocator(const ts_allocator *allocator);

/* A growable string the library appends to (JSON rendering).  Start with
 * {0}; data is NUL-terminated once anything was appended; release the
 * memory with ts_string_free(). */
typedef struct ts_string {
    char *data;   /* NUL-terminated when cap > 0 */
    size_t len;   /* bytes used, excluding the NUL */
    size_t cap;   /* bytes allocated */
} ts_string;

TS_EXPORT void ts_string_free(ts_string *s);

/* ------------------------------------------------------------------------
 * Enumerations
 * ---------------------------------------------------------------------- */

typedef enum ts_dimension { TS_GROWTH = 0, TS_NEGATIVITY = 1 } ts_dimension;

typedef enum ts_label {
    TS_LABEL_NEUTRAL = 0,
    TS_LABEL_GROWTH,
    TS_LABEL_NEGATIVE
} ts_label;

typedef enum ts_input_format {
    TS_INPUT_AUTO = 0,  /* sniff from the first bytes */
    TS_INPUT_TEXT,
    TS_INPUT_MARKDOWN,
    TS_INPUT_HTML
} ts_input_format;

/* Names used in every output: "growth", "negativity"; "growth",
 * "negative", "neutral"; "text", "markdown", "html", "auto". */
TS_EXPORT const char *ts_dimension_name(ts_dimension dim);
TS_EXPORT const char *ts_label_name(ts_label label);
TS_EXPORT const char *ts_input_format_name(ts_input_format format);

/* Parses "text"/"txt", "markdown"/"md", "html"/"htm", "auto".  Returns 0 and
 * sets *out, or -1 for an unknown name. */
TS_EXPORT int ts_input_format_parse(const char *name, ts_input_format *out);

/* The format implied by a file name's extension; TS_INPUT_AUTO if none. */
TS_EXPORT ts_input_format ts_input_format_from_path(const char *path);

/* ------------------------------------------------------------------------
 * Scoring constants (documented in the README)
 * ---------------------------------------------------------------------- */

#define TS_TONE_ALPHA 15.0          /* tone = x / sqrt(x*x + alpha) */
#define TS_TONE_THRESHOLD 0.05      /* |tone| at or above: not neutral */
#define TS_NEGATION_FACTOR 0.74     /* negated hit: other dimension, w*0.74 */
#define TS_CONTRAST_BEFORE 0.5      /* hits before "but": w*0.5 */
#define TS_CONTRAST_AFTER 1.5       /* hits after "but": w*1.5 */
#define TS_CAPS_BONUS 0.7           /* ALL CAPS word in mixed-case sentence */
#define TS_NAME_FACTOR 0.04         /* capitalised inside a sentence: w*0.04 */
#define TS_MODIFIER_DEFAULT 0.3     /* booster/dampener amount when unset */
#define TS_MODIFIER_WINDOW 3        /* words looked back for modifiers */

/* tone of a sentence or any span from its growth and negativity sums */
TS_EXPORT double ts_tone(double growth, double negativity);
TS_EXPORT ts_label ts_tone_label(double tone);

/* ------------------------------------------------------------------------
 * Lexicons
 * ---------------------------------------------------------------------- */

typedef struct ts_lexicon ts_lexicon;

/* The lexicons compiled into the library. */
TS_EXPORT ts_lexicon *ts_lexicon_new_builtin(ts_error *err);

/* Loads DIR/growth.tsv, DIR/negativity.tsv and DIR/modifiers.tsv. */
TS_EXPORT ts_lexicon *ts_lexicon_new_from_dir(const char *dir, ts_error *err);

/* Loads three files; a NULL path takes that part from the builtin set. */
TS_EXPORT ts_lexicon *ts_lexicon_new_from_files(const char *growth_path,
                                                const char *negativity_path,
                                                const char *modifiers_path,
                                                ts_error *err);

TS_EXPORT void ts_lexicon_free(ts_lexicon *lex);

/* A short identifier of the loaded content, e.g. "growth:412/3f9c21a0";
 * owned by the lexicon. which: 0 growth, 1 negativity, 2 modifiers. */
TS_EXPORT const char *ts_lexicon_version(const ts_lexicon *lex, int which);

typedef enum ts_entry_kind {
    TS_ENTRY_WORD = 0,   /* one stem */
    TS_ENTRY_PREFIX,     /* "improv*": prefix of the folded surface word */
    TS_ENTRY_PHRASE,     /* several stems in a row */
    TS_ENTRY_MODIFIER    /* negator, booster, dampener or contrast */
} ts_entry_kind;

typedef enum ts_modifier_kind {
    TS_MOD_NONE = 0,
    TS_MOD_NEGATOR,
    TS_MOD_BOOSTER,
    TS_MOD_DAMPENER,
    TS_MOD_CONTRAST
} ts_modifier_kind;

TS_EXPORT const char *ts_modifier_kind_name(ts_modifier_kind kind);

/* One lexicon entry as loaded.  Pointers are owned by the lexicon. */
typedef struct ts_entry {
    ts_entry_kind kind;          /* how it matches */
    const char *term;            /* as written in the file */
    const char *key;             /* what is matched: stem(s) or prefix */
    ts_dimension dim;            /* growth or negativity (not modifiers) */
    const char *category;        /* category, or the modifier kind name */
    ts_modifier_kind modifier;   /* TS_MOD_NONE for scoring entries */
    double weight;               /* intensity, or modifier amount */
    const char *source;          /* file it came from ("builtin:...") */
    unsigned long line;          /* its line there */
} ts_entry;

typedef int (*ts_entry_cb)(void *ctx, const ts_entry *entry);

/* Calls cb for every entry, growth then negativity then modifiers, in file
 * order.  A non-zero return from cb stops and returns TS_ECALLBACK. */
TS_EXPORT ts_status ts_lexicon_foreach(const ts_lexicon *lex, ts_entry_cb cb,
                                       void *ctx);

/* Explains how TEXT (a word or a phrase) is seen: writes the space-joined
 * stems of its words into stems (truncated to size) and calls cb for every
 * entry that would match the text as a whole or any of its words. */
TS_EXPORT ts_status ts_lexicon_explain(const ts_lexicon *lex, const char *text,
                                       char *stems, size_t size,
                                       ts_entry_cb cb, void *ctx);

/* Checks one lexicon file without loading it for use, reporting every bad
 * line (not only the first) through cb as "reason" with its line.  The kind
 * of file is taken from its content header or name: a name containing
 * "modifier" is a modifiers file.  Returns TS_OK when clean, TS_ELEXICON
 * when any line is bad, TS_EIO when unreadable. */
typedef void (*ts_problem_cb)(void *ctx, const char *file, unsigned long line,
                              const char *reason);
TS_EXPORT ts_status ts_lexicon_check_file(const char *path, ts_problem_cb cb,
                                          void *ctx);

/* ------------------------------------------------------------------------
 * Analysis results
 * ---------------------------------------------------------------------- */

/* Flags on a hit saying which rules changed its weight. */
enum {
    TS_HIT_NEGATED = 1u << 0,        /* moved to the other dimension */
    TS_HIT_BOOSTED = 1u << 1,
    TS_HIT_DAMPENED = 1u << 2,
    TS_HIT_CAPS = 1u << 3,           /* written in ALL CAPS */
    TS_HIT_BEFORE_CONTRAST = 1u << 4,
    TS_HIT_AFTER_CONTRAST = 1u << 5,
    TS_HIT_NAME = 1u << 6            /* capitalised inside a sentence: part
                                        of a name or title */
};

/* One matched lexicon term in a sentence.  Strings are owned by the
 * lexicon or the analyzer and valid during the callback only. */
typedef struct ts_hit {
    const char *term;         /* lexicon entry as written */
    const char *key;          /* matched stem(s) or prefix */
    const char *text;         /* the words of the sentence it matched */
    const char *category;     /* entry's category */
    ts_dimension entry_dim;   /* dimension of the entry */
    ts_dimension dim;         /* dimension it counted for (after negation) */
    double base_weight;       /* entry weight */
    double weight;            /* weight after every modifier */
    unsigned flags;           /* TS_HIT_* */
    const char *negator;      /* the negating word, or NULL */
    const char *intensifier;  /* the booster or dampener, or NULL */
    size_t word;              /* index of its first word in the sentence */
    size_t words;             /* number of words it covers */
} ts_hit;

typedef struct ts_sentence {
    size_t section;           /* section index, 0 = before the first heading */
    size_t index;             /* 1-based index within the document */
    unsigned long line;       /* input line where it starts */
    const char *text;         /* normalised text, NUL-terminated */
    size_t text_len;          /* bytes in text */
    size_t words;             /* word tokens */
    double growth;            /* G: sum of growth hit weights */
    double negativity;        /* N: sum of negativity hit weights */
    double tone;              /* (G-N)/sqrt((G-N)^2+15) */
    ts_label label;
    int reframe;              /* N > 0 and G >= N */
    int split_at_cap;         /* reached the length cap and was cut there */
    const ts_hit *hits;       /* n_hits hits in sentence order */
    size_t n_hits;
} ts_sentence;

/* Counters shared by sections and documents. */
typedef struct ts_stats {
    size_t words;             /* word tokens in sentences */
    size_t sentences;
    size_t growth_sentences;
    size_t negative_sentences;
    size_t neutral_sentences;
    size_t reframes;
    double growth;            /* sum of G */
    double negativity;        /* sum of N */
    double tone_sum;          /* sum of sentence tones */
} ts_stats;

TS_EXPORT double ts_stats_growth_per100(const ts_stats *s);
TS_EXPORT double ts_stats_negativity_per100(const ts_stats *s);
TS_EXPORT double ts_stats_mean_tone(const ts_stats *s);
/* A span's label comes from its mean sentence tone. */
TS_EXPORT ts_label ts_stats_label(const ts_stats *s);
TS_EXPORT void ts_stats_add(ts_stats *into, const ts_stats *from);

/* A term's tally within a section or document. */
typedef struct ts_term_count {
    const char *term;         /* lexicon entry as written */
    const char *category;
    ts_dimension dim;         /* dimension it counted for */
    size_t count;             /* occurrences */
    double weight;            /* sum of weights */
} ts_term_count;

#define TS_TOP_TERMS 5

typedef struct ts_section {
    size_t index;             /* 0 = text before the first heading */
    const char *title;        /* heading text ("" for an untitled part) */
    int level;                /* heading level 1-6, 0 when untitled */
    unsigned long line;       /* line of the heading (or first text) */
    ts_stats stats;
    const ts_term_count *top; /* up to TS_TOP_TERMS per dimension, */
    size_t n_top;             /* growth first, by weight then term */
} ts_section;

typedef struct ts_document {
    const char *title;        /* first heading or HTML <title>, or "" */
    ts_input_format format;   /* format used (never AUTO after finish) */
    size_t bytes;             /* input bytes fed */
    size_t sections;          /* sections reported */
    size_t invalid_utf8;      /* bytes replaced by U+FFFD */
    size_t split_sentences;   /* sentences cut at the length cap */
    ts_stats stats;
    const ts_term_count *top;
    size_t n_top;
} ts_document;

/* Callbacks, all optional.  A non-zero return stops the analysis: the
 * current feed/finish returns TS_ECALLBACK. */
typedef struct ts_callbacks {
    int (*section_begin)(void *ctx, size_t index, const char *title,
                         int level, unsigned long line);
    int (*sentence)(void *ctx, const ts_sentence *sentence);
    int (*section_end)(void *ctx, const ts_section *section);
    void *ctx;
} ts_callbacks;

/* ------------------------------------------------------------------------
 * JSON rendering: the records of DESIGN section 7, one object each, no
 * trailing newline, appended to out.  Used by reports and the CLI alike so
 * that every JSON output of tonescope has one shape.
 * ---------------------------------------------------------------------- */

TS_EXPORT ts_status ts_json_string(ts_string *out, const char *s, size_t len);
/* with_hits: include the "hits" array */
TS_EXPORT ts_status ts_json_sentence(ts_string *out, const ts_sentence *s,
                                     int with_hits);
TS_EXPORT ts_status ts_json_section(ts_string *out, const ts_section *s);
/* type: "summary" (report) or "document" (CLI outputs) */
TS_EXPORT ts_status ts_json_document(ts_string *out, const ts_document *d,
                                     const char *type);

/* ------------------------------------------------------------------------
 * The analyzer
 * ---------------------------------------------------------------------- */

/* Distinct words the stem memo keeps before it starts afresh: enough for
 * the working vocabulary of most corpora, small enough that peak memory
 * stays flat however long the input (a few MB). */
#define TS_MEMO_DEFAULT 16384

typedef struct ts_options {
    ts_input_format format;     /* TS_INPUT_AUTO: sniff */
    size_t max_sentence_bytes;  /* length cap; 0 = 8192 */
    size_t memo_capacity;       /* distinct words memoised; 0 = default */
    /* Threads that score sentences; 0 or 1: the caller's thread only.
     * With more, a long document is scored in batches of sentences on
     * threads - 1 worker threads and the caller's (one memo each: the
     * caller scores a batch when it would otherwise wait for the workers);
     * callbacks still run on the caller's thread, in document order, with
     * the same results, but may come a batch later: during a later feed,
     * or in finish.  A document shorter
     * than one batch (64 KiB of sentences) starts no thread.  The
     * allocator, if one is set, must then be thread-safe. */
    unsigned threads;
    /* Non-zero: leave the top-terms lists of sections and of the document
     * empty, and spare tallying and ranking the terms of every section,
     * for callers that never read them (4% of the time of an analysis of
     * article text with sections of a few paragraphs).  With no sentence
     * callback as well, nothing reads a hit: scoring threads then keep
     * none for the caller's thread (another 4% with two threads). */
    int skip_top_terms;
} ts_options;

TS_EXPORT void ts_options_init(ts_options *opt);

typedef struct ts_analyzer ts_analyzer;

/* The lexicon must outlive the analyzer.  opt and cb may be NULL. */
TS_EXPORT ts_analyzer *ts_analyzer_new(const ts_lexicon *lex,
                                       const ts_options *opt,
                                       const ts_callbacks *cb, ts_error *err);

TS_EXPORT ts_status ts_analyzer_feed(ts_analyzer *a, const void *buf,
                                     size_t len);

/* Reads fd to its end in 64 KiB chunks and feeds them. */
TS_EXPORT ts_status ts_analyzer_feed_fd(ts_analyzer *a, int fd);

/* Flushes the last sentence and section.  After it, ts_analyzer_document()
 * holds the totals. */
TS_EXPORT ts_status ts_analyzer_finish(ts_analyzer *a);

/* Valid after finish until the next reset or free. */
TS_EXPORT const ts_document *ts_analyzer_document(const ts_analyzer *a);

/* Starts a new document with the same lexicon, options and callbacks;
 * the stem memo is kept.  format overrides the options' format. */
TS_EXPORT ts_status ts_analyzer_reset(ts_analyzer *a, ts_input_format format);

/* The input format in use: the one given, or the sniffed one once the
 * first bytes have settled it (TS_INPUT_AUTO before that). */
TS_EXPORT ts_input_format ts_analyzer_format(const ts_analyzer *a);

/* The document title chosen so far ("" if none).  It is settled by the
 * time the first section begins, except that an HTML <title> met later
 * still replaces it.  Valid until the next feed, finish, reset or free. */
TS_EXPORT const char *ts_analyzer_title(const ts_analyzer *a);

/* Message for the last failure of this analyzer; "" if none. */
TS_EXPORT const char *ts_analyzer_errmsg(const ts_analyzer *a);

TS_EXPORT void ts_analyzer_free(ts_analyzer *a);

/* ------------------------------------------------------------------------
 * Reports (*.tone.gz): one gzip member per section, JSON Lines inside
 * ---------------------------------------------------------------------- */

typedef struct ts_report_writer ts_report_writer;

/* Creates a temporary file beside path; nothing appears under path until
 * ts_report_writer_commit().  level: 1 for the fast encoder made for
 * reports (matches only at JSON punctuation, a Huffman code built in:
 * several times zlib's speed, a somewhat larger file), 2-9 for zlib's
 * levels, -1 for the default (zlib's 6).  The file is plain gzip either
 * way. */
TS_EXPORT ts_report_writer *ts_report_writer_open(const char *path, int level,
                                                  ts_error *err);

/* Compresses on `threads` threads (default 1: the caller's).  Members
 * are cut into blocks compressed in parallel and joined into one deflate
 * stream each, so the file's bytes are the same for any number. */
TS_EXPORT ts_status ts_report_writer_set_threads(ts_report_writer *w,
                                                 unsigned threads);

/* The first record: source name, document title (NULL or "" if none
 * yet), input format, tool and lexicon versions. */
TS_EXPORT ts_status ts_report_write_header(ts_report_writer *w,
                                           const char *source,
                                           const char *title,
                                           ts_input_format format,
                                           const ts_lexicon *lex);

TS_EXPORT ts_status ts_report_write_sentence(ts_report_writer *w,
                                             const ts_sentence *s);

/* Writes the section record and ends its gzip member. */
TS_EXPORT ts_status ts_report_write_section(ts_report_writer *w,
                                            const ts_section *s);

TS_EXPORT ts_status ts_report_write_summary(ts_report_writer *w,
                                            const ts_document *d);

/* Flushes, syncs and renames into place. */
TS_EXPORT ts_status ts_report_writer_commit(ts_report_writer *w);

TS_EXPORT const char *ts_report_writer_errmsg(const ts_report_writer *w);

/* Frees; removes the temporary file if not committed. */
TS_EXPORT void ts_report_writer_free(ts_report_writer *w);

/* Has the analyzer write every sentence record to w itself, in document
 * order, right before the sentence callback: the records are rendered on
 * its scoring threads, which with threads takes most of the formatting
 * off the thread that feeds it.  The header, section and summary records
 * are still the caller's to write (from the callbacks and after finish),
 * and the callback must not write sentences too.  A failed write stops
 * the analysis with the writer's status and message.  Set it before the
 * first byte is fed; NULL stops it.  w must outlive the analysis. */
TS_EXPORT ts_status ts_analyzer_set_report(ts_analyzer *a, ts_report_writer *w);

/* Reading a report back, record by record. */
typedef enum ts_record_type {
    TS_RECORD_DOCUMENT = 1,
    TS_RECORD_SENTENCE,
    TS_RECORD_SECTION,
    TS_RECORD_SUMMARY
} ts_record_type;

typedef struct ts_record {
    ts_record_type type;
    const char *line;         /* the raw JSON line, NUL-terminated */
    size_t line_len;
    /* TS_RECORD_DOCUMENT */
    const char *source;
    const char *title;        /* "" when the header has none */
    ts_input_format format;
    /* TS_RECORD_SENTENCE */
    ts_sentence sentence;
    /* TS_RECORD_SECTION */
    ts_section section;
    /* TS_RECORD_SUMMARY */
    ts_document document;
} ts_record;

typedef struct ts_report_reader ts_report_reader;

TS_EXPORT ts_report_reader *ts_report_reader_open(const char *path,
                                                  ts_error *err);

/* Reads the next record into *rec (valid until the next call).  Returns
 * TS_OK with *done = 0 for a record, TS_OK with *done = 1 at a clean end,
 * TS_ETRUNCATED when the file stops inside a member or before its summary,
 * TS_EFORMAT for a line that is not a valid record, TS_EIO. */
TS_EXPORT ts_status ts_report_reader_next(ts_report_reader *r, ts_record *rec,
                                          int *done);

TS_EXPORT const char *ts_report_reader_errmsg(const ts_report_reader *r);

TS_EXPORT void ts_report_reader_free(ts_report_reader *r);

#ifdef __cplusplus
}
#endif

#endif /* TONESCOPE_H */
