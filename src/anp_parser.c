/*
 * anp parser core. See anp_parser.h for the interface, docs/format.md
 * for the format and docs/format-decisions.md for what the spec leaves open.
 *
 * One pass: each line is read, validated and classified once, then handed to
 * the section it belongs to (before the title, body, meta, similar posts).
 * Body blocks and meta lists are held until they end, because their kind
 * depends on all of their lines; they hold views into the input, not copies.
 */
#include "anp_parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Bytes */

#define BC_STOP 0x01 /* NUL, LF, CR or a non-ASCII byte: leaves the fast loop */
#define BC_CODE 0x02 /* one of ( ) { } [ ] ; = < > $ @ # and the backtick: a code-like line */

#define R16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x

/* A table rather than a chain of comparisons: one load per byte classifies it
 * for both the line scanner and the code-like test, so the bytes are read once. */
static const unsigned char byte_class[256] = {
	/* 0x00 */ 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0,
	/* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x20 */ 0, 0, 0, 2, 2, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0,
	/* 0x30 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 0,
	/* 0x40 */ 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x50 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 0,
	/* 0x60 */ 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x70 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 0,
	R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1)
};

static inline bool is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static inline char ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
}

static anp_str str_make(const char *ptr, size_t len)
{
	anp_str s;
	s.ptr = ptr;
	s.len = len;
	return s;
}

#define STR_LIT(lit) str_make(lit, sizeof(lit) - 1)
#define STR_INIT(lit) { lit, sizeof(lit) - 1 }

static anp_str trim(anp_str s)
{
	while (s.len && is_ws(s.ptr[0])) {
		s.ptr++;
		s.len--;
	}
	while (s.len && is_ws(s.ptr[s.len - 1])) {
		s.len--;
	}
	return s;
}

static bool equals_ascii_ci(anp_str s, const char *lower, size_t len)
{
	if (s.len != len) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (ascii_lower(s.ptr[i]) != lower[i]) {
			return false;
		}
	}
	return true;
}

static bool starts_with_ascii_ci(anp_str s, const char *lower, size_t len)
{
	return s.len >= len && equals_ascii_ci(str_make(s.ptr, len), lower, len);
}

/*
 * Checks the UTF-8 sequence that starts with a byte >= 0x80 at `s`, against
 * Unicode's Table 3-7. Returns its length when it is well-formed; else 0, with
 * the length of its maximal subpart (what one U+FFFD replaces) in `subpart`.
 */
static size_t utf8_sequence(const unsigned char *s, const unsigned char *end, size_t *subpart)
{
	unsigned char lead = s[0], lo = 0x80, hi = 0xBF;
	size_t need;

	if (lead >= 0xC2 && lead <= 0xDF) {
		need = 1;
	} else if (lead >= 0xE0 && lead <= 0xEF) {
		need = 2;
		if (lead == 0xE0) {
			lo = 0xA0; /* overlong */
		} else if (lead == 0xED) {
			hi = 0x9F; /* surrogates */
		}
	} else if (lead >= 0xF0 && lead <= 0xF4) {
		need = 3;
		if (lead == 0xF0) {
			lo = 0x90; /* overlong */
		} else if (lead == 0xF4) {
			hi = 0x8F; /* above U+10FFFF */
		}
	} else {
		*subpart = 1;
		return 0;
	}
	size_t i = 1;
	for (; i <= need; i++) {
		if (s + i >= end || s[i] < lo || s[i] > hi) {
			*subpart = i;
			return 0;
		}
		lo = 0x80;
		hi = 0xBF;
	}
	return need + 1;
}

/* ------------------------------------------------------------------------ */
/* Growable arrays and strings owned by the parser */

typedef struct anp_buf {
	char *data;
	size_t len, cap;
} anp_buf;

typedef struct anp_line {
	const char *ptr;
	size_t len;        /* trailing white space already dropped */
	size_t no;
	size_t cont_bytes; /* UTF-8 continuation bytes: len - cont_bytes code points */
	bool code_chars;   /* holds one of the code-like characters */
} anp_line;

/* A bullet line of a meta list, with its "key: value" split made once. */
typedef struct anp_meta_item {
	anp_line raw;
	size_t indent;
	anp_str text;
	anp_str key, value; /* key.ptr NULL when the item is not "key: value" */
	size_t norm_off, norm_len; /* normalized key, in parser.keys */
	bool starts_object;
} anp_meta_item;

typedef struct anp_warning_rec {
	size_t line;
	size_t seq; /* emission order, which breaks ties between warnings of one line */
	anp_warning_code code;
	size_t off, len;
} anp_warning_rec;

/*
 * A set of strings, to find repeated field and item names in linear time.
 * A slot is in use when its generation is the set's: clearing the set starts
 * a new generation instead of wiping the table, because a list of objects
 * clears it once per object and the table keeps the size that the largest
 * map before it needed (wiping it each time made such a file quadratic).
 */
typedef struct anp_strset {
	struct anp_strset_slot {
		uint64_t hash;
		size_t off, len;
		uint32_t generation;
	} *slots;
	size_t cap, count;
	uint32_t generation; /* 0 until the first slots exist; never 0 after */
	anp_buf text;
} anp_strset;

typedef struct anp_chunk {
	struct anp_chunk *next;
	/* bytes follow */
} anp_chunk;

typedef enum anp_section {
	ANP_SECTION_PRE_TITLE,
	ANP_SECTION_BODY,
	ANP_SECTION_META,
	ANP_SECTION_SIMILAR,
	ANP_SECTION_NO_TITLE /* a marker stood where the title should be: only validate */
} anp_section;

typedef struct anp_parser {
	const anp_callbacks *cb;
	void *ctx;
	const anp_allocator *alloc;
	bool substitute;
	anp_error *error;
	bool failed;

	const unsigned char *pos, *end;
	size_t line_no;
	anp_section section;
	anp_chunk *substituted; /* lines rebuilt with U+FFFD, freed at the end */
	size_t substituted_used, substituted_cap; /* bytes of the newest chunk */

	/* body */
	anp_line *block;
	size_t block_len, block_cap;
	size_t blank_run;          /* blank lines since the last non-blank one */
	size_t blanks_before_block;
	bool code_pending;         /* code is held: the next block may continue it */
	size_t code_line;
	anp_buf code, text;
	anp_str *items;
	size_t items_cap;

	/* meta */
	bool has_pending; /* a field line held for one line of look-ahead */
	anp_line pending;
	bool list_open;
	anp_line list_line;
	anp_name list_id;    /* ANP_NAME_NONE unless the line is a known list key */
	bool list_of_scalar; /* the line is a known scalar key's name, with bullets */
	anp_meta_item *mitems;
	size_t mitems_len, mitems_cap;
	size_t *object_sizes;
	size_t object_sizes_cap;
	anp_buf field_name, keys;
	anp_strset seen_fields, item_keys;

	/* warnings are held and sorted, because a look-ahead or a list can report
	 * on a line after a later line has already reported. Only the first
	 * ANP_MAX_WARNINGS in that order are kept (see warn()). */
	anp_warning_rec *warnings;
	size_t warnings_len, warnings_cap;
	anp_buf warning_text;
	size_t warnings_made;      /* all warnings, kept or not: also the next seq */
	bool warnings_trimmed;     /* records were dropped: `cutoff` is set */
	anp_warning_rec cutoff;    /* the last kept record after the last trim */
	size_t first_dropped_line; /* the line of the first warning left out */
	size_t unparsed_made;      /* all unparsed lines, kept or not */
} anp_parser;

