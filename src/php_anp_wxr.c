/*
 * anp: the Zend binding of the WXR writer core, class Anp\WxrWriter.
 *
 * Thin on purpose: it turns PHP arrays into the core's records (pointers into
 * the arrays' own strings, so nothing is copied), the core's statuses into
 * exceptions, and hands the core's bytes to a PHP stream. The format and the
 * order of calls are the core's (anp_wxr.c, docs/wxr-writer.md).
 *
 * The pointers hold no reference: they are safe because no PHP code runs
 * while a record is read. The core calls the target (wxr_write, where a
 * stream wrapper or a user filter runs PHP code that may change or free the
 * strings) only once a record is written whole, and the conversion runs no
 * user code (objects are refused, never cast).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_streams.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "php_anp.h"
#include "php_anp_wxr.h"
#include "anp_wxr.h"

static zend_class_entry *wxr_writer_ce;
static zend_class_entry *wxr_exception_ce;
static zend_object_handlers wxr_writer_handlers;

typedef struct wxr_object {
	anp_wxr_writer *core;
	/* the target: a stream resource, with a reference of ours so that it
	 * outlives the caller's variable; `own` when we opened it from a path */
	zend_resource *res;
	bool own;
	bool busy;                /* a call is running: a stream wrapper may not call back in */
	zend_string *path;        /* the path we opened, for messages */
	char write_error[512];    /* why the last write failed */
	zend_object std;
} wxr_object;

static inline wxr_object *wxr_from_obj(zend_object *obj)
{
	return (wxr_object *)((char *)obj - XtOffsetOf(wxr_object, std));
}

#define Z_WXR_P(zv) wxr_from_obj(Z_OBJ_P(zv))

/* ------------------------------------------------------------------------ */
/* The target */

/* The stream, or NULL once it was closed (fclose(), or the end of the
 * request, which closes every resource before it frees objects). */
static php_stream *target_stream(wxr_object *o)
{
	if (!o->res || (o->res->type != php_file_le_stream() && o->res->type != php_file_le_pstream())) {
		return NULL;
	}
	return (php_stream *)o->res->ptr;
}

static const char *target_name(wxr_object *o)
{
	return o->path ? ZSTR_VAL(o->path) : "the target stream";
}

