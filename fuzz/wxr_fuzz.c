/*
 * libFuzzer target for the WXR writer core (src/anp_wxr.c): the input is cut
 * into field values, which go through a whole document (channel, author,
 * category, tag, term, two items with categories, meta and a comment) or an
 * items-only body, written into memory. Beyond the sanitizers' checks:
 *
 * - whenever the core accepted every record, the output parses with libxml2
 *   (xmlReadMemory, no recover, no network);
 * - a record the core refused left no byte behind, and only an invalid
 *   UTF-8 value (or "--" in the generator comment) may be refused;
 * - the first item's title and meta value read back as written, less the
 *   characters XML forbids, with XML's end-of-line handling applied;
 * - the bytes the core counts are the bytes that came out.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -DANP_WXR_RAW_SIZE=61 $(pkg-config --cflags libxml-2.0) -Isrc \
 *     src/anp_wxr.c fuzz/wxr_fuzz.c $(pkg-config --libs libxml-2.0) -o fuzz/build/wxr_fuzz
 *
 * (-DANP_WXR_RAW_SIZE=61: the core's raw runs of 61 bytes, not 16 KiB, so
 * that short inputs cross their edges.)
 *
 * The first byte chooses the mode (bit 0: items only; bit 1: no bytes()
 * between records) and the byte that cuts
 * the rest into values (byte | 0x80, so a cut is never ASCII); values past
 * the fields there are are ignored, missing ones are empty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "anp_wxr.h"

typedef struct buf {
	char *data;
	size_t len, cap;
} buf;

static void die(const char *what)
{
	fprintf(stderr, "wxr_fuzz: %s\n", what);
	abort();
}

static int to_buf(void *ctx, const char *p, size_t len)
{
	buf *b = ctx;
	if (b->len + len > b->cap) {
		size_t cap = (b->len + len) * 2 + 64;
		char *d = realloc(b->data, cap);
		if (!d) {
			return -1;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, len);
	b->len += len;
	return 0;
}

#define NV 64
static anp_wxr_str values[NV];
static size_t next_value;

static anp_wxr_str V(void)
{
	anp_wxr_str s = { "", 0 };
	return next_value < NV ? values[next_value++] : s;
}

/* What a parser gives back for a CDATA value: the characters XML forbids
 * left out, "\r\n" and a lone "\r" read as "\n". */
static size_t expected_text(anp_wxr_str v, char *out)
{
	const unsigned char *s = (const unsigned char *)v.ptr;
	size_t n = 0;
	/* what the writer writes: the forbidden characters left out */
	for (size_t i = 0; i < v.len; i++) {
		unsigned char c = s[i];
		if (c < 0x20 && c != 9 && c != 10 && c != 13) {
			continue;
		}
		if (c == 0xEF && i + 2 < v.len && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) {
			i += 2;
			continue;
		}
		out[n++] = (char)c;
	}
	/* what a parser reads of it: "\r\n" and a lone "\r" are "\n" */
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (out[i] == '\r') {
			out[m++] = '\n';
			if (i + 1 < n && out[i + 1] == '\n') {
				i++;
			}
			continue;
		}
		out[m++] = out[i];
	}
	return m;
}

static xmlNodePtr child(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name)) {
			return c;
		}
	}
	return NULL;
}

