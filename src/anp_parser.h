/*
 * anp parser core: ANP post files in, events out.
 *
 * Plain C with no Zend types, so that the PHP binding, the fuzzer and the
 * benchmark drive the same code. The parser reads one buffer in one pass and
 * reports what it finds to a table of callbacks; it never builds the result
 * itself. Every string it hands out is a view that is valid only during the
 * callback: a consumer that keeps it must copy it.
 *
 * The format is docs/format.md; docs/format-decisions.md records what
 * the spec leaves open.
 */
#ifndef ANP_PARSER_H
#define ANP_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANP_DEFAULT_MAX_BYTES ((size_t)8 * 1024 * 1024)

/*
 * Bounds on what a file can make the parser hold and hand out, so that the
 * memory a parse takes stays a fixed multiple of the input's size: only the
 * first ANP_MAX_WARNINGS warnings (in line order) and the first
 * ANP_MAX_UNPARSED unparsed lines are reported, then one warning
 * too_many_warnings counts the rest; a name quoted in a warning is cut after
 * ANP_MESSAGE_NAME_BYTES bytes. docs/format-decisions.md has the wording.
 */
#define ANP_MAX_WARNINGS 100
#define ANP_MAX_UNPARSED 100
#define ANP_MESSAGE_NAME_BYTES 100

typedef struct anp_str {
	const char *ptr;
	size_t len;
} anp_str;

/*
 * The tables of the format, each kept in one list so that an enum and the
 * strings, spellings and shapes that go with its values cannot drift apart:
 * the enums below and the parser's tables are all generated from these lists,
 * as php-src does with ZEND_KNOWN_STRINGS. Each entry is X(ID, "name", ...).
 *
 * The field and item names come first, because a known name is reported by
 * its id so that a consumer can map it to a string it prepared once (the PHP
 * binding interns them at module start) instead of hashing it each time.
 *
 * Scalar fields: X(ID, name, the key as a file glues its value straight to it).
 */
#define ANP_SCALAR_FIELDS(X) \
	X(TOPIC,              "topic",              "topic") \
	X(SUMMARY,            "summary",            "summary") \
	X(AI_BRIEF,           "ai_brief",           "ai brief") \
	X(CODE_LANGUAGE,      "code_language",      "code language") \
	X(DIFFICULTY,         "difficulty",         "difficulty") \
	X(READING_TIME,       "reading_time",       "reading time") \
	X(VIEW_COUNT,         "view_count",         "view count") \
	X(REFERENCE,          "reference",          "reference") \
	X(HASH,               "hash",               "hash")

/* List fields: X(ID, name, shape from ANP_SHAPES). */
#define ANP_LIST_FIELDS(X) \
	X(AI_OUTLINE,         "ai_outline",         MAP) \
	X(STACK,              "stack",              LIST) \
	X(TOOLS,              "tools",              LIST) \
	X(CHECKLIST,          "checklist",          LIST) \
	X(NOTES,              "notes",              LIST) \
	X(SCORE,              "score",              MAP) \
	X(REVISION,           "revision",           MAP) \
	X(FLAGS,              "flags",              MAP) \
	X(ENTITIES,           "entities",           OBJECTS) \
	X(IMAGE_SOURCES,      "image_sources",      OBJECTS) \
	X(PAYLOAD,            "payload",            MAP)

/* The item keys seen in the real files: X(ID, name). */
#define ANP_ITEM_KEYS(X) \
	X(CONTEXT,            "context") \
	X(PROBLEM,            "problem") \
	X(RECOMMENDED_ACTION, "recommended_action") \
	X(QUALITY,            "quality") \
	X(FRESHNESS,          "freshness") \
	X(DEPTH,              "depth") \
	X(CLARITY,            "clarity") \
	X(STATUS,             "status") \
	X(VERSION,            "version") \
	X(LAST_REVIEWED,      "last_reviewed") \
	X(AI_GENERATED_STYLE, "ai_generated_style") \
	X(HAS_IMAGES,         "has_images") \
	X(IMAGE_HEAVY,        "image_heavy") \
	X(NEEDS_HUMAN_REVIEW, "needs_human_review") \
	X(NAME,               "name") \
	X(TYPE,               "type") \
	X(SOURCE,             "source") \
	X(URL,                "url") \
	X(CAPTION,            "caption") \
	X(SOURCE_ID,          "source_id") \
	X(GENERATOR,          "generator") \
	X(PARAGRAPHS,         "paragraphs") \
	X(SCENARIO,           "scenario") \
	X(SEED,               "seed")

/* Body blocks: X(ID, the block's "type" in the result). */
#define ANP_BLOCK_TYPES(X) \
	X(PARAGRAPH,          "paragraph") \
	X(HEADING,            "heading") \
	X(CODE,               "code") \
	X(IMAGE,              "image") \
	X(LIST,               "list")

/* The shapes of a list field: X(ID, how a warning names a field of it). */
#define ANP_SHAPES(X) \
	X(LIST,               "a list")            /* list of strings */ \
	X(MAP,                "a map")             /* key => value */ \
	X(OBJECTS,            "a list of objects") /* list of maps */

/* Warnings: X(ID, its "code" in the result). */
#define ANP_WARNING_CODES(X) \
	X(INVALID_UTF8,       "invalid_utf8") \
	X(NO_META,            "no_meta") \
	X(UNPARSED_LINE,      "unparsed_line") \
	X(DUPLICATE_FIELD,    "duplicate_field") \
	X(UNKNOWN_FIELD,      "unknown_field") \
	X(BAD_INT,            "bad_int") \
	X(BAD_BOOL,           "bad_bool") \
	X(BAD_DATE,           "bad_date") \
	X(TOO_MANY_WARNINGS,  "too_many_warnings")

