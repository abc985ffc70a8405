/*
 * The parser core under failing allocations, for tests/core_allocation_failure.phpt.
 *
 * Parses inputs of many warnings (150: the 100 kept are trimmed at the end;
 * 1000: also while lines are read) once
 * with an allocator that always gives memory, counting the allocations, then
 * once for each n with an allocator whose n-th allocation fails. Each failed
 * parse must end in exactly one error event, the last, with "out of memory";
 * each parse that succeeds must have no error event. Built with
 * -fsanitize=address, a read past a buffer (the texts of warnings kept after
 * a failed trim) stops the program. Prints one line: how many runs, how many
 * failed, and "ok", or what went wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anp_parser.h"

static size_t allocations;
static size_t fail_at; /* 0: never */

static void *failing_realloc(void *ptr, size_t size)
{
	if (size && ++allocations == fail_at) {
		return NULL;
	}
	return realloc(ptr, size);
}

static void plain_free(void *ptr)
{
	free(ptr);
}

static const anp_allocator failing_allocator = { failing_realloc, plain_free };

typedef struct events {
	size_t warnings;
	size_t errors;
	size_t after_error;
	size_t checksum;
	char message[192];
} events;

static void on_warning(void *ctx, anp_warning_code code, anp_str message, size_t line)
{
	events *e = ctx;
	(void)code;
	(void)line;
	e->warnings++;
	if (e->errors) {
		e->after_error++;
	}
	/* touch every byte of the text, so that a stale one is read */
	for (size_t i = 0; i < message.len; i++) {
		e->checksum += (unsigned char)message.ptr[i];
	}
}

static void on_error(void *ctx, const anp_error *error)
{
	events *e = ctx;
	e->errors++;
	snprintf(e->message, sizeof(e->message), "%s", error->message);
}

static int check(size_t lines)
{
	/* a title, a body, the meta marker, then lines meta cannot read: one
	 * warning (and one unparsed line) each */
	size_t cap = 64 + lines * 32;
	char *input = malloc(cap);
	size_t len = (size_t)snprintf(input, cap, "title\n\nbody.\n\nalphanode post meta\n");
	for (size_t i = 0; i < lines; i++) {
		len += (size_t)snprintf(input + len, cap - len, "not a field line %zu\n", i);
	}

	anp_callbacks callbacks;
	memset(&callbacks, 0, sizeof(callbacks));
	callbacks.warning = on_warning;
	callbacks.error = on_error;
	anp_options options;
	memset(&options, 0, sizeof(options));
	options.allocator = &failing_allocator;

	events whole;
	memset(&whole, 0, sizeof(whole));
	anp_error error;
	allocations = 0;
	fail_at = 0;
	if (anp_parser_run(input, len, &options, &callbacks, &whole, &error) != ANP_OK || whole.warnings < 100) {
		printf("the parse without failures did not give its warnings\n");
		return 1;
	}
	size_t total = allocations;
	size_t failed = 0;
	for (fail_at = 1; fail_at <= total; fail_at++) {
		events e;
		memset(&e, 0, sizeof(e));
		allocations = 0;
		anp_error_code code = anp_parser_run(input, len, &options, &callbacks, &e, &error);
		if (code == ANP_OK) {
			if (e.errors) {
				printf("%zu warnings, allocation %zu of %zu failed: the parse succeeded with an error event\n", lines, fail_at, total);
				return 1;
			}
			continue;
		}
		failed++;
		if (code != ANP_ERR_NO_MEMORY || e.errors != 1 || e.after_error || strcmp(e.message, "out of memory")) {
			printf("%zu warnings, allocation %zu of %zu failed: code %d, %zu error event(s), %zu event(s) after it, message \"%s\"\n",
				lines, fail_at, total, (int)code, e.errors, e.after_error, e.message);
			return 1;
		}
	}
	free(input);
	printf("%zu warnings: %zu runs, %zu failed with one error event: ok\n", lines, total, failed);
	return 0;
}

int main(void)
{
	return check(150) || check(1000);
}