static void *default_realloc(void *ptr, size_t size)
{
	return realloc(ptr, size);
}

static void default_free(void *ptr)
{
	free(ptr);
}

static const anp_allocator default_allocator = { default_realloc, default_free };

/*
 * The first failure is sticky: once p->failed is set (by fail(), or by the
 * size check before the first line), fail() changes nothing. A failure tends
 * to cause others as the code unwinds (reserve() and then its caller both
 * report one failed allocation; an input over max_bytes that is only a BOM is
 * also empty), and the caller must be told the cause, so any code may call
 * fail() without asking whether something failed before. From then on no
 * further line is read, the warnings are dropped and the error callback is
 * the last event. The code already under way for the current line still
 * returns through its callers, so after a failed allocation a few events may
 * come before the error: anp_parser.h tells consumers to throw them away.
 */
static void fail(anp_parser *p, anp_error_code code, size_t line, const char *message)
{
	if (p->failed) {
		return;
	}
	p->failed = true;
	p->error->code = code;
	p->error->line = line;
	snprintf(p->error->message, sizeof(p->error->message), "%s", message);
}

/* Makes room for `need` elements of `size` bytes; false (and the parser failed)
 * when the size overflows or the allocator has no memory. */
static bool reserve(anp_parser *p, void **data, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap) {
		return true;
	}
	size_t new_cap = *cap ? *cap : 16;
	while (new_cap < need) {
		if (new_cap > SIZE_MAX / 2) {
			new_cap = need;
			break;
		}
		new_cap *= 2;
	}
	if (new_cap > SIZE_MAX / size) {
		fail(p, ANP_ERR_NO_MEMORY, p->line_no, "out of memory");
		return false;
	}
	void *grown = p->alloc->realloc(*data, new_cap * size);
	if (!grown) {
		fail(p, ANP_ERR_NO_MEMORY, p->line_no, "out of memory");
		return false;
	}
	*data = grown;
	*cap = new_cap;
	return true;
}

static bool buf_append(anp_parser *p, anp_buf *b, const char *s, size_t len)
{
	if (len > SIZE_MAX - b->len || !reserve(p, (void **)&b->data, &b->cap, b->len + len, 1)) {
		fail(p, ANP_ERR_NO_MEMORY, p->line_no, "out of memory");
		return false;
	}
	if (len) {
		memcpy(b->data + b->len, s, len);
	}
	b->len += len;
	return true;
}

static bool buf_append_str(anp_parser *p, anp_buf *b, anp_str s)
{
	return buf_append(p, b, s.ptr, s.len);
}

static bool buf_append_char(anp_parser *p, anp_buf *b, char c)
{
	return buf_append(p, b, &c, 1);
}

static anp_str buf_str(const anp_buf *b)
{
	return str_make(b->data, b->len);
}

/* FNV-1a: short keys, no need for more. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void strset_clear(anp_strset *set)
{
	if (set->count) {
		set->count = 0;
		if (++set->generation == 0) {
			/* after 2^32 clears a stale slot could pass for a used one */
			memset(set->slots, 0, set->cap * sizeof(*set->slots));
			set->generation = 1;
		}
	}
	set->text.len = 0;
}

static bool strset_slot_used(const anp_strset *set, size_t i)
{
	return set->slots[i].generation == set->generation;
}

static bool strset_grow(anp_parser *p, anp_strset *set)
{
	size_t new_cap = set->cap ? set->cap * 2 : 32;
	if (new_cap > SIZE_MAX / sizeof(*set->slots)) {
		fail(p, ANP_ERR_NO_MEMORY, p->line_no, "out of memory");
		return false;
	}
	struct anp_strset_slot *slots = p->alloc->realloc(NULL, new_cap * sizeof(*slots));
	if (!slots) {
		fail(p, ANP_ERR_NO_MEMORY, p->line_no, "out of memory");
		return false;
	}
	memset(slots, 0, new_cap * sizeof(*slots));
	/* the new table starts at generation 1 with only the used slots in it */
	for (size_t i = 0; i < set->cap; i++) {
		if (strset_slot_used(set, i)) {
			size_t j = set->slots[i].hash & (new_cap - 1);
			while (slots[j].generation) {
				j = (j + 1) & (new_cap - 1);
			}
			slots[j] = set->slots[i];
			slots[j].generation = 1;
		}
	}
	set->generation = 1;
	if (set->slots) {
		p->alloc->free(set->slots);
	}
	set->slots = slots;
	set->cap = new_cap;
	return true;
}

/* Adds `s`; returns true when it was new, false when it was already there
 * (or on an allocation failure, which marks the parser failed). */
static bool strset_add(anp_parser *p, anp_strset *set, anp_str s)
{
	if ((set->count + 1) * 2 > set->cap && !strset_grow(p, set)) {
		return false;
	}
	uint64_t h = hash_bytes(s.ptr, s.len);
	size_t j = h & (set->cap - 1);
	while (strset_slot_used(set, j)) {
		struct anp_strset_slot *slot = &set->slots[j];
		if (slot->hash == h && slot->len == s.len && memcmp(set->text.data + slot->off, s.ptr, s.len) == 0) {
			return false;
		}
		j = (j + 1) & (set->cap - 1);
	}
	size_t off = set->text.len;
	if (!buf_append_str(p, &set->text, s)) {
		return false;
	}
	set->slots[j].hash = h;
	set->slots[j].off = off;
	set->slots[j].len = s.len;
	set->slots[j].generation = set->generation;
	set->count++;
	return true;
}

/* ------------------------------------------------------------------------ */
/* Names */

#define NAME_ENTRY(id, text) [ANP_NAME_##id] = STR_INIT(text),
#define FIELD_NAME_ENTRY(id, text, more) NAME_ENTRY(id, text)
static const anp_str names[ANP_NAME_COUNT] = {
	[ANP_NAME_NONE] = STR_INIT(""),
	ANP_SCALAR_FIELDS(FIELD_NAME_ENTRY)
	ANP_LIST_FIELDS(FIELD_NAME_ENTRY)
	ANP_ITEM_KEYS(NAME_ENTRY)
};
#undef FIELD_NAME_ENTRY
#undef NAME_ENTRY

/* The scalar keys as they are glued to their values in a file. */
typedef struct anp_glued_key {
	anp_name id;
	anp_str text;
} anp_glued_key;

#define GLUED_KEY(id, name, glued) { ANP_NAME_##id, STR_INIT(glued) },
static const anp_glued_key glued_keys[] = {
	ANP_SCALAR_FIELDS(GLUED_KEY)
};
#undef GLUED_KEY

anp_str anp_name_string(anp_name name)
{
	if ((unsigned)name >= ANP_NAME_COUNT) {
		return str_make("", 0);
	}
	return names[name];
}