#define ANP_NAME_ENUM_ENTRY(id, ...) ANP_NAME_##id,
typedef enum anp_name {
	ANP_NAME_NONE = 0, /* not a known name: use the string */
	ANP_SCALAR_FIELDS(ANP_NAME_ENUM_ENTRY)
	ANP_LIST_FIELDS(ANP_NAME_ENUM_ENTRY)
	ANP_ITEM_KEYS(ANP_NAME_ENUM_ENTRY)
	ANP_NAME_COUNT
} anp_name;
#undef ANP_NAME_ENUM_ENTRY

/* The normalized spelling of a known name ("code_language"). */
anp_str anp_name_string(anp_name name);

typedef struct anp_key {
	anp_name id;  /* ANP_NAME_NONE for a name the format does not know */
	anp_str name; /* always set, normalized */
	size_t line;
} anp_key;

#define ANP_BLOCK_ENUM_ENTRY(id, text) ANP_BLOCK_##id,
typedef enum anp_block_type {
	ANP_BLOCK_TYPES(ANP_BLOCK_ENUM_ENTRY)
} anp_block_type;
#undef ANP_BLOCK_ENUM_ENTRY

typedef struct anp_block {
	anp_block_type type;
	size_t line;         /* first line of the block */
	anp_str text;        /* paragraph, heading, code; the alt text of an image */
	anp_str source;      /* image only */
	const anp_str *items; /* list only */
	size_t item_count;
} anp_block;

typedef enum anp_value_type {
	ANP_VALUE_STRING,
	ANP_VALUE_INT,
	ANP_VALUE_BOOL
} anp_value_type;

typedef struct anp_value {
	anp_value_type type;
	anp_str string;
	int64_t integer;
	bool boolean;
} anp_value;

#define ANP_SHAPE_ENUM_ENTRY(id, words) ANP_SHAPE_##id,
typedef enum anp_shape {
	ANP_SHAPES(ANP_SHAPE_ENUM_ENTRY)
} anp_shape;
#undef ANP_SHAPE_ENUM_ENTRY

#define ANP_WARN_ENUM_ENTRY(id, code) ANP_WARN_##id,
typedef enum anp_warning_code {
	ANP_WARNING_CODES(ANP_WARN_ENUM_ENTRY)
	ANP_WARN_COUNT
} anp_warning_code;
#undef ANP_WARN_ENUM_ENTRY

/* "invalid_utf8", "no_meta", ... as they appear in the result. */
anp_str anp_warning_code_string(anp_warning_code code);

typedef enum anp_error_code {
	ANP_OK = 0,
	ANP_ERR_TOO_LARGE,
	ANP_ERR_EMPTY,
	ANP_ERR_NUL,
	ANP_ERR_INVALID_UTF8,
	ANP_ERR_NO_TITLE,
	ANP_ERR_NO_MEMORY
} anp_error_code;

typedef struct anp_error {
	anp_error_code code;
	size_t line;
	char message[192];
} anp_error;

/*
 * The events, in document order. Meta fields arrive as scalar_field, or as
 * field_begin, then entries (and object_begin/object_end around the entries
 * of each object of a list of objects), then field_end. An entry's key is
 * NULL in a list of strings. Warnings arrive last, sorted by line, and only
 * when the parse succeeds; when it fails, error arrives last instead. Any
 * callback may be NULL.
 */
typedef struct anp_callbacks {
	void (*title)(void *ctx, anp_str title, size_t line);
	void (*block)(void *ctx, const anp_block *block);
	void (*scalar_field)(void *ctx, const anp_key *field, const anp_value *value);
	void (*field_begin)(void *ctx, const anp_key *field, anp_shape shape, size_t count);
	void (*object_begin)(void *ctx, size_t count);
	void (*entry)(void *ctx, const anp_key *key, const anp_value *value);
	void (*object_end)(void *ctx);
	void (*field_end)(void *ctx);
	void (*similar)(void *ctx, anp_str title, size_t line);
	void (*unparsed)(void *ctx, anp_str text, size_t line);
	void (*warning)(void *ctx, anp_warning_code code, anp_str message, size_t line);
	/* the parse failed: also returned by anp_parser_run(), for consumers
	 * that only listen to events */
	void (*error)(void *ctx, const anp_error *error);
} anp_callbacks;

typedef struct anp_allocator {
	void *(*realloc)(void *ptr, size_t size); /* returns NULL on failure */
	void (*free)(void *ptr);
} anp_allocator;

typedef struct anp_options {
	size_t max_bytes;          /* 0 means ANP_DEFAULT_MAX_BYTES */
	bool substitute_invalid_utf8;
	const anp_allocator *allocator; /* NULL means the C library's */
} anp_options;

/*
 * Checks an input size against options->max_bytes before the input is read,
 * so that a caller reading a file can refuse it with the parser's own error.
 * Returns ANP_OK or ANP_ERR_TOO_LARGE with `error` filled in.
 */
anp_error_code anp_parser_check_size(size_t len, const anp_options *options, anp_error *error);

/*
 * Parses `len` bytes at `input`. Returns ANP_OK, or an error code with
 * `error` filled in; on an error the events already delivered describe a
 * partial document and should be thrown away.
 */
anp_error_code anp_parser_run(const char *input, size_t len, const anp_options *options,
		const anp_callbacks *callbacks, void *ctx, anp_error *error);

#endif /* ANP_PARSER_H */
