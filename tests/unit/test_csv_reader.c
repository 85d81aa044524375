/* CSV reader: the plain path (records cut in place in the block) gives exactly what the state
 * machine gives, on chosen awkward inputs and on thousands of random ones, including records
 * across block boundaries, limits and errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"
#include "util/csv.h"

/* Records the reader said were plain ASCII, over the whole test. */
static long ascii_records;

/* Everything reader C says, one line per record (line, fields with their lengths) and a last
 * line for how it ended, into OUT. */
static void transcribe(struct csv *c, struct buf *out)
{
	buf_reset(out);
	int rc;
	while ((rc = csv_next(c)) == CSV_RECORD) {
		buf_printf(out, "R%ld:%zu", csv_line(c), csv_count(c));
		if (csv_record_ascii(c)) ascii_records++;
		for (size_t i = 0; i < csv_count(c); i++) {
			size_t n = csv_field_len(c, i);
			assert_int_equal(strlen(csv_field(c, i)), n);   /* NUL-terminated at its length */
			/* a record said to be ASCII is: no byte over 127, no NUL (strlen above) */
			for (size_t k = 0; k < n && csv_record_ascii(c); k++) assert_true((unsigned char)csv_field(c, i)[k] < 0x80);
			buf_printf(out, "|%zu:", n);
			buf_append(out, csv_field(c, i), n);
		}
		buf_putc(out, '\n');
	}
	buf_printf(out, "%s@%ld:%s bytes=%lld\n", rc == CSV_EOF ? "EOF" : "ERROR", csv_line(c), csv_error(c),
		csv_bytes_read(c));
}

/* transcribe() for INPUT read through stdio, with the plain path on or off and the limits. */
static void transcript(const char *input, size_t len, int plain, size_t max_record, size_t max_fields,
	struct buf *out)
{
	FILE *f = fmemopen((void *)input, len, "r");
	assert_non_null(f);
	struct csv *c = csv_open(f, ',');
	csv_set_plain_path(c, plain);
	csv_set_limits(c, max_record, max_fields);
	transcribe(c, out);
	csv_close(c);
	fclose(f);
}

/* The two paths agree on INPUT under the given limits. */
static void paths_agree(const char *input, size_t len, size_t max_record, size_t max_fields)
{
	struct buf plain = BUF_INIT, machine = BUF_INIT;
	transcript(input, len, 1, max_record, max_fields, &plain);
	transcript(input, len, 0, max_record, max_fields, &machine);
	if (strcmp(buf_str(&plain), buf_str(&machine)) != 0) {
		fprintf(stderr, "input (%zu bytes) read differently:\n--- plain path\n%s--- state machine\n%s", len,
			buf_str(&plain), buf_str(&machine));
		fail();
	}
	buf_free(&plain);
	buf_free(&machine);
}

static void chosen_inputs_read_the_same_either_way(void **state)
{
	static const char *const inputs[] = {
		"", "\n", "\n\n", "a", "a\n", "a,b,c\n1,2,3\n", "a,b,c\r\n1,2,3\r\n", "a,,\n,,\n",
		"\xEF\xBB\xBF" "Crime ID,Month\nx,2019-01\n", "\xEF\xBB\xBF", "a\rb,c\n", "a,b\r\r\n",
		"\"q\",b\nc,\"d\"\"e\"\n", "\"multi\nline\",x\ny,z\n", "a,\"b\n", "a,b\nc", "a,b\r",
		"x,\"\",y\n", "ab\"c,d\n", "\r\n", "a\n\rb\n",
	};
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
		paths_agree(inputs[i], strlen(inputs[i]), 1 << 20, 4096);
}

static void limits_are_reported_the_same_either_way(void **state)
{
	paths_agree("a,b,c,d\n1,2,3,4\n", 16, 1 << 20, 3);
	paths_agree("a,b,c\n", 6, 1 << 20, 3);
	paths_agree("abcdefgh,ij\nk\n", 14, 8, 4096);
	paths_agree("abcdef\n", 7, 8, 4096);
	paths_agree("abcdefg\n", 8, 8, 4096);
}

/* Random text over a small alphabet rich in delimiters, quotes and line ends, long enough
 * to cross the reader's 64 KiB blocks. */
