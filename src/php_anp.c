/*
 * anp: the Zend binding of the parser core.
 *
 * This file only parses arguments, turns the core's events into PHP arrays
 * and throws. The format itself lives in anp_parser.c, which knows nothing of
 * PHP.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_streams.h"
#include "ext/standard/info.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

/* the huge-page read buffer of a large file: POSIX only; elsewhere (Windows)
 * a large file is read into a string like a small one */
#if defined(HAVE_MMAP) && !defined(PHP_WIN32)
#include <sys/mman.h>
#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif
#ifdef MAP_ANONYMOUS
#define ANP_HUGE_READ_MMAP 1
#endif
#endif

#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "php_anp.h"
#include "anp_parser.h"
#include "php_anp_wxr.h"
#include "anp_arginfo.h"

static zend_class_entry *php_anp_parse_exception_ce;

/* The keys of the result, of its blocks and records, and of the exception's
 * properties: X(ID, key). */
#define PHP_ANP_KEYS(X) \
	X(TITLE,      "title") \
	X(BLOCKS,     "blocks") \
	X(META,       "meta") \
	X(SIMILAR,    "similar") \
	X(UNPARSED,   "unparsed") \
	X(WARNINGS,   "warnings") \
	X(TYPE,       "type") \
	X(TEXT,       "text") \
	X(ALT,        "alt") \
	X(SOURCE,     "source") \
	X(URL,        "url") \
	X(LANGUAGE,   "language") \
	X(ITEMS,      "items") \
	X(LINE,       "line") \
	X(CODE,       "code") \
	X(MESSAGE,    "message") \
	X(CAPTION,    "caption") \
	X(PATH,       "path") \
	X(INPUT_LINE, "inputLine") \
	X(REASON,     "reason") \
	X(INPUT,      "input")

/* The keys, then the block types (from the core's list), in one table. */
typedef enum {
#define KEY_ENUM_ENTRY(id, text) PHP_ANP_KEY_##id,
#define TYPE_ENUM_ENTRY(id, text) PHP_ANP_TYPE_##id,
	PHP_ANP_KEYS(KEY_ENUM_ENTRY)
	ANP_BLOCK_TYPES(TYPE_ENUM_ENTRY)
#undef TYPE_ENUM_ENTRY
#undef KEY_ENUM_ENTRY
	PHP_ANP_KEY_COUNT
} php_anp_key;

static const char *const php_anp_key_texts[PHP_ANP_KEY_COUNT] = {
#define KEY_TEXT_ENTRY(id, text) [PHP_ANP_KEY_##id] = text,
#define TYPE_TEXT_ENTRY(id, text) [PHP_ANP_TYPE_##id] = text,
	PHP_ANP_KEYS(KEY_TEXT_ENTRY)
	ANP_BLOCK_TYPES(TYPE_TEXT_ENTRY)
#undef TYPE_TEXT_ENTRY
#undef KEY_TEXT_ENTRY
};

/* Where each of the core's block types finds its name in php_anp_keys. */
static const php_anp_key php_anp_block_types[] = {
#define BLOCK_TYPE(id, text) [ANP_BLOCK_##id] = PHP_ANP_TYPE_##id,
	ANP_BLOCK_TYPES(BLOCK_TYPE)
#undef BLOCK_TYPE
};

/* Interned once at module start: every array insertion then reuses a string
 * whose hash is already known, instead of allocating and hashing a key. */
static zend_string *php_anp_keys[PHP_ANP_KEY_COUNT];
static zend_string *php_anp_names[ANP_NAME_COUNT];
static zend_string *php_anp_warning_codes[ANP_WARN_COUNT];

/* ------------------------------------------------------------------------ */
/* Building the result from the parser's events */

typedef struct builder {
	zval title, blocks, meta, similar, unparsed, warnings;
	zval field;           /* the list field being filled */
	zend_string *field_name;
	zval object;          /* the object of a list of objects being filled */
	bool has_image, has_code;
} builder;

static zend_always_inline void set_string(zval *zv, anp_str s)
{
	/* "" and one-byte strings come from the engine's interned strings */
	ZVAL_STRINGL_FAST(zv, s.ptr, s.len);
}

/* A known name's interned string, or a new string for one the format does
 * not know; release it with zend_string_release(). */
