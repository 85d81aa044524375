/* Parsing and escaping of what crosses the network boundary. */
#include "testutil.h"
#include "util/escape.h"
#include "web/html.h"
#include "web/parse.h"

static void a_form_body_is_split_and_decoded(void **state)
{
	struct arena *a = arena_new();
	struct kv_list l = {0};
	const char *body = "email=a%40b.org&name=Jo+Bloggs&empty=&flag";
	assert_int_equal(parse_urlencoded(a, body, strlen(body), &l, 10), PARSE_OK);
	assert_int_equal(l.count, 4);
	assert_string_equal(kv_find(&l, "email")->value, "a@b.org");
	assert_string_equal(kv_find(&l, "name")->value, "Jo Bloggs");
	assert_string_equal(kv_find(&l, "empty")->value, "");
	assert_string_equal(kv_find(&l, "flag")->value, "");
	arena_free(a);
}

static void a_truncated_percent_escape_is_refused(void **state)
{
	struct arena *a = arena_new();
	struct kv_list l = {0};
	assert_int_equal(parse_urlencoded(a, "a=%4", 4, &l, 10), PARSE_BAD_ENCODING);
	assert_int_equal(parse_urlencoded(a, "a=%zz", 5, &l, 10), PARSE_BAD_ENCODING);
	assert_int_equal(parse_urlencoded(a, "a=%00", 5, &l, 10), PARSE_BAD_ENCODING);
	arena_free(a);
}

static void invalid_utf8_in_a_form_is_refused(void **state)
{
	struct arena *a = arena_new();
	struct kv_list l = {0};
	assert_int_equal(parse_urlencoded(a, "name=%C3%28", 11, &l, 10), PARSE_BAD_UTF8);
	assert_int_equal(parse_urlencoded(a, "name=%ED%A0%80", 14, &l, 10), PARSE_BAD_UTF8);  /* surrogate */
	assert_int_equal(parse_urlencoded(a, "name=%C0%AF", 11, &l, 10), PARSE_BAD_UTF8);     /* overlong */
	arena_free(a);
}

static void too_many_fields_are_refused(void **state)
{
	struct arena *a = arena_new();
	struct kv_list l = {0};
	assert_int_equal(parse_urlencoded(a, "a=1&b=2&c=3", 11, &l, 2), PARSE_TOO_MANY);
	arena_free(a);
}

static void cookies_are_split_and_trimmed(void **state)
{
	struct arena *a = arena_new();
	struct kv_list l = {0};
	parse_cookies(a, " __Host-nestguard=abc ; other=\"q\";junk; =x; last=", &l, 10);
	assert_int_equal(l.count, 3);
	assert_string_equal(kv_find(&l, "__Host-nestguard")->value, "abc");
	assert_string_equal(kv_find(&l, "other")->value, "q");
	assert_string_equal(kv_find(&l, "last")->value, "");
	arena_free(a);
}