#define NAME_CASE(id, ...) case ANP_NAME_##id:

static bool is_list_field(anp_name id)
{
	switch (id) {
		ANP_LIST_FIELDS(NAME_CASE)
			return true;
		default:
			return false;
	}
}

#undef NAME_CASE

/* Whether a trimmed line is exactly a known name as a file spells it: the
 * name with a space for each '_', in any ASCII case. A variant spelling (a
 * hyphen, two spaces, an underscore) is not the key. */
static bool spells_name(anp_str trimmed, anp_str name)
{
	if (trimmed.len != name.len) {
		return false;
	}
	for (size_t i = 0; i < name.len; i++) {
		char expected = name.ptr[i] == '_' ? ' ' : name.ptr[i];
		if (ascii_lower(trimmed.ptr[i]) != expected) {
			return false;
		}
	}
	return true;
}

#define SPELLED_LIST_FIELD(id, name, shape) if (spells_name(trimmed, STR_LIT(name))) return ANP_NAME_##id;
#define SPELLED_SCALAR_FIELD(id, name, glued) if (spells_name(trimmed, STR_LIT(name))) return true;

/* The known list key that a trimmed line is exactly, or ANP_NAME_NONE. */
static anp_name spelled_list_field(anp_str trimmed)
{
	ANP_LIST_FIELDS(SPELLED_LIST_FIELD)
	return ANP_NAME_NONE;
}

/* Whether a trimmed line is exactly a known scalar key's name. */
static bool spells_scalar_field(anp_str trimmed)
{
	ANP_SCALAR_FIELDS(SPELLED_SCALAR_FIELD)
	return false;
}

#undef SPELLED_SCALAR_FIELD
#undef SPELLED_LIST_FIELD

static anp_name lookup_name(anp_str normalized)
{
	for (int id = ANP_NAME_NONE + 1; id < ANP_NAME_COUNT; id++) {
		if (names[id].len == normalized.len && memcmp(names[id].ptr, normalized.ptr, normalized.len) == 0) {
			return (anp_name)id;
		}
	}
	return ANP_NAME_NONE;
}

/* Lower case, and each run of spaces or '-' becomes one '_'. */
static bool normalize_into(anp_parser *p, anp_buf *out, anp_str s)
{
	s = trim(s);
	size_t start = out->len;
	if (!reserve(p, (void **)&out->data, &out->cap, out->len + s.len, 1)) {
		return false;
	}
	char *dst = out->data + start;
	size_t n = 0;
	bool in_run = false;
	for (size_t i = 0; i < s.len; i++) {
		char c = s.ptr[i];
		if (c == ' ' || c == '-') {
			if (!in_run) {
				dst[n++] = '_';
			}
			in_run = true;
		} else {
			dst[n++] = ascii_lower(c);
			in_run = false;
		}
	}
	out->len = start + n;
	return true;
}

#define SHAPE_CASE(id, name, shape) case ANP_NAME_##id: return ANP_SHAPE_##shape;

/* The format fixes a known list field's shape; an unknown field is shaped by
 * its items instead, in close_list(). */
static anp_shape list_field_shape(anp_name id)
{
	switch (id) {
		ANP_LIST_FIELDS(SHAPE_CASE)
		default:
			return ANP_SHAPE_MAP;
	}
}

#undef SHAPE_CASE

#define SHAPE_WORDS(id, words) [ANP_SHAPE_##id] = STR_INIT(words),
static const anp_str shape_words[] = {
	ANP_SHAPES(SHAPE_WORDS)
};
#undef SHAPE_WORDS

/* ------------------------------------------------------------------------ */
/* Warnings */

#define WARNING_CODE(id, code) [ANP_WARN_##id] = STR_INIT(code),
static const anp_str warning_codes[ANP_WARN_COUNT] = {
	ANP_WARNING_CODES(WARNING_CODE)
};
#undef WARNING_CODE

anp_str anp_warning_code_string(anp_warning_code code)
{
	if ((unsigned)code >= ANP_WARN_COUNT) {
		return str_make("", 0);
	}
	return warning_codes[code];
}