static zend_string *key_string(const anp_key *key)
{
	if (key->id != ANP_NAME_NONE) {
		return php_anp_names[key->id];
	}
	return zend_string_init(key->name.ptr, key->name.len, 0);
}

/* Stores under a key as `$array[$key] = ...` would: a later value replaces an
 * earlier one in its place, and "123" becomes the integer key 123, so that the
 * pure-PHP parser builds the very same array. */
static void store(HashTable *ht, const anp_key *key, zval *value)
{
	if (key->id != ANP_NAME_NONE) {
		zend_hash_update(ht, php_anp_names[key->id], value);
		return;
	}
	zend_string *name = key_string(key);
	zend_symtable_update(ht, name, value);
	zend_string_release(name);
}

static void set_value(zval *zv, const anp_value *v)
{
	switch (v->type) {
		case ANP_VALUE_INT:
			ZVAL_LONG(zv, (zend_long)v->integer);
			break;
		case ANP_VALUE_BOOL:
			ZVAL_BOOL(zv, v->boolean);
			break;
		case ANP_VALUE_STRING:
			set_string(zv, v->string);
			break;
	}
}

/* A mixed array of exactly `size` elements, filled with append(). */
static HashTable *new_record(zval *zv, uint32_t size)
{
	array_init_size(zv, size);
	zend_hash_real_init_mixed(Z_ARRVAL_P(zv));
	return Z_ARRVAL_P(zv);
}

/* For keys known to be new in the array: no lookup before the insertion. */
static zend_always_inline void append(HashTable *ht, php_anp_key key, zval *value)
{
	_zend_hash_append(ht, php_anp_keys[key], value);
}

static void on_title(void *ctx, anp_str title, size_t line)
{
	builder *b = ctx;
	(void)line;
	set_string(&b->title, title);
}

/* A block's record, sized for its `size` keys, with its type filled in. */
static HashTable *new_block(zval *zv, anp_block_type type, uint32_t size)
{
	zval tmp;
	HashTable *ht = new_record(zv, size);
	ZVAL_INTERNED_STR(&tmp, php_anp_keys[php_anp_block_types[type]]);
	append(ht, PHP_ANP_KEY_TYPE, &tmp);
	return ht;
}

static void on_block(void *ctx, const anp_block *block)
{
	builder *b = ctx;
	zval zblock, tmp;
	HashTable *ht;

	switch (block->type) {
		case ANP_BLOCK_PARAGRAPH:
		case ANP_BLOCK_HEADING:
			ht = new_block(&zblock, block->type, 2);
			set_string(&tmp, block->text);
			append(ht, PHP_ANP_KEY_TEXT, &tmp);
			break;
		case ANP_BLOCK_CODE:
			ht = new_block(&zblock, block->type, 3);
			set_string(&tmp, block->text);
			append(ht, PHP_ANP_KEY_TEXT, &tmp);
			/* the language is meta's code_language, which comes later */
			ZVAL_NULL(&tmp);
			append(ht, PHP_ANP_KEY_LANGUAGE, &tmp);
			b->has_code = true;
			break;
		case ANP_BLOCK_IMAGE:
			ht = new_block(&zblock, block->type, 4);
			set_string(&tmp, block->text);
			append(ht, PHP_ANP_KEY_ALT, &tmp);
			set_string(&tmp, block->source);
			append(ht, PHP_ANP_KEY_SOURCE, &tmp);
			/* the URL is in meta's image_sources, which comes later */
			ZVAL_NULL(&tmp);
			append(ht, PHP_ANP_KEY_URL, &tmp);
			b->has_image = true;
			break;
		case ANP_BLOCK_LIST: {
			zval items;
			ht = new_block(&zblock, block->type, 2);
			/* packed, at its final size: filled in place without growing */
			array_init_size(&items, (uint32_t)block->item_count);
			zend_hash_real_init_packed(Z_ARRVAL(items));
			ZEND_HASH_FILL_PACKED(Z_ARRVAL(items)) {
				for (size_t i = 0; i < block->item_count; i++) {
					set_string(&tmp, block->items[i]);
					ZEND_HASH_FILL_ADD(&tmp);
				}
			} ZEND_HASH_FILL_END();
			append(ht, PHP_ANP_KEY_ITEMS, &items);
			break;
		}
	}
	zend_hash_next_index_insert_new(Z_ARRVAL(b->blocks), &zblock);
}

