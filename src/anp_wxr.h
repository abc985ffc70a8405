/*
 * anp_wxr: the WXR 1.2 writer core (docs/wxr-writer.md), on libxml2's
 * xmlTextWriter. It knows nothing of PHP: values are (pointer, length) pairs,
 * the output goes to a callback, and errors come back as a status with the
 * field they concern. The binding (php_anp_wxr.c) turns PHP arrays into the
 * records below and statuses into exceptions.
 */
#ifndef ANP_WXR_H
#define ANP_WXR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct anp_wxr_str {
	const char *ptr; /* may be NULL when len is 0 */
	size_t len;
} anp_wxr_str;

typedef struct anp_wxr_meta {
	anp_wxr_str key, value;
} anp_wxr_meta;

typedef struct anp_wxr_channel {
	anp_wxr_str title, link, description, pub_date, language;
	anp_wxr_str base_site_url, base_blog_url;
	anp_wxr_str generator, created, generator_url;
} anp_wxr_channel;

typedef struct anp_wxr_author {
	int64_t id;
	anp_wxr_str login, email, display_name, first_name, last_name;
} anp_wxr_author;

/* A category, a tag or a term: each call reads the fields its element has
 * (a tag has no parent, only a term has a taxonomy). */
typedef struct anp_wxr_term {
	int64_t term_id;
	anp_wxr_str taxonomy, slug, parent, name, description;
	const anp_wxr_meta *meta;
	size_t meta_count;
} anp_wxr_term;

typedef struct anp_wxr_item_term {
	anp_wxr_str domain, nicename, name;
} anp_wxr_item_term;

typedef struct anp_wxr_comment {
	int64_t id;
	anp_wxr_str author, author_email, author_url, author_ip, date, date_gmt, content, approved, type;
	int64_t parent, user_id;
	const anp_wxr_meta *meta;
	size_t meta_count;
} anp_wxr_comment;

typedef struct anp_wxr_item {
	anp_wxr_str title, link, pub_date, creator, guid, content, excerpt;
	int64_t post_id;
	anp_wxr_str post_date, post_date_gmt, post_modified, post_modified_gmt;
	anp_wxr_str comment_status, ping_status, post_name, status;
	int64_t post_parent, menu_order;
	anp_wxr_str post_type, post_password;
	int64_t is_sticky;
	bool has_attachment_url;
	anp_wxr_str attachment_url;
	const anp_wxr_item_term *categories;
	size_t category_count;
	const anp_wxr_meta *meta;
	size_t meta_count;
	const anp_wxr_comment *comments;
	size_t comment_count;
} anp_wxr_item;

typedef enum anp_wxr_status {
	ANP_WXR_OK = 0,
	ANP_WXR_ERR_UTF8,   /* a value is not valid UTF-8: field, message */
	ANP_WXR_ERR_VALUE,  /* a value cannot be written (a "--" in the generator comment) */
	ANP_WXR_ERR_ORDER,  /* a call out of order: message names the call */
	ANP_WXR_ERR_WRITE,  /* the target refused bytes, or libxml2 failed: field "target" */
	ANP_WXR_ERR_NOMEM   /* the writer could not be created */
} anp_wxr_status;

typedef struct anp_wxr_error {
	anp_wxr_status status;
	char field[128];   /* "title", "meta[3].value", "channel.title", "target" */
	char message[256];
} anp_wxr_error;

typedef struct anp_wxr_totals {
	uint64_t items, bytes, dropped;
} anp_wxr_totals;

/* Hands `len` bytes to the target; returns 0 when all were written, -1 when
 * not (the writer then fails every later call with ANP_WXR_ERR_WRITE). It is
 * called only between records, never while the writer reads one, so it may
 * change or free what earlier records pointed to. */
typedef int (*anp_wxr_write_fn)(void *ctx, const char *buf, size_t len);

typedef struct anp_wxr_writer anp_wxr_writer;

/* NULL when out of memory. Writes nothing yet. */
anp_wxr_writer *anp_wxr_new(anp_wxr_write_fn write, void *ctx, bool items_only);

anp_wxr_status anp_wxr_start_channel(anp_wxr_writer *w, const anp_wxr_channel *channel, anp_wxr_error *error);
anp_wxr_status anp_wxr_write_author(anp_wxr_writer *w, const anp_wxr_author *author, anp_wxr_error *error);
anp_wxr_status anp_wxr_write_category(anp_wxr_writer *w, const anp_wxr_term *term, anp_wxr_error *error);
anp_wxr_status anp_wxr_write_tag(anp_wxr_writer *w, const anp_wxr_term *term, anp_wxr_error *error);
anp_wxr_status anp_wxr_write_term(anp_wxr_writer *w, const anp_wxr_term *term, anp_wxr_error *error);
/* Writes the header's rest and flushes everything to the target. */
anp_wxr_status anp_wxr_begin_items(anp_wxr_writer *w, anp_wxr_error *error);
/* Checks the whole item, then writes and flushes it; *dropped is the count
 * of characters XML forbids that were left out of it. */
anp_wxr_status anp_wxr_write_item(anp_wxr_writer *w, const anp_wxr_item *item, uint64_t *dropped, anp_wxr_error *error);
/* Flushes what is buffered, then gives the bytes handed to the target. */
anp_wxr_status anp_wxr_bytes(anp_wxr_writer *w, uint64_t *bytes, anp_wxr_error *error);
/* Writes the end (document mode), flushes; later calls are ANP_WXR_ERR_ORDER. */
anp_wxr_status anp_wxr_finish(anp_wxr_writer *w, anp_wxr_totals *totals, anp_wxr_error *error);
/* Fails ANP_WXR_ERR_ORDER when the writer is finished, ANP_WXR_ERR_WRITE when failed. */
anp_wxr_status anp_wxr_check_open(anp_wxr_writer *w, const char *call, anp_wxr_error *error);
/* Frees the writer; bytes still buffered are dropped, never written. */
void anp_wxr_free(anp_wxr_writer *w);

/* Offset of the first byte of the first invalid sequence, or -1: strict
 * UTF-8 (no overlong forms, surrogates, values over U+10FFFF). */
long long anp_wxr_utf8_invalid_at(const char *s, size_t len);

#endif /* ANP_WXR_H */