static int wxr_write(void *ctx, const char *buf, size_t len)
{
	wxr_object *o = ctx;
	php_stream *stream = target_stream(o);
	if (!stream) {
		snprintf(o->write_error, sizeof(o->write_error), "cannot write to %s: it was closed", target_name(o));
		return -1;
	}
	while (len) {
		ssize_t n = php_stream_write(stream, buf, len);
		/* a stream wrapper's stream_write() that threw fails the write too */
		if (n <= 0 || EG(exception)) {
			snprintf(o->write_error, sizeof(o->write_error), "cannot write %zu bytes to %s", len, target_name(o));
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Closes a stream we opened, and lets go of the resource. */
static void release_target(wxr_object *o)
{
	if (!o->res) {
		return;
	}
	zend_resource *res = o->res;
	o->res = NULL;
	if (o->own) {
		php_stream *stream = res->type == php_file_le_stream() || res->type == php_file_le_pstream()
			? (php_stream *)res->ptr : NULL;
		if (stream) {
			php_stream_close(stream);
		}
	}
	zend_list_delete(res);
}

/* ------------------------------------------------------------------------ */
/* Errors */

static void throw_wxr(const char *field, const char *message)
{
	zend_object *ex = zend_throw_exception(wxr_exception_ce, message, 0);
	zend_update_property_string(wxr_exception_ce, ex, "field", sizeof("field") - 1, field);
}

static void throw_status(wxr_object *o, anp_wxr_status st, const anp_wxr_error *error)
{
	switch (st) {
		case ANP_WXR_OK:
			return;
		case ANP_WXR_ERR_ORDER:
			zend_throw_exception_ex(spl_ce_LogicException, 0, "Anp\\WxrWriter::%s", error->message);
			return;
		case ANP_WXR_ERR_WRITE:
			throw_wxr("target", o->write_error[0] ? o->write_error : error->message);
			return;
		default:
			throw_wxr(error->field, error->message);
			return;
	}
}

/* Every method but the constructor: a constructed writer, not in a call. */
static wxr_object *enter(zval *this_zv)
{
	wxr_object *o = Z_WXR_P(this_zv);
	if (!o->core) {
		zend_throw_error(NULL, "Anp\\WxrWriter::%s(): the writer was not constructed", get_active_function_name());
		return NULL;
	}
	if (o->busy) {
		zend_throw_exception_ex(spl_ce_LogicException, 0,
			"Anp\\WxrWriter::%s() called while the writer is writing (from its target stream)", get_active_function_name());
		return NULL;
	}
	return o;
}

/* ------------------------------------------------------------------------ */
/* Arrays into records */

typedef struct conv {
	const char *arg;          /* the argument's name, for TypeErrors */
	zend_string **strings;    /* strings made for non-string values */
	size_t nstrings, cap_strings;
	void **blocks;            /* the records' lists */
	size_t nblocks, cap_blocks;
} conv;

static void conv_init(conv *c, const char *arg)
{
	memset(c, 0, sizeof(*c));
	c->arg = arg;
}

static void conv_free(conv *c)
{
	for (size_t i = 0; i < c->nstrings; i++) {
		zend_string_release(c->strings[i]);
	}
	for (size_t i = 0; i < c->nblocks; i++) {
		efree(c->blocks[i]);
	}
	if (c->strings) {
		efree(c->strings);
	}
	if (c->blocks) {
		efree(c->blocks);
	}
}

static void keep_string(conv *c, zend_string *s)
{
	if (c->nstrings == c->cap_strings) {
		c->cap_strings = c->cap_strings ? c->cap_strings * 2 : 8;
		c->strings = safe_erealloc(c->strings, c->cap_strings, sizeof(*c->strings), 0);
	}
	c->strings[c->nstrings++] = s;
}

static void *alloc_block(conv *c, size_t count, size_t size)
{
	if (c->nblocks == c->cap_blocks) {
		c->cap_blocks = c->cap_blocks ? c->cap_blocks * 2 : 8;
		c->blocks = safe_erealloc(c->blocks, c->cap_blocks, sizeof(*c->blocks), 0);
	}
	void *p = safe_emalloc(count ? count : 1, size, 0);
	memset(p, 0, (count ? count : 1) * size);
	c->blocks[c->nblocks++] = p;
	return p;
}

/* The keys the records read, made once at MINIT as interned strings, so
 * that each lookup uses the hash computed then (zend_hash_find_known_hash)
 * instead of measuring and hashing the key again: an item reads over a
 * hundred keys, counting its meta and categories. */
#define WXR_KEYS(X) \
	X(title) X(link) X(description) X(pubDate) X(language) X(base_site_url) X(base_blog_url) \
	X(generator) X(created) X(generator_url) \
	X(id) X(login) X(email) X(display_name) X(first_name) X(last_name) \
	X(term_id) X(taxonomy) X(slug) X(parent) X(name) X(meta) X(key) X(value) \
	X(domain) X(nicename) \
	X(creator) X(guid) X(content) X(excerpt) X(post_id) X(post_date) X(post_date_gmt) \
	X(post_modified) X(post_modified_gmt) X(comment_status) X(ping_status) X(post_name) \
	X(status) X(post_parent) X(menu_order) X(post_type) X(post_password) X(is_sticky) \
	X(attachment_url) X(categories) X(comments) \
	X(author) X(author_email) X(author_url) X(author_ip) X(date) X(date_gmt) X(approved) \
	X(type) X(user_id)

#define WXR_KEY_ENUM(k) KEY_##k,
enum { WXR_KEYS(WXR_KEY_ENUM) KEY_COUNT };
#define WXR_KEY_NAME(k) #k,
static const char *const key_names[] = { WXR_KEYS(WXR_KEY_NAME) };
static zend_string *keys[KEY_COUNT];

#define K(k) keys[KEY_##k]

/* Where a record stands in the argument, for TypeErrors: the list and the
 * index of each level ("comments[0].meta[1]."), NULL at the top. Kept as a
 * chain and put into words only when an error needs it: formatting it for
 * every element of every list cost as much as reading the element. */
typedef struct wxr_at {
	const struct wxr_at *up;
	const char *list;
	size_t index;
} wxr_at;

static void format_at(const wxr_at *at, char *out, size_t size)
{
	if (!at) {
		snprintf(out, size, "%s", "");
		return;
	}
	char up[128];
	format_at(at->up, up, sizeof(up));
	snprintf(out, size, "%s%s[%zu].", up, at->list, at->index);
}

static void type_error_named(conv *c, const char *name, const char *expected, zval *given)
{
	zend_type_error("Anp\\WxrWriter::%s(): Argument #1 ($%s) key \"%s\" must be %s, %s given",
		get_active_function_name(), c->arg, name, expected, zend_zval_type_name(given));
}

static void type_error(conv *c, const wxr_at *at, zend_string *key, const char *expected, zval *given)
{
	char prefix[128], name[256];
	format_at(at, prefix, sizeof(prefix));
	snprintf(name, sizeof(name), "%s%s", prefix, ZSTR_VAL(key));
	type_error_named(c, name, expected, given);
}

/* The value at `key`, or NULL when missing or null. */
static zval *find(HashTable *ht, zend_string *key)
{
	zval *zv = zend_hash_find_known_hash(ht, key);
	if (zv && Z_TYPE_P(zv) == IS_INDIRECT) {
		zv = Z_INDIRECT_P(zv);
	}
	if (zv) {
		ZVAL_DEREF(zv);
	}
	if (!zv || Z_TYPE_P(zv) == IS_UNDEF || Z_TYPE_P(zv) == IS_NULL) {
		return NULL;
	}
	return zv;
}

/* A string value: a string as it is; an int, float or bool as (string)
 * writes it; missing or null is "". */
static bool get_str(conv *c, HashTable *ht, const wxr_at *at, zend_string *key, anp_wxr_str *out)
{
	zval *zv = find(ht, key);
	out->ptr = "";
	out->len = 0;
	if (!zv) {
		return true;
	}
	switch (Z_TYPE_P(zv)) {
		case IS_STRING:
			out->ptr = Z_STRVAL_P(zv);
			out->len = Z_STRLEN_P(zv);
			return true;
		case IS_LONG:
		case IS_DOUBLE:
		case IS_TRUE:
		case IS_FALSE: {
			zend_string *s = zval_get_string(zv);
			keep_string(c, s);
			out->ptr = ZSTR_VAL(s);
			out->len = ZSTR_LEN(s);
			return true;
		}
		default:
			type_error(c, at, key, "of type string", zv);
			return false;
	}
}

/* An int value: an int, a bool, or a string PHP reads as an integer;
 * missing or null is 0. */
static bool get_int(conv *c, HashTable *ht, const wxr_at *at, zend_string *key, int64_t *out)
{
	zval *zv = find(ht, key);
	*out = 0;
	if (!zv) {
		return true;
	}
	switch (Z_TYPE_P(zv)) {
		case IS_LONG:
			*out = (int64_t)Z_LVAL_P(zv);
			return true;
		case IS_TRUE:
			*out = 1;
			return true;
		case IS_FALSE:
			return true;
		case IS_STRING: {
			zend_long l;
			if (is_numeric_string(Z_STRVAL_P(zv), Z_STRLEN_P(zv), &l, NULL, false) == IS_LONG) {
				*out = (int64_t)l;
				return true;
			}
			break;
		}
	}
	type_error(c, at, key, "an integer or a string of one", zv);
	return false;
}

/* A list: its array, or NULL (with *count 0) when missing or null. */
static bool get_list(conv *c, HashTable *ht, const wxr_at *at, zend_string *key, HashTable **out, size_t *count)
{
	zval *zv = find(ht, key);
	*out = NULL;
	*count = 0;
	if (!zv) {
		return true;
	}
	if (Z_TYPE_P(zv) != IS_ARRAY) {
		type_error(c, at, key, "of type array", zv);
		return false;
	}
	*out = Z_ARRVAL_P(zv);
	*count = zend_hash_num_elements(*out);
	return true;
}

/* Each element of a list as an array; `fn` fills record i from it. */
typedef bool (*element_fn)(conv *c, HashTable *ht, const wxr_at *at, void *records, size_t i);

static bool each_element(conv *c, HashTable *list, const wxr_at *at, zend_string *key, void *records, element_fn fn)
{
	wxr_at elem = { at, ZSTR_VAL(key), 0 };
	zval *zv;
	ZEND_HASH_FOREACH_VAL(list, zv) {
		ZVAL_DEREF(zv);
		if (Z_TYPE_P(zv) != IS_ARRAY) {
			char prefix[128], name[256];
			format_at(at, prefix, sizeof(prefix));
			snprintf(name, sizeof(name), "%s%s[%zu]", prefix, ZSTR_VAL(key), elem.index);
			type_error_named(c, name, "of type array", zv);
			return false;
		}
		if (!fn(c, Z_ARRVAL_P(zv), &elem, records, elem.index)) {
			return false;
		}
		elem.index++;
	} ZEND_HASH_FOREACH_END();
	return true;
}

static bool meta_element(conv *c, HashTable *ht, const wxr_at *at, void *records, size_t i)
{
	anp_wxr_meta *m = &((anp_wxr_meta *)records)[i];
	return get_str(c, ht, at, K(key), &m->key) && get_str(c, ht, at, K(value), &m->value);
}

static bool get_meta(conv *c, HashTable *ht, const wxr_at *at, const anp_wxr_meta **out, size_t *count)
{
	HashTable *list;
	*out = NULL;
	if (!get_list(c, ht, at, K(meta), &list, count)) {
		return false;
	}
	if (!*count) {
		return true;
	}
	anp_wxr_meta *meta = alloc_block(c, *count, sizeof(*meta));
	*out = meta;
	return each_element(c, list, at, K(meta), meta, meta_element);
}

static bool channel_from(conv *c, HashTable *ht, anp_wxr_channel *ch)
{
	memset(ch, 0, sizeof(*ch));
	return get_str(c, ht, NULL, K(title), &ch->title)
		&& get_str(c, ht, NULL, K(link), &ch->link)
		&& get_str(c, ht, NULL, K(description), &ch->description)
		&& get_str(c, ht, NULL, K(pubDate), &ch->pub_date)
		&& get_str(c, ht, NULL, K(language), &ch->language)
		&& get_str(c, ht, NULL, K(base_site_url), &ch->base_site_url)
		&& get_str(c, ht, NULL, K(base_blog_url), &ch->base_blog_url)
		&& get_str(c, ht, NULL, K(generator), &ch->generator)
		&& get_str(c, ht, NULL, K(created), &ch->created)
		&& get_str(c, ht, NULL, K(generator_url), &ch->generator_url);
}

static bool author_from(conv *c, HashTable *ht, anp_wxr_author *a)
{
	memset(a, 0, sizeof(*a));
	return get_int(c, ht, NULL, K(id), &a->id)
		&& get_str(c, ht, NULL, K(login), &a->login)
		&& get_str(c, ht, NULL, K(email), &a->email)
		&& get_str(c, ht, NULL, K(display_name), &a->display_name)
		&& get_str(c, ht, NULL, K(first_name), &a->first_name)
		&& get_str(c, ht, NULL, K(last_name), &a->last_name);
}

/* Only the keys the record has are read: a tag has no parent, only a term
 * has a taxonomy. */
static bool term_from(conv *c, HashTable *ht, anp_wxr_term *t, bool has_parent, bool has_taxonomy)
{
	memset(t, 0, sizeof(*t));
	return get_int(c, ht, NULL, K(term_id), &t->term_id)
		&& (!has_taxonomy || get_str(c, ht, NULL, K(taxonomy), &t->taxonomy))
		&& get_str(c, ht, NULL, K(slug), &t->slug)
		&& (!has_parent || get_str(c, ht, NULL, K(parent), &t->parent))
		&& get_str(c, ht, NULL, K(name), &t->name)
		&& get_str(c, ht, NULL, K(description), &t->description)
		&& get_meta(c, ht, NULL, &t->meta, &t->meta_count);
}

static bool category_element(conv *c, HashTable *ht, const wxr_at *at, void *records, size_t i)
{
	anp_wxr_item_term *t = &((anp_wxr_item_term *)records)[i];
	return get_str(c, ht, at, K(domain), &t->domain)
		&& get_str(c, ht, at, K(nicename), &t->nicename)
		&& get_str(c, ht, at, K(name), &t->name);
}

static bool comment_element(conv *c, HashTable *ht, const wxr_at *at, void *records, size_t i)
{
	anp_wxr_comment *m = &((anp_wxr_comment *)records)[i];
	return get_int(c, ht, at, K(id), &m->id)
		&& get_str(c, ht, at, K(author), &m->author)
		&& get_str(c, ht, at, K(author_email), &m->author_email)
		&& get_str(c, ht, at, K(author_url), &m->author_url)
		&& get_str(c, ht, at, K(author_ip), &m->author_ip)
		&& get_str(c, ht, at, K(date), &m->date)
		&& get_str(c, ht, at, K(date_gmt), &m->date_gmt)
		&& get_str(c, ht, at, K(content), &m->content)
		&& get_str(c, ht, at, K(approved), &m->approved)
		&& get_str(c, ht, at, K(type), &m->type)
		&& get_int(c, ht, at, K(parent), &m->parent)
		&& get_int(c, ht, at, K(user_id), &m->user_id)
		&& get_meta(c, ht, at, &m->meta, &m->meta_count);
}

static bool item_from(conv *c, HashTable *ht, anp_wxr_item *it)
{
	memset(it, 0, sizeof(*it));
	bool ok = get_str(c, ht, NULL, K(title), &it->title)
		&& get_str(c, ht, NULL, K(link), &it->link)
		&& get_str(c, ht, NULL, K(pubDate), &it->pub_date)
		&& get_str(c, ht, NULL, K(creator), &it->creator)
		&& get_str(c, ht, NULL, K(guid), &it->guid)
		&& get_str(c, ht, NULL, K(content), &it->content)
		&& get_str(c, ht, NULL, K(excerpt), &it->excerpt)
		&& get_int(c, ht, NULL, K(post_id), &it->post_id)
		&& get_str(c, ht, NULL, K(post_date), &it->post_date)
		&& get_str(c, ht, NULL, K(post_date_gmt), &it->post_date_gmt)
		&& get_str(c, ht, NULL, K(post_modified), &it->post_modified)
		&& get_str(c, ht, NULL, K(post_modified_gmt), &it->post_modified_gmt)
		&& get_str(c, ht, NULL, K(comment_status), &it->comment_status)
		&& get_str(c, ht, NULL, K(ping_status), &it->ping_status)
		&& get_str(c, ht, NULL, K(post_name), &it->post_name)
		&& get_str(c, ht, NULL, K(status), &it->status)
		&& get_int(c, ht, NULL, K(post_parent), &it->post_parent)
		&& get_int(c, ht, NULL, K(menu_order), &it->menu_order)
		&& get_str(c, ht, NULL, K(post_type), &it->post_type)
		&& get_str(c, ht, NULL, K(post_password), &it->post_password)
		&& get_int(c, ht, NULL, K(is_sticky), &it->is_sticky);
	if (!ok) {
		return false;
	}
	/* written only when the key is there and not null */
	it->has_attachment_url = find(ht, K(attachment_url)) != NULL;
	if (it->has_attachment_url && !get_str(c, ht, NULL, K(attachment_url), &it->attachment_url)) {
		return false;
	}
	HashTable *list;
	if (!get_list(c, ht, NULL, K(categories), &list, &it->category_count)) {
		return false;
	}
	if (it->category_count) {
		anp_wxr_item_term *cats = alloc_block(c, it->category_count, sizeof(*cats));
		it->categories = cats;
		if (!each_element(c, list, NULL, K(categories), cats, category_element)) {
			return false;
		}
	}
	if (!get_meta(c, ht, NULL, &it->meta, &it->meta_count)) {
		return false;
	}
	if (!get_list(c, ht, NULL, K(comments), &list, &it->comment_count)) {
		return false;
	}
	if (it->comment_count) {
		anp_wxr_comment *comments = alloc_block(c, it->comment_count, sizeof(*comments));
		it->comments = comments;
		if (!each_element(c, list, NULL, K(comments), comments, comment_element)) {
			return false;
		}
	}
	return true;
}

/* ------------------------------------------------------------------------ */
/* Methods */

ZEND_METHOD(Anp_WxrWriter, __construct)
{
	zval *target;
	bool items_only = false;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ZVAL(target)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(items_only)
	ZEND_PARSE_PARAMETERS_END();

	wxr_object *o = Z_WXR_P(ZEND_THIS);
	if (o->core || o->res) {
		zend_throw_error(NULL, "Anp\\WxrWriter::__construct(): the writer is already constructed");
		RETURN_THROWS();
	}
	ZVAL_DEREF(target);
	if (Z_TYPE_P(target) == IS_STRING) {
		if (zend_str_has_nul_byte(Z_STR_P(target))) {
			zend_argument_value_error(1, "must not contain any null bytes");
			RETURN_THROWS();
		}
		/* through PHP's streams, so open_basedir and wrappers apply; no
		 * REPORT_ERRORS: the exception says what went wrong */
		php_stream *stream = php_stream_open_wrapper(Z_STRVAL_P(target), "wb", 0, NULL);
		if (!stream) {
			char message[512];
			snprintf(message, sizeof(message), "cannot open \"%s\" for writing", Z_STRVAL_P(target));
			throw_wxr("target", message);
			RETURN_THROWS();
		}
		o->res = stream->res;
		GC_ADDREF(o->res);
		o->own = true;
		o->path = zend_string_copy(Z_STR_P(target));
	} else if (Z_TYPE_P(target) == IS_RESOURCE
		&& (Z_RES_P(target)->type == php_file_le_stream() || Z_RES_P(target)->type == php_file_le_pstream())) {
		php_stream *stream = (php_stream *)Z_RES_P(target)->ptr;
		if (!strpbrk(stream->mode, "waxc+")) {
			throw_wxr("target", "the target stream is not open for writing");
			RETURN_THROWS();
		}
		o->res = Z_RES_P(target);
		GC_ADDREF(o->res);
	} else {
		zend_argument_type_error(1, "must be a path or a stream resource, %s given", zend_zval_type_name(target));
		RETURN_THROWS();
	}
	o->core = anp_wxr_new(wxr_write, o, items_only);
	if (!o->core) {
		release_target(o);
		throw_wxr("target", "out of memory");
		RETURN_THROWS();
	}
}

/* Runs one core call, guarded against a stream wrapper calling back in. */
#define CORE_CALL(o, call) do { \
		(o)->busy = true; \
		(o)->write_error[0] = '\0'; \
		anp_wxr_status st_ = (call); \
		(o)->busy = false; \
		if (st_ != ANP_WXR_OK) { \
			throw_status((o), st_, &error); \
		} \
	} while (0)

#define HEADER_METHOD(method, ctype, from, core_fn, arg) \
	ZEND_METHOD(Anp_WxrWriter, method) \
	{ \
		HashTable *ht; \
		ZEND_PARSE_PARAMETERS_START(1, 1) \
			Z_PARAM_ARRAY_HT(ht) \
		ZEND_PARSE_PARAMETERS_END(); \
		wxr_object *o = enter(ZEND_THIS); \
		if (!o) { \
			RETURN_THROWS(); \
		} \
		conv c; \
		ctype record; \
		anp_wxr_error error; \
		conv_init(&c, arg); \
		if (from) { \
			CORE_CALL(o, core_fn(o->core, &record, &error)); \
		} \
		conv_free(&c); \
	}

HEADER_METHOD(startChannel, anp_wxr_channel, channel_from(&c, ht, &record), anp_wxr_start_channel, "channel")
HEADER_METHOD(writeAuthor, anp_wxr_author, author_from(&c, ht, &record), anp_wxr_write_author, "author")
HEADER_METHOD(writeCategory, anp_wxr_term, term_from(&c, ht, &record, true, false), anp_wxr_write_category, "term")
HEADER_METHOD(writeTag, anp_wxr_term, term_from(&c, ht, &record, false, false), anp_wxr_write_tag, "term")
HEADER_METHOD(writeTerm, anp_wxr_term, term_from(&c, ht, &record, true, true), anp_wxr_write_term, "term")

ZEND_METHOD(Anp_WxrWriter, beginItems)
{
	ZEND_PARSE_PARAMETERS_NONE();
	wxr_object *o = enter(ZEND_THIS);
	if (!o) {
		RETURN_THROWS();
	}
	anp_wxr_error error;
	CORE_CALL(o, anp_wxr_begin_items(o->core, &error));
}

ZEND_METHOD(Anp_WxrWriter, writeItem)
{
	HashTable *ht;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(ht)
	ZEND_PARSE_PARAMETERS_END();
	wxr_object *o = enter(ZEND_THIS);
	if (!o) {
		RETURN_THROWS();
	}
	conv c;
	anp_wxr_item item;
	anp_wxr_error error;
	uint64_t dropped = 0;
	conv_init(&c, "item");
	if (item_from(&c, ht, &item)) {
		CORE_CALL(o, anp_wxr_write_item(o->core, &item, &dropped, &error));
	}
	conv_free(&c);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)dropped);
}

