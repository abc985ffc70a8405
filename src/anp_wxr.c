/*
 * anp_wxr: the WXR 1.2 writer core. docs/wxr-writer.md is the contract; the
 * bytes are those of WordPress 6.1.9's export_wp() template.
 *
 * Every record goes through the same function twice: once to check it (strict
 * UTF-8 in every value, nothing written), then to write it. So an invalid
 * value stops the record before a byte of it reaches the target, and the
 * check cannot drift from what is written.
 *
 * The core does all escaping itself and hands libxml2 only bytes that need
 * none (WriteRaw, CDATA pieces, element starts and full ends), so the bytes
 * do not depend on which libxml2 the extension is linked against.
 */
#include "anp_wxr.h"

#include <assert.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlIO.h>
#include <libxml/xmlwriter.h>

/* The sections, in the order a document has them; a writer only moves on. */
enum {
	ST_NEW,
	ST_AUTHORS,
	ST_CATEGORIES,
	ST_TAGS,
	ST_TERMS,
	ST_ITEMS,
	ST_FINISHED,
	ST_FAILED
};

static const char *const section_names[] = {
	"channel", "authors", "categories", "tags", "terms", "items", "end", "end"
};

/* Raw markup and text go to libxml2 in runs of up to this many bytes (see
 * out_raw()). The fuzzer builds with a tiny one, so that its short inputs
 * cross the run's edges too. */
#ifndef ANP_WXR_RAW_SIZE
#define ANP_WXR_RAW_SIZE (16 * 1024)
#endif
#define RAW_SIZE ANP_WXR_RAW_SIZE

struct anp_wxr_writer {
	xmlTextWriterPtr xw;
	xmlOutputBufferPtr out;       /* owned by xw */
	anp_wxr_write_fn write;
	void *ctx;
	int state;
	bool items_only;
	bool target_failed;           /* the callback refused bytes */
	bool xml_failed;              /* a libxml2 call failed (out of memory) */
	bool discard;                 /* freeing: nothing more goes to the target */
	bool pending_lost;            /* the pending buffer could not grow: bytes are missing */
	uint64_t flushed;             /* bytes the callback took */
	char *pending;                /* bytes libxml2 handed out, not yet given to the callback */
	size_t pending_len, pending_cap;
	uint64_t items;
	uint64_t dropped_total;
	char *generator_url;          /* kept from startChannel for the rss2_head part */
	size_t generator_url_len;

	/* the pass in progress */
	bool checking;
	anp_wxr_error *error;
	uint64_t dropped;             /* characters dropped from this record */
	/* the path of the value being handled, for error messages:
	 * rec + l1[i1]. + l2[i2]. + key */
	const char *rec;
	const char *l1;
	size_t i1;
	const char *l2;
	size_t i2;

	/* raw bytes not yet handed to libxml2 (out_raw()) */
	size_t raw_len;
	char raw[RAW_SIZE];
};

/* ------------------------------------------------------------------------ */
/* Errors */

static void set_error(anp_wxr_error *error, anp_wxr_status status, const char *field, const char *fmt, ...)
{
	if (!error) {
		return;
	}
	error->status = status;
	snprintf(error->field, sizeof(error->field), "%s", field);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(error->message, sizeof(error->message), fmt, ap);
	va_end(ap);
}

static void field_name(const anp_wxr_writer *w, const char *key, char *out, size_t size)
{
	char l1[48] = "", l2[48] = "";
	if (w->l1) {
		snprintf(l1, sizeof(l1), "%s[%zu].", w->l1, w->i1);
	}
	if (w->l2) {
		snprintf(l2, sizeof(l2), "%s[%zu].", w->l2, w->i2);
	}
	snprintf(out, size, "%s%s%s%s", w->rec ? w->rec : "", l1, l2, key);
}

/* ------------------------------------------------------------------------ */
/* Scanning many bytes at a time
 *
 * Most of what is written is plain text with few bytes that need a look of
 * their own (a control character, the lead byte of U+FFFE/U+FFFF, a ']', an
 * '&'...). Testing sixteen bytes at once (SSE2, which every x86-64 has) or a
 * 64-bit word (portable C, elsewhere and for the tails), and looking at
 * single bytes only where one matched, takes most of the time out of the
 * byte loops. The word is loaded with memcpy (one unaligned load on the
 * platforms PHP runs on), and the word tests only ask whether some byte
 * matches, which does not depend on the byte order. */

#if defined(__SSE2__) && !defined(ANP_WXR_NO_SSE2)
#include <emmintrin.h>
#define ANP_WXR_SSE2 1
#endif

/* run_end() is inlined into each caller, so that the bytes it is given are
 * constants there and the repeated ones fold away. */
#if defined(__GNUC__)
#define ANP_WXR_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ANP_WXR_ALWAYS_INLINE inline
#endif

#define ONES  UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t load_word(const unsigned char *p)
{
	uint64_t x;
	memcpy(&x, p, sizeof(x));
	return x;
}

/* Non-zero when some byte of x is below n (n <= 0x80). */
static inline uint64_t has_below(uint64_t x, unsigned n)
{
	return (x - ONES * n) & ~x & HIGHS;
}

/* Non-zero when some byte of x is c. */
static inline uint64_t has_byte(uint64_t x, unsigned c)
{
	return has_below(x ^ (ONES * c), 1);
}

/* Whether s[0..len) is all ASCII. The last block is read where it ends the
 * text, overlapping what was read before, so that a value of any length
 * takes no byte loop once it has eight bytes. */
static bool all_ascii(const unsigned char *s, size_t len)
{
	size_t i = 0;
#ifdef ANP_WXR_SSE2
	if (len >= 16) {
		for (; i + 16 <= len; i += 16) {
			if (_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(s + i)))) {
				return false;
			}
		}
		return !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(s + len - 16)));
	}
#endif
	if (len >= 8) {
		for (; i + 8 <= len; i += 8) {
			if (load_word(s + i) & HIGHS) {
				return false;
			}
		}
		return !(load_word(s + len - 8) & HIGHS);
	}
	unsigned char seen = 0;
	for (; i < len; i++) {
		seen |= s[i];
	}
	return seen < 0x80;
}

/* ------------------------------------------------------------------------ */
/* UTF-8 and the characters XML 1.0 forbids */

long long anp_wxr_utf8_invalid_at(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	/* most values are ASCII from end to end */
	if (all_ascii(s, len)) {
		return -1;
	}
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			/* ASCII is valid as it is: skip it sixteen or eight bytes at
			 * a time (the byte loop finds where it ends) */
			i++;
#ifdef ANP_WXR_SSE2
			while (i + 16 <= len && !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(s + i)))) {
				i += 16;
			}