static void html_escaping_neutralises_markup_in_text_and_attributes(void **state)
{
	struct buf b = BUF_INIT;
	escape_html(&b, "<script>alert('x')</script> & \"q\"");
	assert_string_equal(buf_str(&b), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
	buf_free(&b);
}

static void invalid_utf8_is_replaced_when_escaping(void **state)
{
	struct buf b = BUF_INIT;
	escape_html(&b, "a\xff" "b\x01" "c");
	assert_string_equal(buf_str(&b), "a\xEF\xBF\xBD" "bc");
	buf_free(&b);
}

static void json_escaping_cannot_close_a_script_block(void **state)
{
	struct buf b = BUF_INIT;
	escape_json(&b, "</script>\"\\\n");
	assert_string_equal(buf_str(&b), "\\u003c/script\\u003e\\\"\\\\\\n");
	buf_free(&b);
}

/* The escapers copy runs of ordinary bytes whole; this checks them, byte by byte, against the
 * rules themselves on random text mixing markup, controls, UTF-8 and broken UTF-8. */
static void escaping_random_text_follows_the_rules_byte_by_byte(void **state)
{
	static const char *const pieces[] = {"a", "Z", " ", "&", "<", ">", "\"", "'", "\\", "/", "\t", "\n", "\r",
		"\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xe2\x82", "xyz"};
	unsigned seed = 12345;
	for (int round = 0; round < 5000; round++) {
		char text[256] = "";
		size_t len = 0;
		int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;
		for (int i = 0; i < n; i++) {
			const char *piece = pieces[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof pieces / sizeof *pieces)];
			size_t pl = strlen(piece);
			memcpy(text + len, piece, pl);
			len += pl;
		}
		text[len] = 0;
		struct buf html = BUF_INIT, json = BUF_INIT, want_html = BUF_INIT, want_json = BUF_INIT;
		escape_html_n(&html, text, len);
		escape_json(&json, text);
		const unsigned char *p = (const unsigned char *)text;
		for (size_t i = 0; i < len;) {
			unsigned char c = p[i];
			if (c >= 0x80) {
				size_t seq = utf8_sequence_length(p + i, len - i);
				if (seq) { buf_append(&want_html, p + i, seq); buf_append(&want_json, p + i, seq); i += seq; }
				else { buf_puts(&want_html, "\xEF\xBF\xBD"); buf_puts(&want_json, "\\ufffd"); i++; }
				continue;
			}
			const char *h = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;"
				: c == '\'' ? "&#39;" : NULL;
			if (h) buf_puts(&want_html, h);
			else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') buf_append(&want_html, &c, 1);
			const char *j = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
				: c == '\t' ? "\\t" : c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : c == '&' ? "\\u0026" : NULL;
			if (j) buf_puts(&want_json, j);
			else if (c < 0x20) buf_printf(&want_json, "\\u%04x", c);
			else buf_append(&want_json, &c, 1);
			i++;
		}
		assert_string_equal(buf_str(&html), buf_str(&want_html));
		assert_string_equal(buf_str(&json), buf_str(&want_json));
		buf_free(&html); buf_free(&json); buf_free(&want_html); buf_free(&want_json);
	}
}

/* Regression: escaping text that yields nothing (empty, or only dropped control characters)
 * into a new buffer left it unterminated, so buf_str() returned whatever the memory held. */
static void escaping_nothing_into_a_new_buffer_gives_an_empty_string(void **state)
{
	static const char *const inputs[] = {"", "\x01\x02"};
	for (size_t i = 0; i < 2; i++) {
		struct buf b = BUF_INIT;
		escape_html(&b, inputs[i]);
		assert_string_equal(buf_str(&b), "");
		buf_free(&b);
	}
}

static void url_escaping_encodes_everything_but_unreserved(void **state)
{
	struct buf b = BUF_INIT;
	escape_url(&b, "a b/c?d=e&f~");
	assert_string_equal(buf_str(&b), "a%20b%2Fc%3Fd%3De%26f~");
	buf_free(&b);
}

static void the_html_writer_escapes_h_and_passes_r(void **state)
{
	struct buf b = BUF_INIT;
	html_bprintf(&b, "<p title=\"%h\">%r %d %I %u</p>", "\"><img>", "<b>ok</b>", 7, (int64_t)1 << 40, "x y");
	assert_string_equal(buf_str(&b), "<p title=\"&quot;&gt;&lt;img&gt;\"><b>ok</b> 7 1099511627776 x%20y</p>");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_form_body_is_split_and_decoded),
		cmocka_unit_test(a_truncated_percent_escape_is_refused),
		cmocka_unit_test(invalid_utf8_in_a_form_is_refused),
		cmocka_unit_test(too_many_fields_are_refused),
		cmocka_unit_test(cookies_are_split_and_trimmed),
		cmocka_unit_test(html_escaping_neutralises_markup_in_text_and_attributes),
		cmocka_unit_test(invalid_utf8_is_replaced_when_escaping),
		cmocka_unit_test(json_escaping_cannot_close_a_script_block),
		cmocka_unit_test(url_escaping_encodes_everything_but_unreserved),
		cmocka_unit_test(escaping_random_text_follows_the_rules_byte_by_byte),
		cmocka_unit_test(escaping_nothing_into_a_new_buffer_gives_an_empty_string),
		cmocka_unit_test(the_html_writer_escapes_h_and_passes_r),
	};
	return cmocka_run_group_tests_name("web parsing and escaping", tests, NULL, NULL);
}
