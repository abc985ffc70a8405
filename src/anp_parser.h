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

typedef struct anp_str {
	const char *ptr;
	size_t len;
} anp_str;

/*
 * Every field and item name the format knows. The parser reports a known name
 * by its id so that a consumer can map it to a string it prepared once (the
 * PHP binding interns them at module start) instead of hashing it each time.
 */
typedef enum anp_name {
	ANP_NAME_NONE = 0, /* not a known name: use the string */
	/* scalar fields */
	ANP_NAME_TOPIC,
	ANP_NAME_SUMMARY,
	ANP_NAME_AI_BRIEF,
	ANP_NAME_CODE_LANGUAGE,
	ANP_NAME_DIFFICULTY,
	ANP_NAME_READING_TIME,
	ANP_NAME_VIEW_COUNT,
	ANP_NAME_REFERENCE,
	ANP_NAME_HASH,
	/* list fields */
	ANP_NAME_AI_OUTLINE,
	ANP_NAME_STACK,
	ANP_NAME_TOOLS,
	ANP_NAME_CHECKLIST,
	ANP_NAME_NOTES,
	ANP_NAME_SCORE,
	ANP_NAME_REVISION,
	ANP_NAME_FLAGS,
	ANP_NAME_ENTITIES,
	ANP_NAME_IMAGE_SOURCES,
	ANP_NAME_PAYLOAD,
	/* item keys seen in the real files */
	ANP_NAME_CONTEXT,
	ANP_NAME_PROBLEM,
	ANP_NAME_RECOMMENDED_ACTION,
	ANP_NAME_QUALITY,
	ANP_NAME_FRESHNESS,
	ANP_NAME_DEPTH,
	ANP_NAME_CLARITY,
	ANP_NAME_STATUS,
	ANP_NAME_VERSION,
	ANP_NAME_LAST_REVIEWED,
	ANP_NAME_AI_GENERATED_STYLE,
	ANP_NAME_HAS_IMAGES,
	ANP_NAME_IMAGE_HEAVY,
	ANP_NAME_NEEDS_HUMAN_REVIEW,
	ANP_NAME_NAME,
	ANP_NAME_TYPE,
	ANP_NAME_SOURCE,
	ANP_NAME_URL,
	ANP_NAME_CAPTION,
	ANP_NAME_SOURCE_ID,
	ANP_NAME_GENERATOR,
	ANP_NAME_PARAGRAPHS,
	ANP_NAME_SCENARIO,
	ANP_NAME_SEED,
	ANP_NAME_COUNT
} anp_name;

/* The normalized spelling of a known name ("code_language"). */
anp_str anp_name_string(anp_name name);

typedef struct anp_key {
	anp_name id;  /* ANP_NAME_NONE for a name the format does not know */
	anp_str name; /* always set, normalized */
	size_t line;
} anp_key;

typedef enum anp_block_type {
	ANP_BLOCK_PARAGRAPH,
	ANP_BLOCK_HEADING,
	ANP_BLOCK_CODE,
	ANP_BLOCK_IMAGE,
	ANP_BLOCK_LIST
} anp_block_type;

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

typedef enum anp_shape {
	ANP_SHAPE_LIST,   /* list of strings */
	ANP_SHAPE_MAP,    /* key => value */
	ANP_SHAPE_OBJECTS /* list of maps */
} anp_shape;

typedef enum anp_warning_code {
	ANP_WARN_INVALID_UTF8,
	ANP_WARN_NO_META,
	ANP_WARN_UNPARSED_LINE,
	ANP_WARN_DUPLICATE_FIELD,
	ANP_WARN_UNKNOWN_FIELD,
	ANP_WARN_BAD_INT,
	ANP_WARN_BAD_BOOL,
	ANP_WARN_BAD_DATE,
	ANP_WARN_COUNT
} anp_warning_code;

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
	/* the parse failed: also returned by anp_parse(), for consumers that
	 * only listen to events */
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
anp_error_code anp_check_size(size_t len, const anp_options *options, anp_error *error);

/*
 * Parses `len` bytes at `input`. Returns ANP_OK, or an error code with
 * `error` filled in; on an error the events already delivered describe a
 * partial document and should be thrown away.
 */
anp_error_code anp_parse(const char *input, size_t len, const anp_options *options,
		const anp_callbacks *callbacks, void *ctx, anp_error *error);

#endif /* ANP_PARSER_H */