#endif
			while (i + 8 <= len && !(load_word(s + i) & HIGHS)) {
				i += 8;
			}
			continue;
		}
		size_t need;
		unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0) {
				lo = 0xA0;          /* overlong below U+0800 */
			} else if (c == 0xED) {
				hi = 0x9F;          /* surrogates */
			}
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0) {
				lo = 0x90;          /* overlong below U+10000 */
			} else if (c == 0xF4) {
				hi = 0x8F;          /* over U+10FFFF */
			}
		} else {
			return (long long)i;    /* a stray continuation byte, C0, C1, F5..FF */
		}
		if (len - i <= need || s[i + 1] < lo || s[i + 1] > hi) {
			return (long long)i;
		}
		for (size_t k = 2; k <= need; k++) {
			if (s[i + k] < 0x80 || s[i + k] > 0xBF) {
				return (long long)i;
			}
		}
		i += need + 1;
	}
	return -1;
}

/* How many bytes of a forbidden character start at s[i] (0: none). The text
 * is valid UTF-8 here: U+FFFE and U+FFFF are EF BF BE and EF BF BF. */
static size_t forbidden_at(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i];
	if (c < 0x20) {
		return (c == 0x09 || c == 0x0A || c == 0x0D) ? 0 : 1;
	}
	if (c == 0xEF && len - i >= 3 && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) {
		return 3;
	}
	return 0;
}

/* Whether byte x, or some byte of word x, stops a run (run_end). */
static inline bool byte_stops(unsigned x, unsigned a, unsigned b, unsigned c, unsigned d)
{
	return x < 0x20 || x == 0xEF || x == a || x == b || x == c || x == d;
}

static inline uint64_t word_stops(uint64_t x, unsigned a, unsigned b, unsigned c, unsigned d)
{
	return has_below(x, 0x20) | has_byte(x, 0xEF) | has_byte(x, a) | has_byte(x, b) | has_byte(x, c) | has_byte(x, d);
}

#ifdef ANP_WXR_SSE2
/* Bit k set when byte k of the sixteen at p stops a run. x <= 0x1F is
 * min(x, 0x1F) == x, unsigned. */
static ANP_WXR_ALWAYS_INLINE unsigned block_stops(const unsigned char *p, unsigned a, unsigned b, unsigned c, unsigned d)
{
	const __m128i x = _mm_loadu_si128((const __m128i *)p);
	__m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x),
		_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xEF)));
	hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)a)),
		_mm_cmpeq_epi8(x, _mm_set1_epi8((char)b))));
	hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)c)),
		_mm_cmpeq_epi8(x, _mm_set1_epi8((char)d))));
	return (unsigned)_mm_movemask_epi8(hit);
}
#endif

/* The end of the run from s[i] that holds no control character, no 0xEF
 * (the lead byte of U+FFFE and U+FFFF) and none of the bytes a, b, c, d:
 * the index of the first such byte, or len. Such a run is written as it is,
 * whatever the kind of text; each caller names the bytes its kind escapes
 * or watches (repeating one when it has fewer). TAB, LF and CR stop a run
 * too, which costs one look at them and keeps the tests simple.
 *
 * Most values have no such byte at all, and most are short: the last block
 * is read where the text ends, overlapping what was read before, so that
 * no byte loop runs on a value of eight bytes or more without a stop. */
static ANP_WXR_ALWAYS_INLINE size_t run_end(const unsigned char *s, size_t i, size_t len,
	unsigned a, unsigned b, unsigned c, unsigned d)
{
#ifdef ANP_WXR_SSE2
	if (len - i >= 16) {
		for (; i + 16 <= len; i += 16) {
			unsigned mask = block_stops(s + i, a, b, c, d);
			if (mask) {
				return i + (size_t)__builtin_ctz(mask);
			}
		}
		if (i == len) {
			return len;
		}
		/* bit k of the last sixteen is byte len - 16 + k: shift out those
		 * before i, already seen */
		unsigned mask = block_stops(s + len - 16, a, b, c, d) >> (16 - (len - i));
		return mask ? i + (size_t)__builtin_ctz(mask) : len;
	}
#endif
	if (len - i >= 8) {
		for (; i + 8 <= len; i += 8) {
			if (word_stops(load_word(s + i), a, b, c, d)) {
				/* a stop is in this word: find it */
				while (i < len && !byte_stops(s[i], a, b, c, d)) {
					i++;
				}
				return i;
			}
		}
		if (i == len || !word_stops(load_word(s + len - 8), a, b, c, d)) {
			return len;
		}
	}
	while (i < len && !byte_stops(s[i], a, b, c, d)) {
		i++;
	}
	return i;
}

/* ------------------------------------------------------------------------ */
/* Output: libxml2's output buffer, whose callback is the caller's */

/* libxml2 hands its buffer out whenever it holds 4000 bytes; the core keeps
 * what it hands out, and gives it to the target only between records
 * (flush_target), never in the middle of one. The target may run PHP code (a
 * stream wrapper's stream_write(), a user filter), and PHP code may change or
 * free the strings the record being written points into: called in the
 * middle of a record, it would make the rest of it read freed memory, or
 * write a value that was never checked. So the buffer grows to hold the
 * largest record (and the header, which stays here until beginItems()), and
 * shrinks back to PENDING_SIZE once handed out. The target gets it in chunks
 * of up to PENDING_SIZE (each a write() for a plain file). */
#define PENDING_SIZE (64 * 1024)

static void deliver(anp_wxr_writer *w, const char *buf, size_t len)
{
	if (len && !w->target_failed) {
		if (w->write(w->ctx, buf, len) != 0) {
			w->target_failed = true;
		} else {
			w->flushed += (uint64_t)len;
		}
	}
}

/* Room for `more` bytes after the pending ones; false when out of memory. */
static bool pending_reserve(anp_wxr_writer *w, size_t more)
{
	if (w->pending_cap - w->pending_len >= more) {
		return true;
	}
	if (more > SIZE_MAX / 2 - w->pending_len) {
		return false;
	}
	size_t cap = w->pending_cap ? w->pending_cap : PENDING_SIZE;
	while (cap - w->pending_len < more) {
		cap *= 2;
	}
	char *p = realloc(w->pending, cap);
	if (!p) {
		return false;
	}
	w->pending = p;
	w->pending_cap = cap;
	return true;
}

static int io_write(void *ctx, const char *buf, int len)
{
	anp_wxr_writer *w = ctx;
	/* libxml2 is always told the bytes went: a refusal is the core's to
	 * report (libxml2 would print its own I/O error), and once the target
	 * failed or the writer is being freed, nothing more goes to it */
	if (len <= 0 || w->discard || w->target_failed || w->pending_lost) {
		return len;
	}
	size_t n = (size_t)len;
	if (!pending_reserve(w, n)) {
		/* a hole in the output: nothing more is handed out, and the
		 * record fails as when libxml2 runs out of memory */
		w->pending_lost = true;
		w->xml_failed = true;
		w->pending_len = 0;
		return len;
	}
	memcpy(w->pending + w->pending_len, buf, n);
	w->pending_len += n;
	return len;
}