static int compare_warnings(const void *a, const void *b)
{
	const anp_warning_rec *x = a, *y = b;
	if (x->line != y->line) {
		return x->line < y->line ? -1 : 1;
	}
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

static void note_dropped_line(anp_parser *p, size_t line)
{
	if (!p->first_dropped_line || line < p->first_dropped_line) {
		p->first_dropped_line = line;
	}
}

/* Sorts the records and keeps the first ANP_MAX_WARNINGS, with their texts
 * copied into a buffer of their own: the held records and text stay bounded
 * however many warnings a file makes. Returns false, the parser failed and
 * no record kept, when that buffer cannot be had: the records copied so far
 * point into it, the others into the old one, so none can be read. */
static bool trim_warnings(anp_parser *p)
{
	/* qsort is not stable; `seq` makes the order total, so it need not be */
	qsort(p->warnings, p->warnings_len, sizeof(*p->warnings), compare_warnings);
	if (p->warnings_len <= ANP_MAX_WARNINGS) {
		return true;
	}
	note_dropped_line(p, p->warnings[ANP_MAX_WARNINGS].line);
	p->warnings_len = ANP_MAX_WARNINGS;
	p->cutoff = p->warnings[ANP_MAX_WARNINGS - 1];
	p->warnings_trimmed = true;

	anp_buf kept = { NULL, 0, 0 };
	for (size_t i = 0; i < p->warnings_len; i++) {
		anp_warning_rec *w = &p->warnings[i];
		size_t off = kept.len;
		if (!buf_append(p, &kept, p->warning_text.data + w->off, w->len)) {
			if (kept.data) {
				p->alloc->free(kept.data);
			}
			p->warnings_len = 0;
			return false;
		}
		w->off = off;
	}
	if (p->warning_text.data) {
		p->alloc->free(p->warning_text.data);
	}
	p->warning_text = kept;
	return true;
}

/* Records a warning whose message is the concatenation of `parts`. One that
 * comes after the kept ones in line order is only counted, before its text
 * is built. */
static void warn(anp_parser *p, anp_warning_code code, size_t line, const anp_str *parts, size_t nparts)
{
	anp_warning_rec w;
	w.line = line;
	w.seq = p->warnings_made++;
	w.code = code;
	if (p->warnings_trimmed && compare_warnings(&w, &p->cutoff) > 0) {
		note_dropped_line(p, line);
		return;
	}
	if (p->warnings_len == 2 * ANP_MAX_WARNINGS) {
		if (!trim_warnings(p)) {
			return;
		}
		if (compare_warnings(&w, &p->cutoff) > 0) {
			note_dropped_line(p, line);
			return;
		}
	}
	if (!reserve(p, (void **)&p->warnings, &p->warnings_cap, p->warnings_len + 1, sizeof(*p->warnings))) {
		return;
	}
	w.off = p->warning_text.len;
	for (size_t i = 0; i < nparts; i++) {
		if (!buf_append_str(p, &p->warning_text, parts[i])) {
			return;
		}
	}
	w.len = p->warning_text.len - w.off;
	p->warnings[p->warnings_len++] = w;
}

static void warn1(anp_parser *p, anp_warning_code code, size_t line, anp_str message)
{
	warn(p, code, line, &message, 1);
}

/*
 * A name as a message quotes it: a name from a file can be a whole line of
 * megabytes, and each warning about it would copy it. A longer name is cut
 * after ANP_MESSAGE_NAME_BYTES bytes, at the start of a UTF-8 sequence, and
 * the cut is marked with "…" (the second part of `out`; empty when whole).
 */
static void message_name(anp_str name, anp_str out[2])
{
	out[0] = name;
	out[1] = STR_LIT("");
	if (name.len <= ANP_MESSAGE_NAME_BYTES) {
		return;
	}
	size_t cut = ANP_MESSAGE_NAME_BYTES;
	while (cut && ((unsigned char)name.ptr[cut] & 0xC0) == 0x80) {
		cut--;
	}
	out[0].len = cut;
	out[1] = STR_LIT("\xE2\x80\xA6");
}

/* "F message" or "F.K message" */
static void warn_about(anp_parser *p, anp_warning_code code, size_t line, anp_str field, const anp_str *key, anp_str message)
{
	anp_str parts[6];
	size_t n = 2;
	message_name(field, parts);
	if (key) {
		parts[n++] = STR_LIT(".");
		message_name(*key, parts + n);
		n += 2;
	}
	parts[n++] = message;
	warn(p, code, line, parts, n);
}

static void emit_warnings(anp_parser *p)
{
	if (!p->warnings_made) {
		return;
	}
	if (!trim_warnings(p)) {
		return;
	}
	if (!p->cb->warning) {
		return;
	}
	for (size_t i = 0; i < p->warnings_len; i++) {
		const anp_warning_rec *w = &p->warnings[i];
		p->cb->warning(p->ctx, w->code, str_make(p->warning_text.data + w->off, w->len), w->line);
	}
	if (p->warnings_made > p->warnings_len) {
		/* every unparsed line has a warning of its own, so unparsed lines are
		 * left out only when warnings are too, and this one warning tells both */
		char message[160];
		int len = snprintf(message, sizeof(message),
			"%zu more warnings and %zu more unparsed lines left out; only the first %d of each are kept",
			p->warnings_made - p->warnings_len,
			p->unparsed_made > ANP_MAX_UNPARSED ? p->unparsed_made - ANP_MAX_UNPARSED : 0,
			ANP_MAX_WARNINGS);
		p->cb->warning(p->ctx, ANP_WARN_TOO_MANY_WARNINGS, str_make(message, (size_t)len), p->first_dropped_line);
	}
}

/* ------------------------------------------------------------------------ */
/* Lines */

static anp_str line_str(const anp_line *ln)
{
	return str_make(ln->ptr, ln->len);
}

static void fail_at_column(anp_parser *p, anp_error_code code, const char *what, size_t column, const char *expected)
{
	char message[sizeof(p->error->message)];
	snprintf(message, sizeof(message), "%s at column %zu; %s", what, column, expected);
	fail(p, code, p->line_no + 1, message);
}

static void fail_invalid_utf8(anp_parser *p, size_t column)
{
	fail_at_column(p, ANP_ERR_INVALID_UTF8, "invalid UTF-8", column,
		"expected UTF-8 text (or the option invalid_utf8 => 'substitute')");
}

static void fail_nul(anp_parser *p, size_t column)
{
	fail_at_column(p, ANP_ERR_NUL, "NUL byte", column, "expected UTF-8 text");
}

/* Scans a line that is known to be valid UTF-8 without NUL, LF or CR. */
static void scan_valid(anp_line *ln)
{
	const unsigned char *s = (const unsigned char *)ln->ptr;
	unsigned char flags = 0;
	size_t cont = 0;
	for (size_t i = 0; i < ln->len; i++) {
		flags |= byte_class[s[i]];
		cont += (s[i] & 0xC0) == 0x80;
	}
	ln->code_chars = (flags & BC_CODE) != 0;
	ln->cont_bytes = cont;
}

static void finish_line(anp_parser *p, anp_line *ln, const unsigned char *start, const unsigned char *stop)
{
	/* step over the line ending: LF, CRLF or a lone CR */
	const unsigned char *next = stop;
	if (next < p->end) {
		next += (*next == '\r' && next + 1 < p->end && next[1] == '\n') ? 2 : 1;
	}
	p->pos = next;
	size_t len = (size_t)(stop - start);
	while (len && is_ws((char)start[len - 1])) {
		len--;
	}
	ln->ptr = (const char *)start;
	ln->len = len;
	ln->no = ++p->line_no;
}

/* Lines rebuilt with U+FFFD are packed into chunks of at least this size: a
 * chunk per line would cost far more than the line on a file of short ones. */
#define ANP_SUBSTITUTED_CHUNK ((size_t)64 * 1024)

/* Room for `need` bytes at the end of the newest chunk, which never moves:
 * blocks and lists hold views into the lines in it until the end. */
static char *substituted_room(anp_parser *p, size_t need)
{
	if (!p->substituted || p->substituted_cap - p->substituted_used < need) {
		size_t cap = need > ANP_SUBSTITUTED_CHUNK ? need : ANP_SUBSTITUTED_CHUNK;
		if (cap > SIZE_MAX - sizeof(anp_chunk)) {
			fail(p, ANP_ERR_NO_MEMORY, p->line_no, "out of memory");
			return NULL;
		}
		anp_chunk *c = p->alloc->realloc(NULL, sizeof(anp_chunk) + cap);
		if (!c) {
			fail(p, ANP_ERR_NO_MEMORY, p->line_no, "out of memory");
			return NULL;
		}
		c->next = p->substituted;
		p->substituted = c;
		p->substituted_used = 0;
		p->substituted_cap = cap;
	}
	return (char *)(p->substituted + 1) + p->substituted_used;
}

/* The slow road for a line that holds invalid UTF-8 in substitute mode: it
 * is copied with each maximal subpart replaced by U+FFFD. */
static int read_line_substituting(anp_parser *p, anp_line *ln, const unsigned char *start)
{
	const unsigned char *s = start, *stop = start;
	while (stop < p->end && *stop != '\n' && *stop != '\r') {
		stop++;
	}
	/* a subpart is at least one byte and becomes three */
	size_t raw = (size_t)(stop - start);
	if (raw > SIZE_MAX / 3) {
		fail(p, ANP_ERR_NO_MEMORY, p->line_no, "out of memory");
		return -1;
	}
	char *out = substituted_room(p, raw * 3);
	if (!out) {
		return -1;
	}
	size_t n = 0;
	while (s < stop) {
		if (*s == 0) {
			fail_nul(p, (size_t)(s - start) + 1);
			return -1;
		}
		if (*s < 0x80) {
			out[n++] = (char)*s++;
			continue;
		}
		size_t subpart, len = utf8_sequence(s, stop, &subpart);
		if (len) {
			memcpy(out + n, s, len);
			n += len;
			s += len;
		} else {
			memcpy(out + n, "\xEF\xBF\xBD", 3);
			n += 3;
			s += subpart;
		}
	}
	p->substituted_used += n;

	finish_line(p, ln, start, stop);
	ln->ptr = out;
	ln->len = n;
	while (ln->len && is_ws(ln->ptr[ln->len - 1])) {
		ln->len--;
	}
	scan_valid(ln);
	warn1(p, ANP_WARN_INVALID_UTF8, ln->no, STR_LIT("invalid UTF-8 replaced with U+FFFD"));
	return p->failed ? -1 : 1;
}

/* Reads the next line: 1 with a line, 0 at the end, -1 on an error. */
static int read_line(anp_parser *p, anp_line *ln)
{
	const unsigned char *start = p->pos, *s = start, *end = p->end;
	unsigned char flags = 0, k;
	size_t cont = 0;

	if (s >= end) {
		return 0; /* a final line ending ends the last line, it starts none */
	}
	for (;;) {
		while (s < end && !((k = byte_class[*s]) & BC_STOP)) {
			flags |= k;
			s++;
		}
		if (s == end || *s == '\n' || *s == '\r') {
			break;
		}
		if (*s == 0) {
			fail_nul(p, (size_t)(s - start) + 1);
			return -1;
		}
		size_t subpart, n = utf8_sequence(s, end, &subpart);
		if (!n) {
			if (p->substitute) {
				return read_line_substituting(p, ln, start);
			}
			fail_invalid_utf8(p, (size_t)(s - start) + 1);
			return -1;
		}
		cont += n - 1;
		s += n;
	}
	finish_line(p, ln, start, s);
	ln->cont_bytes = cont;
	ln->code_chars = (flags & BC_CODE) != 0;
	return 1;
}

/* A bullet: spaces, U+2022, then the end of the line or a space and the text. */
static bool bullet_item(const anp_line *ln, anp_str *item, size_t *indent)
{
	size_t i = 0;
	while (i < ln->len && ln->ptr[i] == ' ') {
		i++;
	}
	if (ln->len - i < 3 || memcmp(ln->ptr + i, "\xE2\x80\xA2", 3) != 0) {
		return false;
	}
	size_t rest = i + 3;
	if (rest == ln->len) {
		*item = str_make(ln->ptr + rest, 0);
	} else if (ln->ptr[rest] == ' ') {
		*item = trim(str_make(ln->ptr + rest + 1, ln->len - rest - 1));
	} else {
		return false;
	}
	if (indent) {
		*indent = i;
	}
	return true;
}

static bool is_bullet(const anp_line *ln)
{
	anp_str item;
	return bullet_item(ln, &item, NULL);
}

static bool is_meta_marker(anp_str trimmed)
{
	return equals_ascii_ci(trimmed, "alphanode post meta", 19);
}

static bool is_trailer_marker(anp_str trimmed)
{
	return equals_ascii_ci(trimmed, "similar posts", 13);
}

static bool is_chrome(anp_str trimmed)
{
	if (!trimmed.len || trimmed.ptr[0] != '|') {
		return false;
	}
	for (size_t i = 1; i < trimmed.len; i++) {
		if (trimmed.ptr[i] != '|' && !is_ws(trimmed.ptr[i])) {
			return false;
		}
	}
	return true;
}

static bool is_code_like(const anp_line *ln)
{
	return ln->code_chars || (ln->len && is_ws(ln->ptr[0]) && !is_bullet(ln));
}

/* ------------------------------------------------------------------------ */
/* Values */

static bool parse_int(anp_str s, int64_t *out)
{
	size_t i = 0;
	bool negative = s.len && s.ptr[0] == '-';
	uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	uint64_t value = 0;

	i = negative;
	if (i == s.len) {
		return false;
	}
	for (; i < s.len; i++) {
		unsigned digit = (unsigned char)s.ptr[i] - (unsigned)'0';
		if (digit > 9 || value > (limit - digit) / 10) {
			return false;
		}
		value = value * 10 + digit;
	}
	if (negative) {
		*out = value == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)value;
	} else {
		*out = (int64_t)value;
	}
	return true;
}

