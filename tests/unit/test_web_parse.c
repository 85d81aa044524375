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
		cmocka_unit_test(the_html_writer_escapes_h_and_passes_r),
	};
	return cmocka_run_group_tests_name("web parsing and escaping", tests, NULL, NULL);
}