static void check_text(xmlNodePtr node, anp_wxr_str v)
{
	if (!node) {
		die("an element is missing");
	}
	char *want = malloc(v.len + 1);
	size_t want_len = expected_text(v, want);
	xmlChar *got = xmlNodeGetContent(node);
	size_t got_len = got ? strlen((const char *)got) : 0;
	if (got_len != want_len || memcmp(got ? (const char *)got : "", want, got_len)) {
		die("a value does not read back as written");
	}
	xmlFree(got);
	free(want);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static int init;
	if (!init) {
		xmlInitParser();
		init = 1;
	}
	if (size < 1) {
		return 0;
	}
	bool items_only = data[0] & 1;
	bool count_each = !(data[0] & 2);
	unsigned char cut = data[0] | 0x80;
	memset(values, 0, sizeof(values));
	size_t nv = 0, start = 1;
	for (size_t i = 1; i <= size && nv < NV; i++) {
		if (i == size || data[i] == cut) {
			values[nv].ptr = (const char *)data + start;
			values[nv].len = i - start;
			nv++;
			start = i + 1;
		}
	}
	next_value = 0;

	buf out = { 0 };
	anp_wxr_writer *w = anp_wxr_new(to_buf, &out, items_only);
	if (!w) {
		die("no writer");
	}
	anp_wxr_error err;
	bool all_ok = true;
	size_t before;
	anp_wxr_status st;

/* bytes() flushes what the writer holds, so that what a refused record
 * would have left shows at the target. With bit 1 of the first byte set it
 * is not called between records, as Anp_Wxr_Files writes a file's header:
 * the core's raw bytes (and libxml2's) are then carried from one record to
 * the next, and only the document at the end is checked. */
#define RECORD(call) do { \
		uint64_t counted; \
		if (count_each) { \
			if (anp_wxr_bytes(w, &counted, &err) != ANP_WXR_OK || counted != out.len) die("bytes() is not the output's length"); \
		} \
		before = out.len; \
		st = (call); \
		if (st != ANP_WXR_OK) { \
			all_ok = false; \
			if (st != ANP_WXR_ERR_UTF8 && st != ANP_WXR_ERR_VALUE) die("a refusal other than invalid UTF-8 or --"); \
			if (count_each) { \
				if (anp_wxr_bytes(w, &counted, &err) != ANP_WXR_OK) die("bytes() failed"); \
				if (out.len != before || counted != out.len) die("a refused record left bytes"); \
			} \
			if (!err.field[0]) die("a refusal names no field"); \
		} \
	} while (0)

	if (!items_only) {
		anp_wxr_channel ch = { V(), V(), V(), V(), V(), V(), V(), V(), V(), V() };
		RECORD(anp_wxr_start_channel(w, &ch, &err));
		if (st != ANP_WXR_OK) {
			anp_wxr_free(w);
			free(out.data);
			return 0;
		}
		anp_wxr_author a = { 7, V(), V(), V(), V(), V() };
		RECORD(anp_wxr_write_author(w, &a, &err));
		anp_wxr_meta tm[1] = { { V(), V() } };
		anp_wxr_term cat = { 3, V(), V(), V(), V(), V(), tm, 1 };
		RECORD(anp_wxr_write_category(w, &cat, &err));
		anp_wxr_term tag = { 4, V(), V(), V(), V(), V(), NULL, 0 };
		RECORD(anp_wxr_write_tag(w, &tag, &err));
		anp_wxr_term term = { 5, V(), V(), V(), V(), V(), tm, 1 };
		RECORD(anp_wxr_write_term(w, &term, &err));
	}
	anp_wxr_item_term cats[2] = { { V(), V(), V() }, { V(), V(), V() } };
	anp_wxr_meta meta[2] = { { V(), V() }, { V(), V() } };
	anp_wxr_meta cmeta[1] = { { V(), V() } };
	anp_wxr_comment com = { 9, V(), V(), V(), V(), V(), V(), V(), V(), V(), 0, -1, cmeta, 1 };
	anp_wxr_item it = { 0 };
	it.title = V();
	it.link = V();
	it.pub_date = V();
	it.creator = V();
	it.guid = V();
	it.content = V();
	it.excerpt = V();
	it.post_id = 42;
	it.post_date = V();
	it.post_name = V();
	it.post_password = V();
	it.has_attachment_url = nv & 1;
	it.attachment_url = V();
	it.menu_order = INT64_MIN;
	it.categories = cats;
	it.category_count = 2;
	it.meta = meta;
	it.meta_count = 2;
	it.comments = &com;
	it.comment_count = 1;
	uint64_t dropped;
	RECORD(anp_wxr_write_item(w, &it, &dropped, &err));
	bool first_item_ok = st == ANP_WXR_OK;
	anp_wxr_item second = { 0 };
	second.content = V();
	second.post_id = INT64_MAX;
	RECORD(anp_wxr_write_item(w, &second, &dropped, &err));

	anp_wxr_totals totals;
	if (anp_wxr_finish(w, &totals, &err) != ANP_WXR_OK) {
		die("finish failed");
	}
	if (totals.bytes != out.len) {
		die("the byte count is not the output's length");
	}
	anp_wxr_free(w);

	/* every document parses, whether or not a record was refused (a refused
	 * record wrote nothing); all_ok only widens what is checked */
	(void)all_ok;
	buf doc = { 0 };
	if (items_only) {
		static const char head[] = "<rss xmlns:excerpt=\"e\" xmlns:content=\"c\" xmlns:dc=\"d\" xmlns:wp=\"w\"><channel>";
		to_buf(&doc, head, sizeof(head) - 1);
		to_buf(&doc, out.data ? out.data : "", out.len);
		to_buf(&doc, "</channel></rss>", 16);
	} else {
		to_buf(&doc, out.data ? out.data : "", out.len);
	}
	xmlDocPtr d = xmlReadMemory(doc.data, (int)doc.len, "wxr.xml", NULL, XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!d) {
		fwrite(doc.data, 1, doc.len, stderr);
		die("the output is not well-formed XML");
	}
	if (first_item_ok) {
		xmlNodePtr item = child(child(xmlDocGetRootElement(d), "channel"), "item");
		check_text(child(item, "title"), it.title);
		check_text(child(item, "encoded"), it.content);
		xmlNodePtr pm = child(item, "postmeta");
		check_text(child(pm, "meta_value"), meta[0].value);
	}
	xmlFreeDoc(d);
	free(doc.data);
	free(out.data);
	return 0;
}