ZEND_METHOD(Anp_WxrWriter, bytes)
{
	ZEND_PARSE_PARAMETERS_NONE();
	wxr_object *o = enter(ZEND_THIS);
	if (!o) {
		RETURN_THROWS();
	}
	anp_wxr_error error;
	uint64_t bytes = 0;
	CORE_CALL(o, anp_wxr_bytes(o->core, &bytes, &error));
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)bytes);
}

ZEND_METHOD(Anp_WxrWriter, finish)
{
	ZEND_PARSE_PARAMETERS_NONE();
	wxr_object *o = enter(ZEND_THIS);
	if (!o) {
		RETURN_THROWS();
	}
	anp_wxr_error error;
	anp_wxr_totals totals;
	CORE_CALL(o, anp_wxr_finish(o->core, &totals, &error));
	if (EG(exception)) {
		RETURN_THROWS();
	}
	/* the target is done with: a path we opened is closed, a stream we
	 * were given is left to its owner */
	release_target(o);
	array_init_size(return_value, 3);
	add_assoc_long(return_value, "items", (zend_long)totals.items);
	add_assoc_long(return_value, "bytes", (zend_long)totals.bytes);
	add_assoc_long(return_value, "dropped", (zend_long)totals.dropped);
}

/* ------------------------------------------------------------------------ */
/* The object */

