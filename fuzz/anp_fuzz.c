/*
 * libFuzzer target for the parser core: any bytes, both UTF-8 modes, a small
 * and the default size limit. Beyond the sanitizers' checks it asserts what
 * the format promises of every parse that succeeds: each string handed out
 * is valid UTF-8 with no NUL, only code may hold line feeds and nothing holds
 * a carriage return, and warnings come sorted by line.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     src/anp_parser.c fuzz/anp_fuzz.c -o fuzz/build/anp_fuzz
 *
 * Built with -DANP_FUZZ_EXPAND, the target first expands its input to up to
 * the default size limit (8 MiB), so that libFuzzer, whose inputs stay small,
 * reaches the sizes where time or memory that grows faster than the input
 * shows (a quadratic loop, a copy per warning); scripts/test.sh runs it
 * with -timeout and -rss_limit_mb, so that such an input is a finding. The
 * input is segments split at the byte 0xFF (never valid UTF-8, so the
 * samples are one segment, read as they are). Each segment after the first
 * starts with a byte n and is repeated 2^(n % 21) times, with each 0xFE in
 * it replaced by the repetition's number, so that a repeated key can be a
 * new key each time: "payload\n" 0xFF 0x12 "  \u2022 k" 0xFE ": v\n" is a map
 * of 262,144 keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anp_parser.h"

typedef struct fuzz_state {
	size_t last_warning_line;
	size_t events;
	size_t errors;
} fuzz_state;

static void die(const char *what)
{
	fprintf(stderr, "anp_fuzz: %s\n", what);
	abort();
}

static void check_text(anp_str s, int allow_lf)
{
	const unsigned char *p = (const unsigned char *)s.ptr;
	if (s.len && !s.ptr) {
		die("string with a length but no bytes");
	}
	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = p[i];
		if (c == 0 || c == '\r' || (c == '\n' && !allow_lf)) {
			die("NUL, CR or LF in a string");
		}
		if (c < 0x80) {
			continue;
		}
		size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
		if (!n || i + n > s.len) {
			die("invalid UTF-8 in a string");
		}
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				die("invalid UTF-8 in a string");
			}
		}
		i += n - 1;
	}
}

static void on_title(void *ctx, anp_str title, size_t line)
{
	(void)line;
	((fuzz_state *)ctx)->events++;
	if (!title.len) {
		die("empty title");
	}
	check_text(title, 0);
}

static void on_block(void *ctx, const anp_block *b)
{
	((fuzz_state *)ctx)->events++;
	check_text(b->text, b->type == ANP_BLOCK_CODE);
	check_text(b->source, 0);
	for (size_t i = 0; i < b->item_count; i++) {
		check_text(b->items[i], 0);
	}
}

static void check_value(const anp_value *v)
{
	if (v->type == ANP_VALUE_STRING) {
		check_text(v->string, 0);
	}
}

static void on_scalar(void *ctx, const anp_key *k, const anp_value *v)
{
	((fuzz_state *)ctx)->events++;
	check_text(k->name, 0);
	check_value(v);
}

static void on_field_begin(void *ctx, const anp_key *k, anp_shape shape, size_t count)
{
	(void)shape;
	(void)count;
	((fuzz_state *)ctx)->events++;
	check_text(k->name, 0);
}

static void on_entry(void *ctx, const anp_key *k, const anp_value *v)
{
	((fuzz_state *)ctx)->events++;
	if (k) {
		check_text(k->name, 0);
	}
	check_value(v);
}

static void on_text(void *ctx, anp_str s, size_t line)
{
	(void)line;
	((fuzz_state *)ctx)->events++;
	check_text(s, 0);
}

static void on_warning(void *ctx, anp_warning_code code, anp_str message, size_t line)
{
	fuzz_state *c = ctx;
	if (code >= ANP_WARN_COUNT || line == 0 || line < c->last_warning_line) {
		die("warning out of order or with a bad code");
	}
	c->last_warning_line = line;
	check_text(message, 0);
}

static void on_error(void *ctx, const anp_error *error)
{
	((fuzz_state *)ctx)->errors++;
	if (error->code == ANP_OK || error->line == 0 || !error->message[0]) {
		die("an error event without a code, a line or a message");
	}
}

static const anp_callbacks callbacks = {
	.title        = on_title,
	.block        = on_block,
	.scalar_field = on_scalar,
	.field_begin  = on_field_begin,
	.entry        = on_entry,
	.similar      = on_text,
	.unparsed     = on_text,
	.warning      = on_warning,
	.error        = on_error,
};

static void parse_in_every_mode(const unsigned char *data, size_t size)
{
	for (int mode = 0; mode < 4; mode++) {
		anp_options options;
		anp_error error;
		fuzz_state c;
		memset(&options, 0, sizeof(options));
		memset(&c, 0, sizeof(c));
		options.substitute_invalid_utf8 = mode & 1;
		options.max_bytes = (mode & 2) ? 64 : 0;
		/* a copy of exactly `size` bytes, so that reading past it is caught */
		unsigned char *copy = malloc(size ? size : 1);
		if (!copy) {
			die("out of memory");
		}
		memcpy(copy, data, size);
		anp_error_code rc = anp_parser_run((const char *)copy, size, &options, &callbacks, &c, &error);
		free(copy);
		if (rc != ANP_OK && (error.line == 0 || !error.message[0])) {
			die("an error without a line or a message");
		}
		if (c.errors != (rc != ANP_OK)) {
			die("the error event and the return code disagree");
		}
	}
}

#ifdef ANP_FUZZ_EXPAND

#define EXPAND_LIMIT ANP_DEFAULT_MAX_BYTES

/* Appends what fits of `len` bytes; false once the output is full. */
static int put(unsigned char *out, size_t *used, const void *s, size_t len)
{
	size_t room = EXPAND_LIMIT - *used;
	size_t n = len < room ? len : room;
	memcpy(out + *used, s, n);
	*used += n;
	return n == len;
}

static size_t expand(const unsigned char *data, size_t size, unsigned char *out)
{
	size_t used = 0;
	const unsigned char *end = data + size;
	const unsigned char *seg = data;
	int first = 1;
	while (seg <= end) {
		const unsigned char *stop = memchr(seg, 0xFF, (size_t)(end - seg));
		if (!stop) {
			stop = end;
		}
		size_t times = 1;
		const unsigned char *text = seg;
		if (!first && text < stop) {
			times = (size_t)1 << (*text % 21);
			text++;
		}
		for (size_t i = 0; i < times; i++) {
			for (const unsigned char *p = text; p < stop; p++) {
				const unsigned char *hole = memchr(p, 0xFE, (size_t)(stop - p));
				if (!hole) {
					hole = stop;
				}
				if (!put(out, &used, p, (size_t)(hole - p))) {
					return used;
				}
				p = hole;
				if (hole < stop) {
					char number[24];
					int n = snprintf(number, sizeof(number), "%zu", i);
					if (!put(out, &used, number, (size_t)n)) {
						return used;
					}
				}
			}
		}
		first = 0;
		seg = stop + 1;
	}
	return used;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static unsigned char *out;
	if (!out && !(out = malloc(EXPAND_LIMIT))) {
		die("out of memory");
	}
	parse_in_every_mode(out, expand(data, size, out));
	return 0;
}

#else

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	parse_in_every_mode(data, size);
	return 0;
}

#endif
