/*
 * Benchmark of the parser core alone, without PHP: the files named on the
 * command line are read into memory once, then parsed over and over with
 * (1) no callbacks, the cost of the parser itself, and (2) callbacks that
 * touch every event, as a consumer would. The baseline, measured in the same
 * run over the same bytes, is the cheapest pass that still finds every line:
 * memchr for '\n'. The ratio says how much the format costs beyond that.
 *
 *   cc -O2 -Isrc src/anp_parser.c bench/core_bench.c -o bench/out/core_bench
 *   bench/out/core_bench bench/out/corpus/000000.txt ...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anp_parser.h"

typedef struct input {
	char *data;
	size_t len;
} input;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t sink;

static void touch_str(anp_str s)
{
	sink += s.len;
}

static void on_title(void *ctx, anp_str s, size_t line) { (void)ctx; (void)line; touch_str(s); }
static void on_block(void *ctx, const anp_block *b)
{
	(void)ctx;
	touch_str(b->text);
	for (size_t i = 0; i < b->item_count; i++) {
		touch_str(b->items[i]);
	}
}
static void on_scalar(void *ctx, const anp_key *k, const anp_value *v) { (void)ctx; touch_str(k->name); touch_str(v->string); }
static void on_begin(void *ctx, const anp_key *k, anp_shape s, size_t n) { (void)ctx; (void)s; sink += n; touch_str(k->name); }
static void on_entry(void *ctx, const anp_key *k, const anp_value *v) { (void)ctx; if (k) touch_str(k->name); touch_str(v->string); }
static void on_text(void *ctx, anp_str s, size_t line) { (void)ctx; (void)line; touch_str(s); }
static void on_warning(void *ctx, anp_warning_code c, anp_str m, size_t line) { (void)ctx; (void)c; (void)line; touch_str(m); }

static const anp_callbacks touching = {
	.title        = on_title,
	.block        = on_block,
	.scalar_field = on_scalar,
	.field_begin  = on_begin,
	.entry        = on_entry,
	.similar      = on_text,
	.unparsed     = on_text,
	.warning      = on_warning,
};

static int read_file(const char *path, input *in)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		return -1;
	}
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	in->data = malloc(size > 0 ? (size_t)size : 1);
	in->len = fread(in->data, 1, size > 0 ? (size_t)size : 0, f);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	size_t count = (size_t)argc - 1, bytes = 0;
	input *inputs = calloc(count, sizeof(*inputs));
	for (size_t i = 0; i < count; i++) {
		if (read_file(argv[i + 1], &inputs[i]) != 0) {
			perror(argv[i + 1]);
			return 1;
		}
		bytes += inputs[i].len;
	}
	/* enough rounds for about 200 MB per measurement */
	size_t rounds = bytes ? 200u * 1024 * 1024 / bytes + 1 : 1;
	const char *labels[] = { "memchr lines (baseline)", "core, no callbacks", "core, touching every event" };
	double seconds[3];
	size_t failures = 0;

	for (int m = 0; m < 3; m++) {
		double start = now();
		for (size_t r = 0; r < rounds; r++) {
			for (size_t i = 0; i < count; i++) {
				if (m == 0) {
					const char *p = inputs[i].data, *end = p + inputs[i].len;
					while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
						p++;
						sink++;
					}
				} else {
					anp_error error;
					failures += anp_parser_run(inputs[i].data, inputs[i].len, NULL, m == 2 ? &touching : NULL, NULL, &error) != ANP_OK;
				}
			}
		}
		seconds[m] = now() - start;
	}
	double total_mb = (double)bytes * (double)rounds / 1e6;
	printf("%zu files, %.1f MB, %zu rounds\n", count, (double)bytes / 1e6, rounds);
	for (int m = 0; m < 3; m++) {
		printf("%-28s %9.1f MB/s %11.0f files/s  %5.2fx baseline time\n", labels[m], total_mb / seconds[m],
			(double)count * (double)rounds / seconds[m], seconds[m] / seconds[0]);
	}
	printf("failed parses: %zu (sink %zu)\n", failures / rounds, sink % 10);
	return 0;
}