static int io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void xml_result(anp_wxr_writer *w, int rc)
{
	if (rc < 0) {
		w->xml_failed = true;
	}
}

/* Everything written so far to the target: what libxml2 buffers, then
 * what the core holds. Called only between records: the target may run
 * PHP code (see PENDING_SIZE). */
static void raw_flush(anp_wxr_writer *w);

static void flush_target(anp_wxr_writer *w)
{
	raw_flush(w);
	xml_result(w, xmlTextWriterFlush(w->xw));
	for (size_t at = 0; at < w->pending_len && !w->pending_lost; at += PENDING_SIZE) {
		size_t n = w->pending_len - at < PENDING_SIZE ? w->pending_len - at : PENDING_SIZE;
		deliver(w, w->pending + at, n);
	}
	w->pending_len = 0;
	if (w->pending_cap > PENDING_SIZE) {
		/* a large record's buffer is not kept for the next ones */
		char *p = realloc(w->pending, PENDING_SIZE);
		if (p) {
			w->pending = p;
			w->pending_cap = PENDING_SIZE;
		}
	}
}

/* Raw bytes to libxml2 now (it takes an int length: long values go in
 * pieces). */
static void raw_now(anp_wxr_writer *w, const char *p, size_t len)
{
	while (len) {
		int n = len > (size_t)(1 << 30) ? (1 << 30) : (int)len;
		xml_result(w, xmlTextWriterWriteRawLen(w->xw, (const xmlChar *)p, n));
		p += n;
		len -= (size_t)n;
	}
}

/* What out_raw() holds, to libxml2: before any other call of libxml2's,
 * so that the bytes keep their order. */
static void raw_flush(anp_wxr_writer *w)
{
	if (w->raw_len) {
		raw_now(w, w->raw, w->raw_len);
		w->raw_len = 0;
	}
}

/* Raw bytes, gathered into runs: a field is several short pieces (its
 * tags, its text between the characters that are escaped or dropped, its
 * end), some 150 an item, and each call of libxml2's costs its state
 * checks and a buffer append. One call for a run of them writes the same
 * bytes: a raw write only closes a start tag left open before it, which
 * the first piece of the run does as the first call did. */
static void out_raw(anp_wxr_writer *w, const char *p, size_t len)
{
	if (len > RAW_SIZE - w->raw_len) {
		raw_flush(w);
		if (len >= RAW_SIZE) {
			raw_now(w, p, len);
			return;
		}
	}
	memcpy(w->raw + w->raw_len, p, len);
	w->raw_len += len;
}

#define OUT_LIT(w, lit) out_raw((w), (lit), sizeof(lit) - 1)

static void out_start(anp_wxr_writer *w, const char *name)
{
	raw_flush(w);
	xml_result(w, xmlTextWriterStartElement(w->xw, (const xmlChar *)name));
}

/* Always "<x></x>", never "<x/>": the importer's XMLProcessor parser drops
 * self-closed elements. */
static void out_end(anp_wxr_writer *w)
{
	raw_flush(w);
	xml_result(w, xmlTextWriterFullEndElement(w->xw));
}

/* A field's element, "<elem>" (then "<![CDATA[" when `cdata`), written as
 * markup through the raw output, which closes an open start tag before it
 * as the element calls do. A field has no attribute and no child element,
 * and libxml2's element and CDATA calls cost a stack entry and a copy of
 * the name each: with some 200 fields an item, they were a third of the
 * writer's time. The names are the core's own, all short. */
static void out_field_open(anp_wxr_writer *w, const char *elem, bool cdata)
{
	char buf[96];
	size_t n = strlen(elem);
	assert(n + 11 <= sizeof(buf));
	buf[0] = '<';
	memcpy(buf + 1, elem, n);
	buf[n + 1] = '>';
	n += 2;
	if (cdata) {
		memcpy(buf + n, "<![CDATA[", 9);
		n += 9;
	}
	out_raw(w, buf, n);
}

/* "</elem>" (after "]]>" when `cdata`), as out_field_open() opened it. */
static void out_field_close(anp_wxr_writer *w, const char *elem, bool cdata)
{
	char buf[96];
	size_t n = 0, len = strlen(elem);
	assert(len + 6 <= sizeof(buf));
	if (cdata) {
		memcpy(buf, "]]>", 3);
		n = 3;
	}
	buf[n++] = '<';
	buf[n++] = '/';
	memcpy(buf + n, elem, len);
	n += len;
	buf[n++] = '>';
	out_raw(w, buf, n);
}

static void out_start_attribute(anp_wxr_writer *w, const char *name)
{
	raw_flush(w);
	xml_result(w, xmlTextWriterStartAttribute(w->xw, (const xmlChar *)name));
}

static void out_end_attribute(anp_wxr_writer *w)
{
	raw_flush(w);
	xml_result(w, xmlTextWriterEndAttribute(w->xw));
}

/* Text inside a CDATA section its caller opened and closes: the
 * characters XML forbids left out, and the section cut ("]]><![CDATA[")
 * after every "]]" followed by ">" (in the text as written, so a dropped
 * character cannot join one), as wxr_cdata()'s str_replace() does. */
static void out_cdata_body(anp_wxr_writer *w, anp_wxr_str v)
{
	if (!v.ptr) {
		v.ptr = ""; /* no offsets on NULL */
	}
	const unsigned char *s = (const unsigned char *)v.ptr;
	size_t start = 0, i = 0;
	int prev1 = 0, prev2 = 0;
	while (i < v.len) {
		/* A run without a control character, 0xEF or ']' is kept whole,
		 * and no "]]>" ends in it: it holds no ']', and the byte kept
		 * before it is none either. Only the bytes that stop it are looked
		 * at one by one below (and every byte after a ']'). */
		if (prev1 != ']') {
			size_t end = run_end(s, i, v.len, ']', ']', ']', ']');
			if (end > i) {
				prev2 = end - i >= 2 ? s[end - 2] : prev1;
				prev1 = s[end - 1];
				i = end;
				if (i == v.len) {
					break;
				}
			}
		}
		size_t bad = forbidden_at(s, v.len, i);
		if (bad) {
			out_raw(w, v.ptr + start, i - start);
			w->dropped++;
			i += bad;
			start = i;
			continue;
		}
		if (s[i] == '>' && prev1 == ']' && prev2 == ']') {
			out_raw(w, v.ptr + start, i - start);
			OUT_LIT(w, "]]><![CDATA[");
			start = i;
		}
		prev2 = prev1;
		prev1 = s[i];
		i++;
	}
	out_raw(w, v.ptr + start, v.len - start);
}