static void on_scalar_field(void *ctx, const anp_key *field, const anp_value *value)
{
	builder *b = ctx;
	zval zv;
	set_value(&zv, value);
	store(Z_ARRVAL(b->meta), field, &zv);
}

static void on_field_begin(void *ctx, const anp_key *field, anp_shape shape, size_t count)
{
	builder *b = ctx;
	/* at its final size (the parser counted the items): no rehash while filling */
	array_init_size(&b->field, (uint32_t)count);
	if (shape == ANP_SHAPE_MAP) {
		zend_hash_real_init_mixed(Z_ARRVAL(b->field));
	} else {
		zend_hash_real_init_packed(Z_ARRVAL(b->field));
	}
	b->field_name = key_string(field);
}

static void on_object_begin(void *ctx, size_t count)
{
	builder *b = ctx;
	new_record(&b->object, (uint32_t)count);
}

static void on_entry(void *ctx, const anp_key *key, const anp_value *value)
{
	builder *b = ctx;
	zval zv;
	set_value(&zv, value);
	if (!key) {
		zend_hash_next_index_insert_new(Z_ARRVAL(b->field), &zv);
	} else {
		store(Z_TYPE(b->object) == IS_ARRAY ? Z_ARRVAL(b->object) : Z_ARRVAL(b->field), key, &zv);
	}
}

static void on_object_end(void *ctx)
{
	builder *b = ctx;
	zend_hash_next_index_insert_new(Z_ARRVAL(b->field), &b->object);
	ZVAL_UNDEF(&b->object);
}

static void on_field_end(void *ctx)
{
	builder *b = ctx;
	zend_symtable_update(Z_ARRVAL(b->meta), b->field_name, &b->field);
	zend_string_release(b->field_name);
	b->field_name = NULL;
	ZVAL_UNDEF(&b->field);
}

static void on_similar(void *ctx, anp_str title, size_t line)
{
	builder *b = ctx;
	zval zv;
	(void)line;
	set_string(&zv, title);
	zend_hash_next_index_insert_new(Z_ARRVAL(b->similar), &zv);
}

static void on_unparsed(void *ctx, anp_str text, size_t line)
{
	builder *b = ctx;
	zval record, tmp;
	HashTable *ht = new_record(&record, 2);
	ZVAL_LONG(&tmp, (zend_long)line);
	append(ht, PHP_ANP_KEY_LINE, &tmp);
	set_string(&tmp, text);
	append(ht, PHP_ANP_KEY_TEXT, &tmp);
	zend_hash_next_index_insert_new(Z_ARRVAL(b->unparsed), &record);
}

static void on_warning(void *ctx, anp_warning_code code, anp_str message, size_t line)
{
	builder *b = ctx;
	zval record, tmp;
	HashTable *ht = new_record(&record, 3);
	ZVAL_LONG(&tmp, (zend_long)line);
	append(ht, PHP_ANP_KEY_LINE, &tmp);
	ZVAL_INTERNED_STR(&tmp, php_anp_warning_codes[code]);
	append(ht, PHP_ANP_KEY_CODE, &tmp);
	set_string(&tmp, message);
	append(ht, PHP_ANP_KEY_MESSAGE, &tmp);
	zend_hash_next_index_insert_new(Z_ARRVAL(b->warnings), &record);
}

/* No error callback: anp_parser_run() returns the error, and the caller throws. */
static const anp_callbacks builder_callbacks = {
	.title        = on_title,
	.block        = on_block,
	.scalar_field = on_scalar_field,
	.field_begin  = on_field_begin,
	.object_begin = on_object_begin,
	.entry        = on_entry,
	.object_end   = on_object_end,
	.field_end    = on_field_end,
	.similar      = on_similar,
	.unparsed     = on_unparsed,
	.warning      = on_warning,
};

/* Caption => URL (or null) of the first meta.image_sources object with that
 * caption: built once, so that a file with many images and many sources is
 * not searched quadratically. NULL when there are no sources. */