static zend_object *wxr_create(zend_class_entry *ce)
{
	wxr_object *o = zend_object_alloc(sizeof(wxr_object), ce);
	zend_object_std_init(&o->std, ce);
	object_properties_init(&o->std, ce);
	o->std.handlers = &wxr_writer_handlers;
	return &o->std;
}

/* A writer freed without finish() writes nothing more: the core drops what
 * it still buffers, and a path we opened is closed with what was written. */
static void wxr_free(zend_object *obj)
{
	wxr_object *o = wxr_from_obj(obj);
	anp_wxr_free(o->core);
	o->core = NULL;
	release_target(o);
	if (o->path) {
		zend_string_release(o->path);
		o->path = NULL;
	}
	zend_object_std_dtor(obj);
}

void php_anp_wxr_minit(zend_class_entry *writer_ce, zend_class_entry *exception_ce)
{
	wxr_writer_ce = writer_ce;
	wxr_exception_ce = exception_ce;
	for (size_t i = 0; i < KEY_COUNT; i++) {
		/* permanent (MINIT) interned strings: their hash is computed here */
		keys[i] = zend_string_init_interned(key_names[i], strlen(key_names[i]), 1);
	}
	writer_ce->create_object = wxr_create;
	memcpy(&wxr_writer_handlers, zend_get_std_object_handlers(), sizeof(wxr_writer_handlers));
	wxr_writer_handlers.offset = XtOffsetOf(wxr_object, std);
	wxr_writer_handlers.free_obj = wxr_free;
	wxr_writer_handlers.clone_obj = NULL;
}