static bool parse_bool(anp_str s, bool *out)
{
	if (equals_ascii_ci(s, "1", 1) || equals_ascii_ci(s, "true", 4) || equals_ascii_ci(s, "yes", 3)) {
		*out = true;
		return true;
	}
	if (equals_ascii_ci(s, "0", 1) || equals_ascii_ci(s, "false", 5) || equals_ascii_ci(s, "no", 2)) {
		*out = false;
		return true;
	}
	return false;
}

static bool digits_at(anp_str s, size_t at, size_t count, unsigned *out)
{
	unsigned v = 0;
	for (size_t i = at; i < at + count; i++) {
		if (s.ptr[i] < '0' || s.ptr[i] > '9') {
			return false;
		}
		v = v * 10 + (unsigned)(s.ptr[i] - '0');
	}
	*out = v;
	return true;
}

/* YYYY-MM-DD naming a real day, as PHP's checkdate() sees it. */
static bool is_date(anp_str s)
{
	static const unsigned days_in_month[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, m, d;
	if (s.len != 10 || s.ptr[4] != '-' || s.ptr[7] != '-'
			|| !digits_at(s, 0, 4, &y) || !digits_at(s, 5, 2, &m) || !digits_at(s, 8, 2, &d)) {
		return false;
	}
	if (y < 1 || m < 1 || m > 12 || d < 1) {
		return false;
	}
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days_in_month[m - 1] + (m == 2 && leap);
}

static anp_value string_value(anp_str s)
{
	anp_value v;
	memset(&v, 0, sizeof(v));
	v.type = ANP_VALUE_STRING;
	v.string = s;
	return v;
}

/* The value of field F (item K), typed as the spec says; warns when it is not. */
static anp_value typed_value(anp_parser *p, anp_name field, anp_str field_name, const anp_key *item, anp_str raw, size_t line)
{
	anp_value v = string_value(raw);
	anp_name key = item ? item->id : ANP_NAME_NONE;
	const anp_str *key_name = item ? &item->name : NULL;

	bool wants_int = field == ANP_NAME_READING_TIME || field == ANP_NAME_VIEW_COUNT || field == ANP_NAME_SCORE
		|| (field == ANP_NAME_PAYLOAD && (key == ANP_NAME_PARAGRAPHS || key == ANP_NAME_SEED));
	if (wants_int) {
		if (parse_int(raw, &v.integer)) {
			v.type = ANP_VALUE_INT;
		} else {
			warn_about(p, ANP_WARN_BAD_INT, line, field_name, key_name, STR_LIT(" is not an integer; kept as a string"));
		}
	} else if (field == ANP_NAME_FLAGS) {
		if (parse_bool(raw, &v.boolean)) {
			v.type = ANP_VALUE_BOOL;
		} else {
			warn_about(p, ANP_WARN_BAD_BOOL, line, field_name, key_name, STR_LIT(" is not a boolean; kept as a string"));
		}
	} else if (field == ANP_NAME_REVISION && key == ANP_NAME_LAST_REVIEWED && !is_date(raw)) {
		warn_about(p, ANP_WARN_BAD_DATE, line, field_name, key_name, STR_LIT(" is not a YYYY-MM-DD date; kept as it is"));
	}
	return v;
}

/* ------------------------------------------------------------------------ */
/* Body */

static void emit_block(anp_parser *p, const anp_block *b)
{
	if (p->cb->block) {
		p->cb->block(p->ctx, b);
	}
}

static void flush_code(anp_parser *p)
{
	if (!p->code_pending) {
		return;
	}
	anp_block b;
	memset(&b, 0, sizeof(b));
	b.type = ANP_BLOCK_CODE;
	b.line = p->code_line;
	b.text = buf_str(&p->code);
	emit_block(p, &b);
	p->code_pending = false;
	p->code.len = 0;
}

/* Code blocks separated only by blank lines are one block, which keeps one
 * line ending per blank line between them. */
static void add_code(anp_parser *p)
{
	if (p->code_pending) {
		for (size_t i = 0; i <= p->blanks_before_block; i++) {
			buf_append_char(p, &p->code, '\n');
		}
	} else {
		p->code_pending = true;
		p->code_line = p->block[0].no;
		p->code.len = 0;
	}
	for (size_t i = 0; i < p->block_len; i++) {
		if (i) {
			buf_append_char(p, &p->code, '\n');
		}
		buf_append_str(p, &p->code, line_str(&p->block[i]));
	}
}

static bool block_is_list(anp_parser *p)
{
	if (!reserve(p, (void **)&p->items, &p->items_cap, p->block_len, sizeof(*p->items))) {
		return false;
	}
	for (size_t i = 0; i < p->block_len; i++) {
		if (!bullet_item(&p->block[i], &p->items[i], NULL)) {
			return false;
		}
	}
	return true;
}

static bool block_is_image(anp_parser *p, anp_block *b)
{
	static const char glue[] = ". image source: ";
	const size_t glue_len = sizeof(glue) - 1;
	if (p->block_len != 2) {
		return false;
	}
	anp_str alt = trim(line_str(&p->block[0]));
	anp_str second = trim(line_str(&p->block[1]));
	if (second.len <= alt.len + glue_len || memcmp(second.ptr, alt.ptr, alt.len) != 0
			|| memcmp(second.ptr + alt.len, glue, glue_len) != 0) {
		return false;
	}
	anp_str source = trim(str_make(second.ptr + alt.len + glue_len, second.len - alt.len - glue_len));
	if (!source.len) {
		return false;
	}
	b->text = alt;
	b->source = source;
	return true;
}

static bool ends_with_one_of(anp_str s, const char *set)
{
	return s.len && strchr(set, s.ptr[s.len - 1]) != NULL;
}

static void end_block(anp_parser *p)
{
	if (!p->block_len) {
		return;
	}
	anp_block b;
	memset(&b, 0, sizeof(b));
	b.line = p->block[0].no;

	if (block_is_list(p)) {
		b.type = ANP_BLOCK_LIST;
		b.items = p->items;
		b.item_count = p->block_len;
	} else if (block_is_image(p, &b)) {
		b.type = ANP_BLOCK_IMAGE;
	} else if (p->block_len > 1) {
		bool code = false;
		for (size_t i = 0; i < p->block_len && !code; i++) {
			code = is_code_like(&p->block[i]);
		}
		if (code) {
			add_code(p);
			p->block_len = 0;
			return;
		}
		b.type = ANP_BLOCK_PARAGRAPH;
		p->text.len = 0;
		for (size_t i = 0; i < p->block_len; i++) {
			if (i) {
				buf_append_char(p, &p->text, ' ');
			}
			buf_append_str(p, &p->text, trim(line_str(&p->block[i])));
		}
		b.text = buf_str(&p->text);
	} else {
		const anp_line *only = &p->block[0];
		anp_str text = trim(line_str(only));
		if (is_code_like(only) && !ends_with_one_of(text, ".!?")) {
			add_code(p);
			p->block_len = 0;
			return;
		}
		/* the length in code points: every byte but the continuation bytes */
		size_t code_points = only->len - only->cont_bytes;
		b.type = (code_points <= 80 && !ends_with_one_of(text, ".!?:,;")) ? ANP_BLOCK_HEADING : ANP_BLOCK_PARAGRAPH;
		b.text = text;
	}
	p->block_len = 0;
	if (p->failed) {
		return;
	}
	flush_code(p);
	emit_block(p, &b);
}

static void body_line(anp_parser *p, const anp_line *ln)
{
	if (!ln->len) {
		end_block(p);
		p->blank_run++;
		return;
	}
	anp_str t = trim(line_str(ln));
	/* markers are short: compare lengths before looking at the bytes */
	if ((t.len == 19 && is_meta_marker(t)) || (t.len == 13 && is_trailer_marker(t))) {
		end_block(p);
		flush_code(p);
		if (t.len == 19) {
			p->section = ANP_SECTION_META;
		} else {
			warn1(p, ANP_WARN_NO_META, ln->no, STR_LIT("no \"alphanode post meta\" marker; meta is empty"));
			p->section = ANP_SECTION_SIMILAR;
		}
		return;
	}
	if (!p->block_len) {
		p->blanks_before_block = p->blank_run;
	}
	p->blank_run = 0;
	if (!reserve(p, (void **)&p->block, &p->block_cap, p->block_len + 1, sizeof(*p->block))) {
		return;
	}
	p->block[p->block_len++] = *ln;
}

/* ------------------------------------------------------------------------ */
/* Meta */

static anp_key make_key(anp_name id, anp_str name, size_t line)
{
	anp_key k;
	k.id = id;
	k.name = name;
	k.line = line;
	return k;
}

/* Only the first ANP_MAX_UNPARSED lines are handed out; the rest are counted. */
static void emit_unparsed(anp_parser *p, const anp_line *ln)
{
	if (p->unparsed_made++ < ANP_MAX_UNPARSED && p->cb->unparsed) {
		p->cb->unparsed(p->ctx, line_str(ln), ln->no);
	}
}

static void stray_line(anp_parser *p, const anp_line *ln, anp_str why)
{
	emit_unparsed(p, ln);
	warn1(p, ANP_WARN_UNPARSED_LINE, ln->no, why);
}

/* Warns when field `name` was seen before, then remembers it. */
static void note_field(anp_parser *p, anp_str name, size_t line)
{
	if (!strset_add(p, &p->seen_fields, name) && !p->failed) {
		warn_about(p, ANP_WARN_DUPLICATE_FIELD, line, name, NULL, STR_LIT(" appears again; the later value wins"));
	}
}

/* A field line with no bullet under it: a glued scalar, or an unknown line. */
static void flush_pending(anp_parser *p)
{
	if (!p->has_pending) {
		return;
	}
	p->has_pending = false;
	const anp_line *ln = &p->pending;
	anp_str t = trim(line_str(ln));
	const anp_glued_key *best = NULL;
	for (size_t i = 0; i < sizeof(glued_keys) / sizeof(glued_keys[0]); i++) {
		const anp_glued_key *glued = &glued_keys[i];
		if ((!best || glued->text.len > best->text.len) && starts_with_ascii_ci(t, glued->text.ptr, glued->text.len)) {
			best = glued;
		}
	}
	if (!best) {
		stray_line(p, ln, STR_LIT("not a known meta field; kept in unparsed"));
		return;
	}
	anp_name id = best->id;
	anp_key field = make_key(id, anp_name_string(id), ln->no);
	anp_str raw = trim(str_make(t.ptr + best->text.len, t.len - best->text.len));
	anp_value v = typed_value(p, id, field.name, NULL, raw, ln->no);
	note_field(p, field.name, ln->no);
	if (p->cb->scalar_field && !p->failed) {
		p->cb->scalar_field(p->ctx, &field, &v);
	}
}

static void open_list(anp_parser *p, const anp_line *ln, anp_name id, bool of_scalar)
{
	p->list_open = true;
	p->list_line = *ln;
	p->list_id = id;
	p->list_of_scalar = of_scalar;
	p->mitems_len = 0;
	p->field_name.len = 0;
	normalize_into(p, &p->field_name, line_str(ln));
}

/* Splits an item at its first ": ", or at a final ':'. */
static void split_item(anp_meta_item *it)
{
	anp_str t = it->text;
	it->key.ptr = NULL;
	for (size_t i = 0; i + 1 < t.len; i++) {
		if (t.ptr[i] == ':' && t.ptr[i + 1] == ' ') {
			anp_str key = trim(str_make(t.ptr, i));
			if (key.len) {
				it->key = key;
				it->value = trim(str_make(t.ptr + i + 2, t.len - i - 2));
			}
			return;
		}
	}
	if (t.len && t.ptr[t.len - 1] == ':') {
		anp_str key = trim(str_make(t.ptr, t.len - 1));
		if (key.len) {
			it->key = key;
			it->value = str_make(t.ptr + t.len, 0);
		}
	}
}

static anp_str item_key_name(anp_parser *p, const anp_meta_item *it)
{
	return str_make(p->keys.data + it->norm_off, it->norm_len);
}

static void emit_entry(anp_parser *p, const anp_key *key, const anp_value *v)
{
	if (p->cb->entry && !p->failed) {
		p->cb->entry(p->ctx, key, v);
	}
}

static void emit_list_items(anp_parser *p)
{
	for (size_t i = 0; i < p->mitems_len; i++) {
		anp_value v = string_value(p->mitems[i].text);
		emit_entry(p, NULL, &v);
	}
}

static void not_key_value(anp_parser *p, const anp_meta_item *it, anp_str field_name)
{
	anp_str parts[4] = { STR_LIT("expected \"key: value\" in "), field_name, STR_LIT(""), STR_LIT("; kept in unparsed") };
	message_name(field_name, parts + 1);
	emit_unparsed(p, &it->raw);
	warn(p, ANP_WARN_UNPARSED_LINE, it->raw.no, parts, 4);
}

static void emit_map_items(anp_parser *p, anp_name field_id, anp_str field_name)
{
	strset_clear(&p->item_keys);
	for (size_t i = 0; i < p->mitems_len && !p->failed; i++) {
		const anp_meta_item *it = &p->mitems[i];
		if (!it->key.ptr) {
			not_key_value(p, it, field_name);
			continue;
		}
		anp_str name = item_key_name(p, it);
		anp_key key = make_key(lookup_name(name), name, it->raw.no);
		anp_value v = typed_value(p, field_id, field_name, &key, it->value, it->raw.no);
		if (!strset_add(p, &p->item_keys, name) && !p->failed) {
			warn_about(p, ANP_WARN_DUPLICATE_FIELD, it->raw.no, field_name, &name, STR_LIT(" appears again; the later value wins"));
		}
		emit_entry(p, &key, &v);
	}
}

/* A new object starts whenever a key repeats within the current one. */
static size_t split_objects(anp_parser *p)
{
	size_t count = 0;
	strset_clear(&p->item_keys);
	for (size_t i = 0; i < p->mitems_len && !p->failed; i++) {
		anp_meta_item *it = &p->mitems[i];
		it->starts_object = false;
		if (!it->key.ptr) {
			continue;
		}
		anp_str name = item_key_name(p, it);
		if (!count || !strset_add(p, &p->item_keys, name)) {
			if (!reserve(p, (void **)&p->object_sizes, &p->object_sizes_cap, count + 1, sizeof(size_t))) {
				return 0;
			}
			strset_clear(&p->item_keys);
			strset_add(p, &p->item_keys, name);
			it->starts_object = true;
			p->object_sizes[count++] = 0;
		}
		p->object_sizes[count - 1]++;
	}
	return count;
}

static void emit_object_items(anp_parser *p, anp_str field_name)
{
	size_t object = 0;
	for (size_t i = 0; i < p->mitems_len && !p->failed; i++) {
		const anp_meta_item *it = &p->mitems[i];
		if (!it->key.ptr) {
			not_key_value(p, it, field_name);
			continue;
		}
		if (it->starts_object) {
			if (object && p->cb->object_end) {
				p->cb->object_end(p->ctx);
			}
			if (p->cb->object_begin) {
				p->cb->object_begin(p->ctx, p->object_sizes[object]);
			}
			object++;
		}
		anp_str name = item_key_name(p, it);
		anp_key key = make_key(lookup_name(name), name, it->raw.no);
		anp_value v = string_value(it->value);
		emit_entry(p, &key, &v);
	}
	if (object && p->cb->object_end && !p->failed) {
		p->cb->object_end(p->ctx);
	}
}

/* The list under a field line is complete: give it its shape and emit it. */
static void close_list(anp_parser *p)
{
	if (!p->list_open) {
		return;
	}
	p->list_open = false;

	bool all_key_value = true, all_deep = true;
	bool plain_list = is_list_field(p->list_id) && list_field_shape(p->list_id) == ANP_SHAPE_LIST;
	p->keys.len = 0;
	/* a known list of strings keeps its items whole: no need to split them */
	for (size_t i = 0; i < p->mitems_len && !plain_list; i++) {
		anp_meta_item *it = &p->mitems[i];
		split_item(it);
		if (it->key.ptr) {
			it->norm_off = p->keys.len;
			normalize_into(p, &p->keys, it->key);
			it->norm_len = p->keys.len - it->norm_off;
		} else {
			all_key_value = false;
		}
		all_deep = all_deep && it->indent >= 4;
	}

	anp_str field_name = buf_str(&p->field_name);
	anp_key field = make_key(p->list_id, field_name, p->list_line.no);
	anp_shape shape;
	if (is_list_field(p->list_id)) {
		shape = list_field_shape(p->list_id);
	} else {
		shape = all_key_value ? (all_deep ? ANP_SHAPE_OBJECTS : ANP_SHAPE_MAP) : ANP_SHAPE_LIST;
		anp_str parts[5] = { STR_LIT("unknown field "), field_name, STR_LIT(""), STR_LIT("; kept as "), shape_words[shape] };
		if (p->list_of_scalar) {
			parts[0] = STR_LIT("scalar field ");
			parts[3] = STR_LIT(" has bullets; kept as ");
		}
		message_name(field_name, parts + 1);
		warn(p, ANP_WARN_UNKNOWN_FIELD, field.line, parts, 5);
	}
	note_field(p, field_name, field.line);

	size_t count = p->mitems_len;
	if (shape == ANP_SHAPE_OBJECTS) {
		count = split_objects(p);
	}
	if (p->failed) {
		return;
	}
	if (p->cb->field_begin) {
		p->cb->field_begin(p->ctx, &field, shape, count);
	}
	switch (shape) {
		case ANP_SHAPE_LIST:
			emit_list_items(p);
			break;
		case ANP_SHAPE_MAP:
			emit_map_items(p, is_list_field(p->list_id) ? p->list_id : ANP_NAME_NONE, field_name);
			break;
		case ANP_SHAPE_OBJECTS:
			emit_object_items(p, field_name);
			break;
	}
	if (p->cb->field_end && !p->failed) {
		p->cb->field_end(p->ctx);
	}
}

static void add_meta_item(anp_parser *p, const anp_line *ln, anp_str text, size_t indent)
{
	if (!reserve(p, (void **)&p->mitems, &p->mitems_cap, p->mitems_len + 1, sizeof(*p->mitems))) {
		return;
	}
	anp_meta_item *it = &p->mitems[p->mitems_len++];
	memset(it, 0, sizeof(*it));
	it->raw = *ln;
	it->text = text;
	it->indent = indent;
}

static void finish_meta(anp_parser *p)
{
	flush_pending(p);
	close_list(p);
}

static void meta_line(anp_parser *p, const anp_line *ln)
{
	if (!ln->len) {
		finish_meta(p); /* a blank line ends a list */
		return;
	}
	anp_str item;
	size_t indent;
	if (bullet_item(ln, &item, &indent)) {
		if (p->has_pending) {
			/* any line followed by bullets is a list key, a scalar's name too;
			 * not a known list key, or it would be open already */
			p->has_pending = false;
			open_list(p, &p->pending, ANP_NAME_NONE, spells_scalar_field(trim(line_str(&p->pending))));
		}
		if (p->list_open) {
			add_meta_item(p, ln, item, indent);
		} else {
			stray_line(p, ln, STR_LIT("bullet outside a list; kept in unparsed"));
		}
		return;
	}
	finish_meta(p);
	anp_str t = trim(line_str(ln));
	if (t.len == 13 && is_trailer_marker(t)) {
		p->section = ANP_SECTION_SIMILAR;
		return;
	}
	anp_name id = spelled_list_field(t);
	if (id != ANP_NAME_NONE) {
		open_list(p, ln, id, false);
	} else {
		p->has_pending = true;
		p->pending = *ln;
	}
}

/* ------------------------------------------------------------------------ */
/* Sections */

static void pre_title_line(anp_parser *p, const anp_line *ln)
{
	anp_str t = trim(line_str(ln));
	if (!t.len || is_chrome(t)) {
		return;
	}
	if (is_meta_marker(t) || is_trailer_marker(t)) {
		p->section = ANP_SECTION_NO_TITLE;
		return;
	}
	if (p->cb->title) {
		p->cb->title(p->ctx, t, ln->no);
	}
	p->section = ANP_SECTION_BODY;
}

static void similar_line(anp_parser *p, const anp_line *ln)
{
	anp_str title;
	if (!ln->len) {
		return;
	}
	if (!bullet_item(ln, &title, NULL)) {
		title = trim(line_str(ln));
	}
	if (p->cb->similar) {
		p->cb->similar(p->ctx, title, ln->no);
	}
}

static void release(anp_parser *p)
{
	void *owned[] = {
		p->block, p->code.data, p->text.data, p->items, p->mitems, p->object_sizes,
		p->field_name.data, p->keys.data,
		p->seen_fields.slots, p->seen_fields.text.data, p->item_keys.slots, p->item_keys.text.data,
		p->warnings, p->warning_text.data,
	};
	for (size_t i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
		if (owned[i]) {
			p->alloc->free(owned[i]);
		}
	}
	while (p->substituted) {
		anp_chunk *next = p->substituted->next;
		p->alloc->free(p->substituted);
		p->substituted = next;
	}
}

anp_error_code anp_parser_check_size(size_t len, const anp_options *options, anp_error *error)
{
	size_t max_bytes = options && options->max_bytes ? options->max_bytes : ANP_DEFAULT_MAX_BYTES;
	memset(error, 0, sizeof(*error));
	if (len > max_bytes) {
		error->code = ANP_ERR_TOO_LARGE;
		error->line = 1;
		snprintf(error->message, sizeof(error->message),
			"input is %zu bytes; expected at most max_bytes (%zu)", len, max_bytes);
	}
	return error->code;
}

anp_error_code anp_parser_run(const char *input, size_t len, const anp_options *options,
		const anp_callbacks *callbacks, void *ctx, anp_error *error)
{
	static const anp_callbacks no_callbacks;
	anp_parser p;
	anp_line ln;

	memset(&p, 0, sizeof(p));
	memset(error, 0, sizeof(*error));
	p.cb = callbacks ? callbacks : &no_callbacks;
	p.ctx = ctx;
	p.alloc = options && options->allocator ? options->allocator : &default_allocator;
	p.substitute = options && options->substitute_invalid_utf8;
	p.error = error;
	p.pos = (const unsigned char *)input;
	p.end = p.pos + len;

	if (anp_parser_check_size(len, options, error) != ANP_OK) {
		p.failed = true;
	}
	if (len >= 3 && memcmp(input, "\xEF\xBB\xBF", 3) == 0) {
		p.pos += 3;
	}
	if (p.pos == p.end) {
		fail(&p, ANP_ERR_EMPTY, 1, "empty input; expected a title line");
	}

	while (!p.failed && read_line(&p, &ln) > 0) {
		switch (p.section) {
			case ANP_SECTION_PRE_TITLE:
				pre_title_line(&p, &ln);
				break;
			case ANP_SECTION_BODY:
				body_line(&p, &ln);
				break;
			case ANP_SECTION_META:
				meta_line(&p, &ln);
				break;
			case ANP_SECTION_SIMILAR:
				similar_line(&p, &ln);
				break;
			case ANP_SECTION_NO_TITLE:
				break;
		}
	}

	if (!p.failed) {
		switch (p.section) {
			case ANP_SECTION_PRE_TITLE:
			case ANP_SECTION_NO_TITLE:
				fail(&p, ANP_ERR_NO_TITLE, 1, "no title; expected a line that is not blank, chrome or a marker");
				break;
			case ANP_SECTION_BODY:
				end_block(&p);
				flush_code(&p);
				warn1(&p, ANP_WARN_NO_META, p.line_no, STR_LIT("no \"alphanode post meta\" marker; meta is empty"));
				break;
			case ANP_SECTION_META:
				finish_meta(&p);
				break;
			case ANP_SECTION_SIMILAR:
				break;
		}
	}
	if (!p.failed) {
		/* may fail too: trimming the warnings copies their texts */
		emit_warnings(&p);
	}
	if (p.failed && p.cb->error) {
		p.cb->error(p.ctx, error);
	}
	release(&p);
	return error->code;
}