static HashTable *image_urls_by_caption(HashTable *meta)
{
	zval *sources = zend_hash_find(meta, php_anp_names[ANP_NAME_IMAGE_SOURCES]);
	zval *source, none;
	if (!sources || Z_TYPE_P(sources) != IS_ARRAY) {
		return NULL;
	}
	HashTable *urls = zend_new_array(zend_hash_num_elements(Z_ARRVAL_P(sources)));
	ZVAL_NULL(&none);
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(sources), source) {
		zval *caption = Z_TYPE_P(source) == IS_ARRAY ? zend_hash_find(Z_ARRVAL_P(source), php_anp_keys[PHP_ANP_KEY_CAPTION]) : NULL;
		if (caption && Z_TYPE_P(caption) == IS_STRING) {
			zval *url = zend_hash_find(Z_ARRVAL_P(source), php_anp_keys[PHP_ANP_KEY_URL]);
			if (zend_hash_add(urls, Z_STR_P(caption), url ? url : &none)) {
				Z_TRY_ADDREF_P(url ? url : &none);
			}
		}
	} ZEND_HASH_FOREACH_END();
	return urls;
}

/* Fills what blocks take from meta, which is complete only at the end. */
static void resolve_blocks(builder *b)
{
	HashTable *meta = Z_ARRVAL(b->meta);
	zval *language = zend_hash_find(meta, php_anp_names[ANP_NAME_CODE_LANGUAGE]);
	HashTable *urls = b->has_image ? image_urls_by_caption(meta) : NULL;
	zval *block;
	if (language && (Z_TYPE_P(language) != IS_STRING || Z_STRLEN_P(language) == 0)) {
		language = NULL;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(b->blocks), block) {
		HashTable *ht = Z_ARRVAL_P(block);
		zend_string *type = Z_STR_P(zend_hash_find_known_hash(ht, php_anp_keys[PHP_ANP_KEY_TYPE]));
		if (type == php_anp_keys[PHP_ANP_TYPE_CODE] && language) {
			Z_TRY_ADDREF_P(language);
			zend_hash_update(ht, php_anp_keys[PHP_ANP_KEY_LANGUAGE], language);
		} else if (type == php_anp_keys[PHP_ANP_TYPE_IMAGE] && urls) {
			zval *url = zend_hash_find(urls, Z_STR_P(zend_hash_find_known_hash(ht, php_anp_keys[PHP_ANP_KEY_ALT])));
			if (url) {
				Z_TRY_ADDREF_P(url);
				zend_hash_update(ht, php_anp_keys[PHP_ANP_KEY_URL], url);
			}
		}
	} ZEND_HASH_FOREACH_END();
	if (urls) {
		zend_array_destroy(urls);
	}
}

static void builder_init(builder *b)
{
	memset(b, 0, sizeof(*b));
	ZVAL_UNDEF(&b->title);
	array_init(&b->blocks);
	array_init(&b->meta);
	array_init(&b->similar);
	array_init(&b->unparsed);
	array_init(&b->warnings);
	ZVAL_UNDEF(&b->field);
	ZVAL_UNDEF(&b->object);
}

static void builder_destroy(builder *b)
{
	zval *owned[] = { &b->title, &b->blocks, &b->meta, &b->similar, &b->unparsed, &b->warnings, &b->field, &b->object };
	for (size_t i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
		zval_ptr_dtor(owned[i]);
	}
	if (b->field_name) {
		zend_string_release(b->field_name);
	}
}

/* Moves the parts into `result`, in the order the spec gives. */
static void builder_finish(builder *b, zval *result)
{
	if (b->has_code || b->has_image) {
		resolve_blocks(b);
	}
	HashTable *ht = new_record(result, 6);
	append(ht, PHP_ANP_KEY_TITLE, &b->title);
	append(ht, PHP_ANP_KEY_BLOCKS, &b->blocks);
	append(ht, PHP_ANP_KEY_META, &b->meta);
	append(ht, PHP_ANP_KEY_SIMILAR, &b->similar);
	append(ht, PHP_ANP_KEY_UNPARSED, &b->unparsed);
	append(ht, PHP_ANP_KEY_WARNINGS, &b->warnings);
}

/* ------------------------------------------------------------------------ */
/* Anp\ParseException */

/* The reason is kept apart from the message, so that code that names the
 * input differently (a file for a string) need not cut the message apart. */