static void random_inputs_read_the_same_either_way(void **state)
{
	static const char alphabet[] = "ab,,,\"\n\n\r c\xC3\xA9";
	srand(20261126);
	struct buf in = BUF_INIT;
	for (int round = 0; round < 3000; round++) {
		size_t len = (size_t)(rand() % (round % 100 == 0 ? 200000 : 300));
		buf_reset(&in);
		for (size_t i = 0; i < len; i++) {
			/* mostly plain rows, sometimes any byte of the alphabet */
			char ch = rand() % 4 ? "abc,\n"[rand() % 5] : alphabet[rand() % (sizeof alphabet - 1)];
			buf_putc(&in, ch);
		}
		size_t max_fields = round % 7 == 0 ? 3 : 4096, max_record = round % 11 == 0 ? 16 : 1 << 20;
		paths_agree(in.data ? in.data : "", in.len, max_record, max_fields);
	}
	buf_free(&in);
}

/* A file of plain rows a little over several blocks: every record, including those that
 * straddle a block boundary, comes back whole. */
static void plain_ascii_records_are_told_apart(void **state)
{
	static const struct { const char *text; int ascii; } cases[] = {
		{"a,b,c\n", 1}, {"caf\xC3\xA9,b\n", 0}, {"\"a\",b\n", 0}, {"a,b", 0}, {"12345678,abcdefgh,\xC3\xA9\n", 0},
		{"1234567,abcdefgh,ijklmnop\r\n", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		FILE *f = fmemopen((void *)cases[i].text, strlen(cases[i].text), "r");
		struct csv *c = csv_open(f, ',');
		assert_int_equal(csv_next(c), CSV_RECORD);
		assert_int_equal(csv_record_ascii(c), cases[i].ascii);
		csv_close(c);
		fclose(f);
	}
	/* a NUL inside a record is not plain ASCII */
	static const char with_nul[] = "ab\0c,d\n";
	FILE *f = fmemopen((void *)with_nul, sizeof with_nul - 1, "r");
	struct csv *c = csv_open(f, ',');
	assert_int_equal(csv_next(c), CSV_RECORD);
	assert_int_equal(csv_record_ascii(c), 0);
	assert_int_equal(csv_field_len(c, 0), 4);
	csv_close(c);
	fclose(f);
	assert_true(ascii_records > 0);   /* the random inputs met the flag too */
}

/* A read function that hands out its text a few bytes at a time. */
struct trickle {
	const char *text;
	size_t len, pos;
};

static long trickle_read(void *cookie, void *buf, size_t size)
{
	struct trickle *t = cookie;
	size_t n = (size_t)(rand() % 97) + 1;
	if (n > size) n = size;
	if (n > t->len - t->pos) n = t->len - t->pos;
	memcpy(buf, t->text + t->pos, n);
	t->pos += n;
	return (long)n;
}

/* Records come back the same whether the reader gets whole blocks or a few bytes per read:
 * nearly every record then crosses a block boundary. */
static void short_reads_give_the_same_records(void **state)
{
	srand(7);
	struct buf in = BUF_INIT, whole = BUF_INIT, trickled = BUF_INIT;
	for (int i = 0; i < 3000; i++) buf_printf(&in, "%d,\"quoted, %d\",plain %d,\r\n", i, i, i);
	transcript(in.data, in.len, 1, 1 << 20, 4096, &whole);
	struct trickle t = {in.data, in.len, 0};
	struct csv *c = csv_open_reader(trickle_read, &t, ',');
	transcribe(c, &trickled);
	csv_close(c);
	assert_string_equal(buf_str(&trickled), buf_str(&whole));
	buf_free(&in);
	buf_free(&whole);
	buf_free(&trickled);
}

static void rows_across_block_boundaries_come_back_whole(void **state)
{
	struct buf in = BUF_INIT;
	int rows = 5000;
	for (int i = 0; i < rows; i++) buf_printf(&in, "%d,row %d of the file,%d.5\n", i, i, i * 7);
	FILE *f = fmemopen(in.data, in.len, "r");
	struct csv *c = csv_open(f, ',');
	int n = 0;
	char expect[64];
	while (csv_next(c) == CSV_RECORD) {
		assert_int_equal(csv_count(c), 3);
		snprintf(expect, sizeof expect, "row %d of the file", n);
		assert_string_equal(csv_field(c, 1), expect);
		assert_int_equal(csv_line(c), n + 1);
		n++;
	}
	assert_int_equal(n, rows);
	assert_int_equal(csv_bytes_read(c), (long long)in.len);
	csv_close(c);
	fclose(f);
	buf_free(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chosen_inputs_read_the_same_either_way),
		cmocka_unit_test(limits_are_reported_the_same_either_way),
		cmocka_unit_test(random_inputs_read_the_same_either_way),
		cmocka_unit_test(plain_ascii_records_are_told_apart),
		cmocka_unit_test(rows_across_block_boundaries_come_back_whole),
		cmocka_unit_test(short_reads_give_the_same_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