/* Text as CDATA sections (out_cdata_body()). */
static void out_cdata_text(anp_wxr_writer *w, anp_wxr_str v)
{
	OUT_LIT(w, "<![CDATA[");
	out_cdata_body(w, v);
	OUT_LIT(w, "]]>");
}

/* The next byte kept at or after *i (forbidden characters skipped), or -1. */
static int next_kept(const unsigned char *s, size_t len, size_t *i)
{
	while (*i < len) {
		size_t bad = forbidden_at(s, len, *i);
		if (!bad) {
			return s[*i];
		}
		*i += bad;
	}
	return -1;
}

static bool xml_char_allowed(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
		|| (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Whether the kept text from s[i] (just past an '&') makes a well-formed
 * reference: &amp; &lt; &gt; &quot; &apos;, or a character reference to a
 * character XML allows. */
static bool reference_at(const unsigned char *s, size_t len, size_t i)
{
	int c = next_kept(s, len, &i);
	if (c == '#') {
		i++;
		c = next_kept(s, len, &i);
		int base = 10;
		if (c == 'x') {
			base = 16;
			i++;
			c = next_kept(s, len, &i);
		}
		uint32_t value = 0;
		size_t digits = 0;
		for (;; i++, c = next_kept(s, len, &i)) {
			int d;
			if (c >= '0' && c <= '9') {
				d = c - '0';
			} else if (base == 16 && c >= 'a' && c <= 'f') {
				d = c - 'a' + 10;
			} else if (base == 16 && c >= 'A' && c <= 'F') {
				d = c - 'A' + 10;
			} else {
				break;
			}
			digits++;
			if (value <= 0x10FFFF) {
				value = value * (uint32_t)base + (uint32_t)d;
			}
		}
		return digits && c == ';' && xml_char_allowed(value);
	}
	char name[8];
	size_t n = 0;
	while (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && n < sizeof(name) - 1) {
		name[n++] = (char)c;
		i++;
		c = next_kept(s, len, &i);
	}
	name[n] = '\0';
	if (c != ';') {
		return false;
	}
	return !strcmp(name, "amp") || !strcmp(name, "lt") || !strcmp(name, "gt")
		|| !strcmp(name, "quot") || !strcmp(name, "apos");
}

/* A plain value: written as it is (WordPress hands these out escaped),
 * except what would leave the XML ill-formed. */
static void out_plain_text(anp_wxr_writer *w, anp_wxr_str v)
{
	if (!v.ptr) {
		v.ptr = ""; /* no offsets on NULL */
	}
	const unsigned char *s = (const unsigned char *)v.ptr;
	size_t start = 0, i = 0;
	while (i < v.len) {
		/* bytes with nothing to escape or drop stay in the pending run */
		i = run_end(s, i, v.len, '<', '>', '&', '&');
		if (i == v.len) {
			break;
		}
		size_t bad = forbidden_at(s, v.len, i);
		if (bad) {
			out_raw(w, v.ptr + start, i - start);
			w->dropped++;
			i += bad;
			start = i;
			continue;
		}
		const char *rep = NULL;
		size_t rep_len = 0;
		if (s[i] == '<') {
			rep = "&lt;";
			rep_len = 4;
		} else if (s[i] == '>') {
			rep = "&gt;";
			rep_len = 4;
		} else if (s[i] == '&' && !reference_at(s, v.len, i + 1)) {
			rep = "&amp;";
			rep_len = 5;
		}
		if (rep) {
			out_raw(w, v.ptr + start, i - start);
			out_raw(w, rep, rep_len);
			start = i + 1;
		}
		i++;
	}
	out_raw(w, v.ptr + start, v.len - start);
}

/* An attribute value, escaped as libxml2 escapes attributes. */
static void out_attribute(anp_wxr_writer *w, const char *name, anp_wxr_str v)
{
	if (!v.ptr) {
		v.ptr = ""; /* no offsets on NULL */
	}
	const unsigned char *s = (const unsigned char *)v.ptr;
	size_t start = 0, i = 0;
	out_start_attribute(w, name);
	while (i < v.len) {
		/* bytes with nothing to escape or drop stay in the pending run
		 * (TAB, LF and CR, escaped here, stop it as control characters) */
		i = run_end(s, i, v.len, '&', '<', '>', '"');
		if (i == v.len) {
			break;
		}
		size_t bad = forbidden_at(s, v.len, i);
		if (bad) {
			out_raw(w, v.ptr + start, i - start);
			w->dropped++;
			i += bad;
			start = i;
			continue;
		}
		const char *rep = NULL;
		switch (s[i]) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\t': rep = "&#9;"; break;
			case '\n': rep = "&#10;"; break;
			case '\r': rep = "&#13;"; break;
		}
		if (rep) {
			out_raw(w, v.ptr + start, i - start);
			out_raw(w, rep, strlen(rep));
			start = i + 1;
		}
		i++;
	}
	out_raw(w, v.ptr + start, v.len - start);
	out_end_attribute(w);
}

/* In decimal, as "%" PRId64 writes it, without snprintf's cost: several
 * numbers per item. The magnitude is taken unsigned, so INT64_MIN works. */
static void out_int(anp_wxr_writer *w, int64_t n)
{
	char buf[24];
	char *p = buf + sizeof(buf);
	uint64_t u = n < 0 ? -(uint64_t)n : (uint64_t)n;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0) {
		*--p = '-';
	}
	out_raw(w, p, (size_t)(buf + sizeof(buf) - p));
}

/* ------------------------------------------------------------------------ */
/* Fields: in the check pass they check, in the write pass they write */

static bool check_utf8(anp_wxr_writer *w, const char *key, anp_wxr_str v)
{
	long long at = anp_wxr_utf8_invalid_at(v.ptr, v.len);
	if (at < 0) {
		return true;
	}
	char field[sizeof(w->error->field)];
	field_name(w, key, field, sizeof(field));
	set_error(w->error, ANP_WXR_ERR_UTF8, field, "invalid UTF-8 in %s at byte %lld", field, at);
	return false;
}

static bool raw(anp_wxr_writer *w, const char *p, size_t len)
{
	if (!w->checking) {
		out_raw(w, p, len);
	}
	return true;
}

#define RAW(w, lit) raw((w), (lit), sizeof(lit) - 1)

/* <elem>CDATA</elem> */
static bool cd(anp_wxr_writer *w, const char *elem, const char *key, anp_wxr_str v)
{
	if (w->checking) {
		return check_utf8(w, key, v);
	}
	out_field_open(w, elem, true);
	out_cdata_body(w, v);
	out_field_close(w, elem, true);
	return true;
}