static void init_parse_exception(zend_object *ex, zend_string *path, zend_long line, zend_string *reason)
{
	smart_str message = {0};
	zval tmp;

	smart_str_append(&message, path);
	smart_str_appendc(&message, ':');
	smart_str_append_long(&message, line);
	smart_str_appendl(&message, ": ", 2);
	smart_str_append(&message, reason);
	ZVAL_STR(&tmp, smart_str_extract(&message));
	zend_update_property_ex(zend_ce_exception, ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), &tmp);
	zval_ptr_dtor(&tmp);

	ZVAL_STR(&tmp, path);
	zend_update_property_ex(php_anp_parse_exception_ce, ex, php_anp_keys[PHP_ANP_KEY_PATH], &tmp);
	ZVAL_LONG(&tmp, line);
	zend_update_property_ex(php_anp_parse_exception_ce, ex, php_anp_keys[PHP_ANP_KEY_INPUT_LINE], &tmp);
	ZVAL_STR(&tmp, reason);
	zend_update_property_ex(php_anp_parse_exception_ce, ex, php_anp_keys[PHP_ANP_KEY_REASON], &tmp);
}

static void throw_parse_error(zend_string *path, const anp_error *error)
{
	zval ex;
	zend_string *reason = zend_string_init(error->message, strlen(error->message), 0);
	object_init_ex(&ex, php_anp_parse_exception_ce);
	init_parse_exception(Z_OBJ(ex), path, (zend_long)error->line, reason);
	zend_string_release(reason);
	zend_throw_exception_object(&ex);
}

ZEND_METHOD(Anp_ParseException, __construct)
{
	zend_string *path, *reason;
	zend_long line;
	zend_object *previous = NULL;

	ZEND_PARSE_PARAMETERS_START(3, 4)
		Z_PARAM_STR(path)
		Z_PARAM_LONG(line)
		Z_PARAM_STR(reason)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(previous, zend_ce_throwable)
	ZEND_PARSE_PARAMETERS_END();

	init_parse_exception(Z_OBJ_P(ZEND_THIS), path, line, reason);
	if (previous) {
		zval tmp;
		ZVAL_OBJ(&tmp, previous);
		zend_update_property_ex(zend_ce_exception, Z_OBJ_P(ZEND_THIS), ZSTR_KNOWN(ZEND_STR_PREVIOUS), &tmp);
	}
}

ZEND_METHOD(Anp_ParseException, getPath)
{
	zval rv;
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(zend_read_property_ex(php_anp_parse_exception_ce, Z_OBJ_P(ZEND_THIS), php_anp_keys[PHP_ANP_KEY_PATH], 0, &rv));
}

ZEND_METHOD(Anp_ParseException, getInputLine)
{
	zval rv;
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(zend_read_property_ex(php_anp_parse_exception_ce, Z_OBJ_P(ZEND_THIS), php_anp_keys[PHP_ANP_KEY_INPUT_LINE], 0, &rv));
}

ZEND_METHOD(Anp_ParseException, getReason)
{
	zval rv;
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_COPY_DEREF(zend_read_property_ex(php_anp_parse_exception_ce, Z_OBJ_P(ZEND_THIS), php_anp_keys[PHP_ANP_KEY_REASON], 0, &rv));
}

/* ------------------------------------------------------------------------ */
/* Functions */

static void *php_anp_realloc(void *ptr, size_t size)
{
	/* the Zend allocator: memory_limit applies to what hostile input asks for */
	return erealloc(ptr, size);
}

static void php_anp_free(void *ptr)
{
	efree(ptr);
}

static const anp_allocator php_anp_allocator = {
	.realloc = php_anp_realloc,
	.free    = php_anp_free,
};

static bool parse_options(HashTable *options, anp_options *out)
{
	zend_string *key;
	zend_ulong index;
	zval *value;

	memset(out, 0, sizeof(*out));
	out->allocator = &php_anp_allocator;
	if (!options) {
		return true;
	}
	ZEND_HASH_FOREACH_KEY_VAL(options, index, key, value) {
		ZVAL_DEREF(value);
		if (key && zend_string_equals_literal(key, "max_bytes")) {
			if (Z_TYPE_P(value) != IS_LONG) {
				zend_type_error("%s(): Option \"max_bytes\" must be of type int, %s given",
					get_active_function_name(), zend_zval_type_name(value));
				return false;
			}
			if (Z_LVAL_P(value) <= 0) {
				zend_value_error("%s(): Option \"max_bytes\" must be greater than 0", get_active_function_name());
				return false;
			}
			out->max_bytes = (size_t)Z_LVAL_P(value);
		} else if (key && zend_string_equals_literal(key, "invalid_utf8")) {
			if (Z_TYPE_P(value) != IS_STRING) {
				zend_type_error("%s(): Option \"invalid_utf8\" must be of type string, %s given",
					get_active_function_name(), zend_zval_type_name(value));
				return false;
			}
			if (zend_string_equals_literal(Z_STR_P(value), "substitute")) {
				out->substitute_invalid_utf8 = true;
			} else if (!zend_string_equals_literal(Z_STR_P(value), "error")) {
				zend_value_error("%s(): Option \"invalid_utf8\" must be \"error\" or \"substitute\"", get_active_function_name());
				return false;
			}
		} else if (key) {
			zend_argument_value_error(2, "has an unknown option \"%s\"", ZSTR_VAL(key));
			return false;
		} else {
			zend_argument_value_error(2, "has an unknown option \"" ZEND_ULONG_FMT "\"", index);
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

static void parse_into(const char *input, size_t len, const anp_options *options, zend_string *path, zval *return_value)
{
	builder b;
	anp_error error;

	builder_init(&b);
	if (anp_parser_run(input, len, options, &builder_callbacks, &b, &error) != ANP_OK) {
		builder_destroy(&b);
		throw_parse_error(path, &error);
		return;
	}
	builder_finish(&b, return_value);
}

PHP_FUNCTION(anp_parse)
{
	zend_string *text;
	HashTable *options = NULL;
	anp_options opts;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(text)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	if (!parse_options(options, &opts)) {
		RETURN_THROWS();
	}
	parse_into(ZSTR_VAL(text), ZSTR_LEN(text), &opts, php_anp_keys[PHP_ANP_KEY_INPUT], return_value);
}

static void throw_unreadable(zend_string *path, const char *reason)
{
	anp_error error;
	memset(&error, 0, sizeof(error));
	error.line = 1;
	snprintf(error.message, sizeof(error.message), "%s", reason);
	throw_parse_error(path, &error);
}

#define ANP_UNREADABLE "cannot read the file; expected a readable ANP file"
#define ANP_CHANGED "cannot read the file: its size changed while it was read; expected a readable ANP file"

/* The bytes of a file, read whole: in a string, or, for a large file, in an
 * anonymous mapping of `mapped` bytes. */
typedef struct file_bytes {
	zend_string *string;
	char *mapped_data;
	size_t mapped;
	size_t len;
} file_bytes;

/* Files at least this large are read into memory of their own, asked for
 * huge pages. The Zend allocator maps every block over 2 MiB afresh, and on
 * this kind of machine a page fault per 4 KiB cost more than the parse
 * itself: 50 MB took 0.95 s to read into fresh pages, 27 ms into huge ones. */
#define ANP_HUGE_PAGE ((size_t)2 * 1024 * 1024)
#define ANP_HUGE_READ ((size_t)1024 * 1024)

static char *file_bytes_alloc(file_bytes *bytes, size_t size)
{
	memset(bytes, 0, sizeof(*bytes));
	bytes->len = size;
#ifdef ANP_HUGE_READ_MMAP
	if (size >= ANP_HUGE_READ && size < SIZE_MAX - 2 * ANP_HUGE_PAGE) {
		/* whole huge pages, on a huge page's boundary (the kernel only
		 * backs aligned 2 MiB ranges with them): map one page more, then
		 * give back what lies before and after the aligned range */
		size_t len = (size + ANP_HUGE_PAGE) & ~(ANP_HUGE_PAGE - 1);
		char *raw = mmap(NULL, len + ANP_HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (raw != MAP_FAILED) {
			char *data = (char *)(((uintptr_t)raw + ANP_HUGE_PAGE - 1) & ~(uintptr_t)(ANP_HUGE_PAGE - 1));
			size_t head = (size_t)(data - raw);
			if (head) {
				munmap(raw, head);
			}
			if (ANP_HUGE_PAGE - head) {
				munmap(data + len, ANP_HUGE_PAGE - head);
			}
#ifdef MADV_HUGEPAGE
			madvise(data, len, MADV_HUGEPAGE);
#endif
			bytes->mapped_data = data;
			bytes->mapped = len;
			return data;
		}
	}
#endif
	bytes->string = zend_string_alloc(size, 0);
	return ZSTR_VAL(bytes->string);
}

static void file_bytes_free(file_bytes *bytes)
{
	if (bytes->string) {
		zend_string_release(bytes->string);
	}
#ifdef ANP_HUGE_READ_MMAP
	if (bytes->mapped_data) {
		munmap(bytes->mapped_data, bytes->mapped);
	}
#endif
	memset(bytes, 0, sizeof(*bytes));
}

static const char *file_bytes_data(const file_bytes *bytes)
{
	return bytes->string ? ZSTR_VAL(bytes->string) : bytes->mapped_data;
}

/*
 * Reads the whole stream. With a known size, it reads one byte more than that
 * size: the file is read whole only when exactly `size` bytes came and then
 * the end. A file truncated or grown while it is read is never parsed in
 * part; it is not mapped either, because a mapped file that shrinks kills
 * the process with SIGBUS on the first page past its new end.
 * Returns false, with `*changed` set, when the size did not hold.
 */
static bool read_whole(php_stream *stream, size_t size, size_t max_read, file_bytes *bytes, bool *changed)
{
	*changed = false;
	if (!size) {
		/* no size (a pipe, a /proc file, any stream but a plain file): up
		 * to max_read */
		memset(bytes, 0, sizeof(*bytes));
		bytes->string = php_stream_copy_to_mem(stream, max_read, 0);
		if (!bytes->string) {
			bytes->string = ZSTR_EMPTY_ALLOC();
		}
		bytes->len = ZSTR_LEN(bytes->string);
		return true;
	}
	/* straight into the buffer, not through the stream's 8 KiB buffer */
	if (php_stream_is(stream, PHP_STREAM_IS_STDIO)) {
		php_stream_set_option(stream, PHP_STREAM_OPTION_READ_BUFFER, PHP_STREAM_BUFFER_NONE, NULL);
	}
	char *data = file_bytes_alloc(bytes, size);
	size_t got = 0;
	while (got < size) {
		ssize_t n = php_stream_read(stream, data + got, size - got);
		if (n <= 0) {
			break;
		}
		got += (size_t)n;
	}
	char extra;
	if (got != size || php_stream_read(stream, &extra, 1) > 0) {
		file_bytes_free(bytes);
		*changed = true;
		return false;
	}
	data[size] = '\0';
	return true;
}

/* A regular file opened by the plain-files wrapper, with no read filter:
 * the one kind of stream whose stat size is the number of bytes it reads. */
static bool is_plain_file(php_stream *stream, const php_stream_statbuf *ssb)
{
	return S_ISREG(ssb->sb.st_mode)
		&& php_stream_is(stream, PHP_STREAM_IS_STDIO)
		&& stream->wrapper == &php_plain_files_wrapper
		&& !stream->readfilters.head;
}

PHP_FUNCTION(anp_parse_file)
{
	zend_string *path;
	HashTable *options = NULL;
	anp_options opts;
	anp_error error;
	php_stream_statbuf ssb;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_PATH_STR(path)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	if (!parse_options(options, &opts)) {
		RETURN_THROWS();
	}
	/* through PHP's streams, so open_basedir and stream wrappers apply; no
	 * REPORT_ERRORS, because the exception says what went wrong */
	php_stream *stream = php_stream_open_wrapper(ZSTR_VAL(path), "rb", 0, NULL);
	if (!stream) {
		throw_unreadable(path, ANP_UNREADABLE);
		RETURN_THROWS();
	}

	bool has_size = php_stream_stat(stream, &ssb) == 0;
	if (has_size && S_ISDIR(ssb.sb.st_mode)) {
		php_stream_close(stream);
		throw_unreadable(path, ANP_UNREADABLE);
		RETURN_THROWS();
	}
	/* only a plain file's stat tells how many bytes its reads give: through
	 * compress.zlib:// or a php://filter, stat gives the size of the file
	 * underneath, not of what is read, so such a stream is read to its end */
	has_size = has_size && is_plain_file(stream, &ssb);
	/* refuse an oversized file before reading a byte of it */
	if (has_size && anp_parser_check_size((size_t)ssb.sb.st_size, &opts, &error) != ANP_OK) {
		php_stream_close(stream);
		throw_parse_error(path, &error);
		RETURN_THROWS();
	}

	/* a known size is read in one allocation of that size; otherwise one byte
	 * over the limit is enough for the parser to refuse the input */
	size_t max_bytes = opts.max_bytes ? opts.max_bytes : ANP_DEFAULT_MAX_BYTES;
	size_t max_read = max_bytes < SIZE_MAX ? max_bytes + 1 : max_bytes;
	size_t size = has_size && ssb.sb.st_size > 0 ? (size_t)ssb.sb.st_size : 0;
	bool changed;
	file_bytes bytes;
	bool read = read_whole(stream, size, max_read, &bytes, &changed);
	/* a writer still at work when the file was opened leaves it at another
	 * size once it is read: that file was not whole either */
	php_stream_statbuf after;
	if (read && has_size && php_stream_stat(stream, &after) == 0 && after.sb.st_size != ssb.sb.st_size) {
		file_bytes_free(&bytes);
		read = false;
		changed = true;
	}
	php_stream_close(stream);
	if (!read) {
		throw_unreadable(path, changed ? ANP_CHANGED : ANP_UNREADABLE);
		RETURN_THROWS();
	}
	/* a fatal error in the parse (memory_limit) jumps past the code after it:
	 * the mapping is no request memory, and a worker that lives on would
	 * keep it, so it is given back before the jump goes on */
	zend_try {
		parse_into(file_bytes_data(&bytes), bytes.len, &opts, path, return_value);
	} zend_catch {
		file_bytes_free(&bytes);
		zend_bailout();
	} zend_end_try();
	file_bytes_free(&bytes);
}

/* ------------------------------------------------------------------------ */
/* Module */

static zend_string *intern(const char *text, size_t len)
{
	return zend_string_init_interned(text, len, 1);
}

PHP_MINIT_FUNCTION(anp)
{
	for (int i = 0; i < PHP_ANP_KEY_COUNT; i++) {
		php_anp_keys[i] = intern(php_anp_key_texts[i], strlen(php_anp_key_texts[i]));
	}
	for (int i = ANP_NAME_NONE + 1; i < ANP_NAME_COUNT; i++) {
		anp_str name = anp_name_string((anp_name)i);
		php_anp_names[i] = intern(name.ptr, name.len);
	}
	for (int i = 0; i < ANP_WARN_COUNT; i++) {
		anp_str code = anp_warning_code_string((anp_warning_code)i);
		php_anp_warning_codes[i] = intern(code.ptr, code.len);
	}
	php_anp_parse_exception_ce = register_class_Anp_ParseException(spl_ce_RuntimeException);
	php_anp_wxr_minit(register_class_Anp_WxrWriter(), register_class_Anp_WxrException(spl_ce_RuntimeException));
	return SUCCESS;
}

static void dotted_version(char *out, size_t size, const char *libxml_number)
{
	/* libxml2 reports its loaded version as a number such as "20914" */
	long v = strtol(libxml_number, NULL, 10);
	snprintf(out, size, "%ld.%ld.%ld", v / 10000, (v / 100) % 100, v % 100);
}

PHP_MINFO_FUNCTION(anp)
{
	char loaded[32];
	dotted_version(loaded, sizeof(loaded), xmlParserVersion);

	php_info_print_table_start();
	php_info_print_table_row(2, "anp support", "enabled");
	php_info_print_table_row(2, "anp version", PHP_ANP_VERSION);
	php_info_print_table_row(2, "libxml2 compiled version", LIBXML_DOTTED_VERSION);
	php_info_print_table_row(2, "libxml2 loaded version", loaded);
	php_info_print_table_end();
}

static const zend_module_dep anp_deps[] = {
	ZEND_MOD_REQUIRED("libxml")
	ZEND_MOD_REQUIRED("spl")
	ZEND_MOD_END
};

zend_module_entry anp_module_entry = {
	STANDARD_MODULE_HEADER_EX,
	NULL,
	anp_deps,
	"anp",
	ext_functions,
	PHP_MINIT(anp),
	NULL,
	NULL,
	NULL,
	PHP_MINFO(anp),
	PHP_ANP_VERSION,
	STANDARD_MODULE_PROPERTIES
};

#ifdef COMPILE_DL_ANP
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(anp)
#endif