/* <elem>plain</elem> */
static bool plain(anp_wxr_writer *w, const char *elem, const char *key, anp_wxr_str v)
{
	if (w->checking) {
		return check_utf8(w, key, v);
	}
	out_field_open(w, elem, false);
	out_plain_text(w, v);
	out_field_close(w, elem, false);
	return true;
}

/* <elem>N</elem> */
static bool num(anp_wxr_writer *w, const char *elem, int64_t n)
{
	if (!w->checking) {
		out_field_open(w, elem, false);
		out_int(w, n);
		out_field_close(w, elem, false);
	}
	return true;
}

/* ------------------------------------------------------------------------ */
/* The records, as core's template writes them */

static const char prologue[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
	"<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->\n"
	"<!-- It contains information about your site's posts, pages, comments, categories, and other content. -->\n"
	"<!-- You may use this file to transfer that content from one site to another. -->\n"
	"<!-- This file is not intended to serve as a complete backup of your site. -->\n"
	"\n"
	"<!-- To import this information into a WordPress site follow these steps: -->\n"
	"<!-- 1. Log in to that site as an administrator. -->\n"
	"<!-- 2. Go to Tools: Import in the WordPress admin panel. -->\n"
	"<!-- 3. Install the \"WordPress\" importer from the list. -->\n"
	"<!-- 4. Activate & Run Importer. -->\n"
	"<!-- 5. Upload this file using the form provided on that page. -->\n"
	"<!-- 6. You will first be asked to map the authors in this export file to users -->\n"
	"<!--    on the site. For each author, you may choose to map to an -->\n"
	"<!--    existing user on the site or to create a new user. -->\n"
	"<!-- 7. WordPress will then import each of the posts, pages, comments, categories, etc. -->\n"
	"<!--    contained in this file into your site. -->\n"
	"\n";

static const char rss_open[] =
	"<rss version=\"2.0\"\n"
	"\txmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n"
	"\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
	"\txmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n"
	"\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	"\txmlns:wp=\"http://wordpress.org/export/1.2/\"\n"
	">\n"
	"\n"
	"<channel>\n";

/* The text of the generator comment: checked like any value, and refused
 * when it holds "--", which a comment cannot. Written with the forbidden
 * characters left out, raw otherwise (a comment has no escapes). */
static bool comment_text(anp_wxr_writer *w, const char *key, anp_wxr_str v)
{
	if (!v.ptr) {
		v.ptr = ""; /* no offsets on NULL */
	}
	if (w->checking) {
		if (!check_utf8(w, key, v)) {
			return false;
		}
		/* "--" in what is written: a forbidden character between two
		 * hyphens is dropped and joins them */
		const unsigned char *s = (const unsigned char *)v.ptr;
		int prev = 0;
		size_t prev_at = 0;
		for (size_t i = 0; i < v.len;) {
			size_t bad = forbidden_at(s, v.len, i);
			if (bad) {
				i += bad;
				continue;
			}
			if (s[i] == '-' && prev == '-') {
				char field[sizeof(w->error->field)];
				field_name(w, key, field, sizeof(field));
				set_error(w->error, ANP_WXR_ERR_VALUE, field, "\"--\" in %s at byte %zu: an XML comment cannot hold it", field, prev_at);
				return false;
			}
			prev = s[i];
			prev_at = i;
			i++;
		}
		return true;
	}
	const unsigned char *s = (const unsigned char *)v.ptr;
	size_t start = 0, i = 0;
	while (i < v.len) {
		i = run_end(s, i, v.len, 0xEF, 0xEF, 0xEF, 0xEF);
		if (i == v.len) {
			break;
		}
		size_t bad = forbidden_at(s, v.len, i);
		if (bad) {
			out_raw(w, v.ptr + start, i - start);
			w->dropped++;
			i += bad;
			start = i;
			continue;
		}
		i++;
	}
	out_raw(w, v.ptr + start, v.len - start);
	return true;
}

static bool channel_record(anp_wxr_writer *w, const anp_wxr_channel *c)
{
	w->rec = "channel.";
	return raw(w, prologue, sizeof(prologue) - 1)
		&& RAW(w, "\t<!-- generator=\"") && comment_text(w, "generator", c->generator)
		&& RAW(w, "\" created=\"") && comment_text(w, "created", c->created)
		&& RAW(w, "\" -->\n")
		&& raw(w, rss_open, sizeof(rss_open) - 1)
		&& RAW(w, "\t") && plain(w, "title", "title", c->title)
		&& RAW(w, "\n\t") && plain(w, "link", "link", c->link)
		&& RAW(w, "\n\t") && plain(w, "description", "description", c->description)
		&& RAW(w, "\n\t") && plain(w, "pubDate", "pubDate", c->pub_date)
		&& RAW(w, "\n\t") && plain(w, "language", "language", c->language)
		&& RAW(w, "\n\t<wp:wxr_version>1.2</wp:wxr_version>\n")
		&& RAW(w, "\t") && plain(w, "wp:base_site_url", "base_site_url", c->base_site_url)
		&& RAW(w, "\n\t") && plain(w, "wp:base_blog_url", "base_blog_url", c->base_blog_url)
		&& RAW(w, "\n")
		/* generator_url is written with the rss2_head part; checked here */
		&& (!w->checking || check_utf8(w, "generator_url", c->generator_url));
}

static bool author_record(anp_wxr_writer *w, const anp_wxr_author *a)
{
	w->rec = "author.";
	if (!w->checking) {
		OUT_LIT(w, "\t");
		out_start(w, "wp:author");
	}
	bool ok = num(w, "wp:author_id", a->id)
		&& cd(w, "wp:author_login", "login", a->login)
		&& cd(w, "wp:author_email", "email", a->email)
		&& cd(w, "wp:author_display_name", "display_name", a->display_name)
		&& cd(w, "wp:author_first_name", "first_name", a->first_name)
		&& cd(w, "wp:author_last_name", "last_name", a->last_name);
	if (ok && !w->checking) {
		out_end(w);
		OUT_LIT(w, "\n");
	}
	return ok;
}

static bool term_meta(anp_wxr_writer *w, const anp_wxr_meta *meta, size_t count)
{
	w->l1 = "meta";
	for (size_t i = 0; i < count; i++) {
		w->i1 = i;
		if (!(RAW(w, "\t\t<wp:termmeta>\n\t\t\t")
			&& cd(w, "wp:meta_key", "key", meta[i].key)
			&& RAW(w, "\n\t\t\t")
			&& cd(w, "wp:meta_value", "value", meta[i].value)
			&& RAW(w, "\n\t\t</wp:termmeta>\n"))) {
			return false;
		}
	}
	w->l1 = NULL;
	return true;
}

/* A header record's name or description: left out when empty (core also
 * leaves out "0"; anp writes it). */
static bool optional_cd(anp_wxr_writer *w, const char *before, const char *elem, const char *key, anp_wxr_str v)
{
	if (!v.len) {
		return true;
	}
	return raw(w, before, strlen(before)) && cd(w, elem, key, v) && RAW(w, "\n");
}

enum { TERM_CATEGORY, TERM_TAG, TERM_TERM };

static bool term_record(anp_wxr_writer *w, int kind, const anp_wxr_term *t)
{
	/* the record's element is opened by hand: its whitespace comes before
	 * the first child, with libxml2's element open */
	static const char *const open_tags[] = { "wp:category", "wp:tag", "wp:term" };
	static const char *const recs[] = { "category.", "tag.", "term." };
	w->rec = recs[kind];
	if (!w->checking) {
		OUT_LIT(w, "\t");
		out_start(w, open_tags[kind]);
	}
	bool ok = RAW(w, "\n\t\t") && num(w, "wp:term_id", t->term_id) && RAW(w, "\n\t\t");
	switch (kind) {
		case TERM_CATEGORY:
			ok = ok && cd(w, "wp:category_nicename", "slug", t->slug)
				&& RAW(w, "\n\t\t") && cd(w, "wp:category_parent", "parent", t->parent)
				&& RAW(w, "\n\t\t")
				&& optional_cd(w, "", "wp:cat_name", "name", t->name)
				&& optional_cd(w, "", "wp:category_description", "description", t->description);
			break;
		case TERM_TAG:
			ok = ok && cd(w, "wp:tag_slug", "slug", t->slug)
				&& RAW(w, "\n\t\t")
				&& optional_cd(w, "", "wp:tag_name", "name", t->name)
				&& optional_cd(w, "", "wp:tag_description", "description", t->description);
			break;
		default:
			ok = ok && cd(w, "wp:term_taxonomy", "taxonomy", t->taxonomy)
				&& RAW(w, "\n\t\t") && cd(w, "wp:term_slug", "slug", t->slug)
				&& RAW(w, "\n\t\t") && cd(w, "wp:term_parent", "parent", t->parent)
				&& RAW(w, "\n\t\t")
				&& optional_cd(w, "", "wp:term_name", "name", t->name)
				/* core's wxr_term_description() prints its own "\t\t" */
				&& optional_cd(w, "\t\t", "wp:term_description", "description", t->description);
			break;
	}
	ok = ok && term_meta(w, t->meta, t->meta_count) && RAW(w, "\t");
	if (ok && !w->checking) {
		out_end(w);
		OUT_LIT(w, "\n\t");
	}
	return ok;
}

static bool item_record(anp_wxr_writer *w, const anp_wxr_item *it)
{
	w->rec = "";
	if (!w->checking) {
		OUT_LIT(w, "\t");
		out_start(w, "item");
	}
	bool ok = RAW(w, "\n\t\t") && cd(w, "title", "title", it->title)
		&& RAW(w, "\n\t\t") && plain(w, "link", "link", it->link)
		&& RAW(w, "\n\t\t") && plain(w, "pubDate", "pubDate", it->pub_date)
		&& RAW(w, "\n\t\t") && cd(w, "dc:creator", "creator", it->creator)
		&& RAW(w, "\n\t\t");
	if (ok && !w->checking) {
		out_start(w, "guid");
		out_start_attribute(w, "isPermaLink");
		OUT_LIT(w, "false");
		out_end_attribute(w);
		out_plain_text(w, it->guid);
		out_end(w);
	} else if (ok) {
		ok = check_utf8(w, "guid", it->guid);
	}
	ok = ok && RAW(w, "\n\t\t<description></description>\n\t\t")
		&& cd(w, "content:encoded", "content", it->content)
		&& RAW(w, "\n\t\t") && cd(w, "excerpt:encoded", "excerpt", it->excerpt)
		&& RAW(w, "\n\t\t") && num(w, "wp:post_id", it->post_id)
		&& RAW(w, "\n\t\t") && cd(w, "wp:post_date", "post_date", it->post_date)
		&& RAW(w, "\n\t\t") && cd(w, "wp:post_date_gmt", "post_date_gmt", it->post_date_gmt)
		&& RAW(w, "\n\t\t") && cd(w, "wp:post_modified", "post_modified", it->post_modified)
		&& RAW(w, "\n\t\t") && cd(w, "wp:post_modified_gmt", "post_modified_gmt", it->post_modified_gmt)
		&& RAW(w, "\n\t\t") && cd(w, "wp:comment_status", "comment_status", it->comment_status)
		&& RAW(w, "\n\t\t") && cd(w, "wp:ping_status", "ping_status", it->ping_status)
		&& RAW(w, "\n\t\t") && cd(w, "wp:post_name", "post_name", it->post_name)
		&& RAW(w, "\n\t\t") && cd(w, "wp:status", "status", it->status)
		&& RAW(w, "\n\t\t") && num(w, "wp:post_parent", it->post_parent)
		&& RAW(w, "\n\t\t") && num(w, "wp:menu_order", it->menu_order)
		&& RAW(w, "\n\t\t") && cd(w, "wp:post_type", "post_type", it->post_type)
		&& RAW(w, "\n\t\t") && cd(w, "wp:post_password", "post_password", it->post_password)
		&& RAW(w, "\n\t\t") && num(w, "wp:is_sticky", it->is_sticky)
		&& RAW(w, "\n\t\t\t\t");
	if (ok && it->has_attachment_url) {
		ok = RAW(w, "\t\t") && cd(w, "wp:attachment_url", "attachment_url", it->attachment_url) && RAW(w, "\n\t");
	}
	ok = ok && RAW(w, "\t\t\t\t");

	w->l1 = "categories";
	for (size_t i = 0; ok && i < it->category_count; i++) {
		const anp_wxr_item_term *c = &it->categories[i];
		w->i1 = i;
		if (w->checking) {
			ok = check_utf8(w, "domain", c->domain) && check_utf8(w, "nicename", c->nicename)
				&& check_utf8(w, "name", c->name);
			continue;
		}
		OUT_LIT(w, "\t\t");
		out_start(w, "category");
		out_attribute(w, "domain", c->domain);
		out_attribute(w, "nicename", c->nicename);
		out_cdata_text(w, c->name);
		out_end(w);
		OUT_LIT(w, "\n");
	}
	w->l1 = NULL;
	ok = ok && RAW(w, "\t\t\t\t");

	w->l1 = "meta";
	for (size_t i = 0; ok && i < it->meta_count; i++) {
		w->i1 = i;
		ok = RAW(w, "\t\t<wp:postmeta>\n\t\t")
			&& cd(w, "wp:meta_key", "key", it->meta[i].key)
			&& RAW(w, "\n\t\t") && cd(w, "wp:meta_value", "value", it->meta[i].value)
			&& RAW(w, "\n\t\t</wp:postmeta>\n\t\t\t\t\t");
	}
	w->l1 = NULL;

	w->l1 = "comments";
	for (size_t i = 0; ok && i < it->comment_count; i++) {
		const anp_wxr_comment *c = &it->comments[i];
		w->i1 = i;
		ok = RAW(w, "\t\t<wp:comment>\n\t\t\t") && num(w, "wp:comment_id", c->id)
			&& RAW(w, "\n\t\t\t") && cd(w, "wp:comment_author", "author", c->author)
			&& RAW(w, "\n\t\t\t") && cd(w, "wp:comment_author_email", "author_email", c->author_email)
			&& RAW(w, "\n\t\t\t") && plain(w, "wp:comment_author_url", "author_url", c->author_url)
			&& RAW(w, "\n\t\t\t") && cd(w, "wp:comment_author_IP", "author_ip", c->author_ip)
			&& RAW(w, "\n\t\t\t") && cd(w, "wp:comment_date", "date", c->date)
			&& RAW(w, "\n\t\t\t") && cd(w, "wp:comment_date_gmt", "date_gmt", c->date_gmt)
			&& RAW(w, "\n\t\t\t") && cd(w, "wp:comment_content", "content", c->content)
			&& RAW(w, "\n\t\t\t") && cd(w, "wp:comment_approved", "approved", c->approved)
			&& RAW(w, "\n\t\t\t") && cd(w, "wp:comment_type", "type", c->type)
			&& RAW(w, "\n\t\t\t") && num(w, "wp:comment_parent", c->parent)
			&& RAW(w, "\n\t\t\t") && num(w, "wp:comment_user_id", c->user_id)
			&& RAW(w, "\n\t\t\t\t\t");
		w->l2 = "meta";
		for (size_t k = 0; ok && k < c->meta_count; k++) {
			w->i2 = k;
			ok = RAW(w, "\t<wp:commentmeta>\n\t")
				&& cd(w, "wp:meta_key", "key", c->meta[k].key)
				&& RAW(w, "\n\t\t\t") && cd(w, "wp:meta_value", "value", c->meta[k].value)
				&& RAW(w, "\n\t\t\t</wp:commentmeta>\n\t\t\t\t\t");
		}
		w->l2 = NULL;
		ok = ok && RAW(w, "\t\t</wp:comment>\n\t\t\t");
	}
	w->l1 = NULL;

	ok = ok && RAW(w, "\t\t");
	if (ok && !w->checking) {
		out_end(w);
		OUT_LIT(w, "\n\t\t\t\t");
	}
	return ok;
}

/* ------------------------------------------------------------------------ */
/* The writer */

anp_wxr_writer *anp_wxr_new(anp_wxr_write_fn write, void *ctx, bool items_only)
{
	anp_wxr_writer *w = calloc(1, sizeof(*w));
	if (!w) {
		return NULL;
	}
	w->write = write;
	w->ctx = ctx;
	w->items_only = items_only;
	w->state = items_only ? ST_ITEMS : ST_NEW;
	w->pending = malloc(PENDING_SIZE);
	if (!w->pending) {
		free(w);
		return NULL;
	}
	w->pending_cap = PENDING_SIZE;
	w->out = xmlOutputBufferCreateIO(io_write, io_close, w, NULL);
	if (!w->out) {
		free(w->pending);
		free(w);
		return NULL;
	}
	w->xw = xmlNewTextWriter(w->out);
	if (!w->xw) {
		w->discard = true;
		xmlOutputBufferClose(w->out);
		free(w->pending);
		free(w);
		return NULL;
	}
	return w;
}

static void release_xml(anp_wxr_writer *w)
{
	if (w->xw) {
		w->discard = true;
		xmlFreeTextWriter(w->xw); /* closes w->out */
		w->xw = NULL;
		w->out = NULL;
	}
}

void anp_wxr_free(anp_wxr_writer *w)
{
	if (!w) {
		return;
	}
	release_xml(w);
	free(w->generator_url);
	free(w->pending);
	free(w);
}

/* Flushes first: libxml2 exports no count of what its buffer holds on every
 * platform (xmlOutputBufferGetSize is missing from PHP's Windows exports), and
 * the bytes are the same whenever they reach the target. */
anp_wxr_status anp_wxr_bytes(anp_wxr_writer *w, uint64_t *bytes, anp_wxr_error *error)
{
	anp_wxr_status st = anp_wxr_check_open(w, "bytes", error);
	if (st != ANP_WXR_OK) {
		return st;
	}
	flush_target(w);
	if (w->target_failed || w->xml_failed) {
		w->state = ST_FAILED;
		set_error(error, ANP_WXR_ERR_WRITE, "target", w->target_failed
			? "cannot write to the target" : "libxml2 could not write (out of memory)");
		return ANP_WXR_ERR_WRITE;
	}
	*bytes = w->flushed;
	return ANP_WXR_OK;
}

anp_wxr_status anp_wxr_check_open(anp_wxr_writer *w, const char *call, anp_wxr_error *error)
{
	if (w->state == ST_FINISHED) {
		set_error(error, ANP_WXR_ERR_ORDER, "", "%s() called after finish()", call);
		return ANP_WXR_ERR_ORDER;
	}
	if (w->state == ST_FAILED) {
		set_error(error, ANP_WXR_ERR_WRITE, "target", "an earlier write to the target failed");
		return ANP_WXR_ERR_WRITE;
	}
	return ANP_WXR_OK;
}

/* Whether a call for `section` may come now. */
static anp_wxr_status check_order(anp_wxr_writer *w, int section, const char *call, anp_wxr_error *error)
{
	anp_wxr_status st = anp_wxr_check_open(w, call, error);
	if (st != ANP_WXR_OK) {
		return st;
	}
	if (w->items_only && section < ST_ITEMS) {
		set_error(error, ANP_WXR_ERR_ORDER, "", "%s() writes the header, and this writer writes items only", call);
		return ANP_WXR_ERR_ORDER;
	}
	if (section == ST_NEW) {
		if (w->state != ST_NEW) {
			set_error(error, ANP_WXR_ERR_ORDER, "", "%s() called twice", call);
			return ANP_WXR_ERR_ORDER;
		}
		return ANP_WXR_OK;
	}
	if (w->state == ST_NEW) {
		set_error(error, ANP_WXR_ERR_ORDER, "", "%s() called before startChannel()", call);
		return ANP_WXR_ERR_ORDER;
	}
	if (w->state > section) {
		set_error(error, ANP_WXR_ERR_ORDER, "", "%s() called out of order: the %s have begun", call, section_names[w->state]);
		return ANP_WXR_ERR_ORDER;
	}
	return ANP_WXR_OK;
}

/* Moves on to `section`, writing the whitespace between (core's template
 * writes it whether a section has records or not). */
static void advance(anp_wxr_writer *w, int section)
{
	while (w->state < section) {
		w->state++;
		switch (w->state) {
			case ST_AUTHORS:
			case ST_CATEGORIES:
				OUT_LIT(w, "\n\t");
				break;
			case ST_TAGS:
			case ST_TERMS:
				OUT_LIT(w, "\t");
				break;
			case ST_ITEMS: {
				/* nav menu terms' place, then the rss2_head action's output;
				 * what it drops counts for the document, not for an item */
				uint64_t before = w->dropped;
				OUT_LIT(w, "\t\n\t");
				if (w->generator_url) {
					anp_wxr_str v = { w->generator_url, w->generator_url_len };
					out_start(w, "generator");
					out_plain_text(w, v);
					out_end(w);
					OUT_LIT(w, "\n");
				}
				OUT_LIT(w, "\n\t");
				w->dropped_total += w->dropped - before;
				w->dropped = before;
				break;
			}
		}
	}
}

typedef bool (*record_fn)(anp_wxr_writer *w, const void *record, int kind);

/* Checks the record, then writes it; the failure of the target or of
 * libxml2 makes the writer fail for good. */
static anp_wxr_status run_record(anp_wxr_writer *w, int section, const char *call, record_fn fn, const void *record,
	int kind, bool flush, anp_wxr_error *error)
{
	anp_wxr_status st = check_order(w, section, call, error);
	if (st != ANP_WXR_OK) {
		return st;
	}
	w->error = error;
	w->rec = NULL;
	w->l1 = w->l2 = NULL;
	w->checking = true;
	bool ok = !fn || fn(w, record, kind);
	w->checking = false;
	if (!ok) {
		w->l1 = w->l2 = NULL;
		return error ? error->status : ANP_WXR_ERR_UTF8;
	}
	w->dropped = 0;
	if (section > ST_NEW) {
		advance(w, section);
	}
	if (fn) {
		fn(w, record, kind);
	}
	if (flush) {
		flush_target(w);
	}
	w->dropped_total += w->dropped;
	if (w->target_failed || w->xml_failed) {
		w->state = ST_FAILED;
		set_error(error, ANP_WXR_ERR_WRITE, "target", w->target_failed
			? "cannot write to the target" : "libxml2 could not write (out of memory)");
		return ANP_WXR_ERR_WRITE;
	}
	return ANP_WXR_OK;
}

static bool channel_fn(anp_wxr_writer *w, const void *r, int kind)
{
	(void)kind;
	return channel_record(w, r);
}

static bool author_fn(anp_wxr_writer *w, const void *r, int kind)
{
	(void)kind;
	return author_record(w, r);
}

static bool term_fn(anp_wxr_writer *w, const void *r, int kind)
{
	return term_record(w, kind, r);
}

static bool item_fn(anp_wxr_writer *w, const void *r, int kind)
{
	(void)kind;
	return item_record(w, r);
}

anp_wxr_status anp_wxr_start_channel(anp_wxr_writer *w, const anp_wxr_channel *channel, anp_wxr_error *error)
{
	anp_wxr_status st = run_record(w, ST_NEW, "startChannel", channel_fn, channel, 0, false, error);
	if (st != ANP_WXR_OK) {
		return st;
	}
	if (channel->generator_url.len) {
		w->generator_url = malloc(channel->generator_url.len);
		if (!w->generator_url) {
			w->state = ST_FAILED;
			set_error(error, ANP_WXR_ERR_NOMEM, "target", "out of memory");
			return ANP_WXR_ERR_NOMEM;
		}
		memcpy(w->generator_url, channel->generator_url.ptr, channel->generator_url.len);
		w->generator_url_len = channel->generator_url.len;
	}
	/* the authors' section begins right after the channel fields */
	advance(w, ST_AUTHORS);
	return ANP_WXR_OK;
}

anp_wxr_status anp_wxr_write_author(anp_wxr_writer *w, const anp_wxr_author *author, anp_wxr_error *error)
{
	return run_record(w, ST_AUTHORS, "writeAuthor", author_fn, author, 0, false, error);
}

anp_wxr_status anp_wxr_write_category(anp_wxr_writer *w, const anp_wxr_term *term, anp_wxr_error *error)
{
	return run_record(w, ST_CATEGORIES, "writeCategory", term_fn, term, TERM_CATEGORY, false, error);
}

anp_wxr_status anp_wxr_write_tag(anp_wxr_writer *w, const anp_wxr_term *term, anp_wxr_error *error)
{
	return run_record(w, ST_TAGS, "writeTag", term_fn, term, TERM_TAG, false, error);
}

anp_wxr_status anp_wxr_write_term(anp_wxr_writer *w, const anp_wxr_term *term, anp_wxr_error *error)
{
	return run_record(w, ST_TERMS, "writeTerm", term_fn, term, TERM_TERM, false, error);
}

anp_wxr_status anp_wxr_begin_items(anp_wxr_writer *w, anp_wxr_error *error)
{
	return run_record(w, ST_ITEMS, "beginItems", NULL, NULL, 0, true, error);
}

anp_wxr_status anp_wxr_write_item(anp_wxr_writer *w, const anp_wxr_item *item, uint64_t *dropped, anp_wxr_error *error)
{
	anp_wxr_status st = run_record(w, ST_ITEMS, "writeItem", item_fn, item, 0, true, error);
	if (dropped) {
		*dropped = st == ANP_WXR_OK ? w->dropped : 0;
	}
	if (st == ANP_WXR_OK) {
		w->items++;
	}
	return st;
}

anp_wxr_status anp_wxr_finish(anp_wxr_writer *w, anp_wxr_totals *totals, anp_wxr_error *error)
{
	anp_wxr_status st = check_order(w, ST_ITEMS, "finish", error);
	if (st != ANP_WXR_OK) {
		return st;
	}
	advance(w, ST_ITEMS);
	if (!w->items_only) {
		OUT_LIT(w, "</channel>\n</rss>\n\t");
	}
	flush_target(w);
	if (w->target_failed || w->xml_failed) {
		w->state = ST_FAILED;
		set_error(error, ANP_WXR_ERR_WRITE, "target", w->target_failed
			? "cannot write to the target" : "libxml2 could not write (out of memory)");
		return ANP_WXR_ERR_WRITE;
	}
	if (totals) {
		totals->items = w->items;
		totals->bytes = w->flushed;
		totals->dropped = w->dropped_total;
	}
	w->state = ST_FINISHED;
	release_xml(w);
	return ANP_WXR_OK;
}
