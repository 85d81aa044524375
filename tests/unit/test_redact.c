/* Case-study redaction (src/report/redact.c): names, addresses, dates and identifying numbers
 * are removed whatever shape the text gives them, and nothing else is harmed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/redact.h"
#include "util/escape.h"

/* A redactor that knows the case's people and its property, as case_study_export sets it up. */
static struct redactor *case_redactor(void)
{
	struct redactor *r = redactor_new();
	redactor_add_term(r, "John Smith", "[Resident]");
	redactor_add_term(r, "John", "[Resident]");
	redactor_add_term(r, "Smith", "[Resident]");
	redactor_add_term(r, "Jonno", "[Resident]");
	redactor_add_term(r, "Kyle O'Brien-Jones", "[Perpetrator 1]");
	redactor_add_term(r, "Kyle", "[Perpetrator 1]");
	redactor_add_term(r, "O'Brien-Jones", "[Perpetrator 1]");
	redactor_add_address(r, "Flat 3, 12a Acacia Avenue", "[address]");
	return r;
}

static void check(struct redactor *r, const char *in, const char *want)
{
	char *got = redactor_apply(r, in);
	if (strcmp(got, want) != 0) fail_msg("redacting\n  %s\ngave\n  %s\nwanted\n  %s", in, got, want);
	free(got);
}

/* Fails when NEEDLE survives anywhere in the output, in any case. */
static void check_absent(struct redactor *r, const char *in, const char *needle)
{
	char *got = redactor_apply(r, in);
	if (strcasestr(got, needle)) fail_msg("'%s' survived in: %s", needle, got);
	free(got);
}

static void the_case_people_and_address_are_replaced_by_labels(void **state)
{
	(void)state;
	struct redactor *r = case_redactor();
	check(r, "John Smith lives at Flat 3, 12a Acacia Avenue. Kyle O'Brien-Jones moved in.",
	      "[Resident] lives at [address]. [Perpetrator 1] moved in.");
	check(r, "Kyle took John's bank card.", "[Perpetrator 1] took [Resident]'s bank card.");
	check(r, "Jonno said Smith was scared.", "[Resident] said [Resident] was scared.");
	redactor_free(r);
}

static void names_match_whatever_the_case_and_spacing(void **state)
{
	(void)state;
	struct redactor *r = case_redactor();
	check(r, "JOHN SMITH and john   smith and John\nSmith", "[Resident] and [Resident] and [Resident]");
	check(r, "kyle o brien jones, KYLE O\xE2\x80\x99" "BRIEN-JONES", "[Perpetrator 1], [Perpetrator 1]");
	redactor_free(r);
}

static void a_name_inside_another_word_is_left_alone(void **state)
{
	(void)state;
	struct redactor *r = redactor_new();
	redactor_add_term(r, "Ann", "[Resident]");
	redactor_add_term(r, "Tom", "[Perpetrator 1]");
	check(r, "Annual review with Joanna tomorrow; Ann's flat; Tom.", "Annual review with Joanna tomorrow; [Resident]'s flat; [Perpetrator 1].");
	check(r, "ANN, ann and Ann.", "[Resident], [Resident] and [Resident].");
	redactor_free(r);
}

static void names_with_symbols_and_accents_are_matched_literally(void **state)
{
	(void)state;
	struct redactor *r = redactor_new();
	redactor_add_term(r, "J.R. (Bob) *", "[Person]");
	redactor_add_term(r, "Zo\xC3\xAB \xC3\x89lise", "[Resident]");
	redactor_add_term(r, ".*", "[nothing]");       /* no letters: ignored, not a wildcard */
	redactor_add_term(r, "a", "[too short]");       /* one letter: ignored */
	check(r, "J.R. Bob saw ZO\xC3\x8B \xC3\xA9lise and a cat.", "[Person] saw [Resident] and a cat.");
	check(r, "Nothing .* here", "Nothing .* here");
	redactor_free(r);
}

static void the_longest_term_wins_and_shared_names_get_a_neutral_label(void **state)
{
	(void)state;
	struct redactor *r = redactor_new();
	redactor_add_term(r, "Jo Smith", "[Resident]");
	redactor_add_term(r, "Jo", "[Resident]");
	redactor_add_term(r, "Jo Smithers", "[Perpetrator 1]");
	redactor_add_term(r, "Jo", "[Perpetrator 1]");
	check(r, "Jo Smithers visited Jo Smith; Jo left.", "[Perpetrator 1] visited [Resident]; [name] left.");
	redactor_free(r);
}

static void addresses_match_with_and_without_the_number_and_abbreviated(void **state)
{
	(void)state;
	struct redactor *r = case_redactor();
	check(r, "Seen on Acacia Avenue and at 12a Acacia Ave and in acacia ave.", "Seen on [address] and at [address] and in [address].");
	check(r, "flat 3 12A acacia avenue", "[address]");
	redactor_free(r);
	r = redactor_new();
	redactor_add_address(r, "7 High Street", "[address]");
	check(r, "High risk, High St and 7 high st.", "High risk, [address] and [address].");
	redactor_free(r);
}

static void every_form_of_date_becomes_month_and_year(void **state)
{
	(void)state;
	struct redactor *r = redactor_new();
	check(r, "On 2019-04-03 and 3/4/2019 and 03.04.19", "On April 2019 and April 2019 and April 2019");
	check(r, "Wednesday 3rd of April 2019, then April 3rd, 2019", "April 2019, then April 2019");
	check(r, "on 3 Apr and on Sept. 21st", "on April and on September");
	check(r, "from 12/05 until 4/13/2019 (US style) and 31/02/2019", "from May until April 2019 (US style) and February 2019");
	check(r, "in April 2019 and in 2019", "in April 2019 and in 2019");
	check(r, "3/4 of the rent, 10.30 am, 12-05, 2.5 hours", "3/4 of the rent, 10.30 am, 12-05, 2.5 hours");
	check(r, "13/13/2019 is no date", "13/13/2019 is no date");
	check(r, "He sat 3 hours on Monday.", "He sat 3 hours on Monday.");
	redactor_free(r);
}

static void a_name_that_is_a_month_does_not_hide_or_break_dates(void **state)
{
	(void)state;
	struct redactor *r = redactor_new();
	redactor_add_term(r, "April Jones", "[Resident]");
	redactor_add_term(r, "April", "[Resident]");
	check(r, "April Jones said on 3 April 2019 that April was safe by May 2019.",
	      "[Resident] said on April 2019 that [Resident] was safe by May 2019.");
	redactor_free(r);
	r = redactor_new();
	redactor_add_address(r, "3 May Street", "[address]");
	check(r, "At 3 May Street on 3 May.", "At [address] on May.");
	redactor_free(r);
}

static void postcodes_emails_phones_and_numbers_are_removed(void **state)
{
	(void)state;
	struct redactor *r = case_redactor();
	check(r, "SK5 7AA, sk57aa, Sk5  7aA, M1 1AE, EC1A 1BB.", "[postcode], [postcode], [postcode], [postcode], [postcode].");
	check(r, "Mail john.smith@example.com or j_s+x@mail.example.co.uk!", "Mail [email] or [email]!");
	check(r, "Call 07700 900123, +44 7700 900123, (0161) 474 1234 or 0161-474-1234.",
	      "Call [phone number], [phone number], [phone number] or [phone number].");
	check(r, "UPRN 100011234567, NI AB123456C, crime 06/123456/19, case NG-2026-00042.",
	      "UPRN [number], NI [number], crime 06/[number]/19, case [reference].");
	check(r, "We spent \xC2\xA3" "4,659.10 over 2 weeks; 27705 pence.", "We spent \xC2\xA3" "4,659.10 over 2 weeks; 27705 pence.");
	redactor_free(r);
}

static void hostile_text_comes_out_valid_and_without_control_characters(void **state)
{
	(void)state;
	struct redactor *r = case_redactor();
	const char bad[] = "John\x01\x7f \xff\xfe Smith\r\n<script>alert('John')</script>\xC3";
	char *got = redactor_apply(r, bad);
	assert_true(utf8_valid(got, strlen(got)));
	for (const char *p = got; *p; p++) assert_true((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t');
	assert_null(strstr(got, "John"));
	/* markup is left for the output's own escaping, but the name inside it is gone */
	assert_non_null(strstr(got, "<script>alert('[Resident]')</script>"));
	free(got);
	/* the label itself is not scanned again, even when it holds a name */
	struct redactor *r2 = redactor_new();
	redactor_add_term(r2, "Resident", "[Resident]");
	check(r2, "Resident", "[Resident]");
	redactor_free(r2);
	check_absent(r, "Ring JOHN SMITH on 07700900123 at SK57AA", "07700900123");
	check_absent(r, "Ring JOHN SMITH on 07700900123 at SK57AA", "SK57AA");
	check(r, "", "");
	char *null_in = redactor_apply(r, NULL);
	assert_string_equal(null_in, "");
	free(null_in);
	redactor_free(r);
}

static void a_megabyte_of_text_is_redacted_quickly(void **state)
{
	(void)state;
	struct redactor *r = case_redactor();
	size_t n = 1 << 20;
	char *big = malloc(n + 1);
	for (size_t i = 0; i < n; i++) big[i] = "John Smith 3/4/2019 aaaaaaaa "[i % 29];
	big[n] = 0;
	char *got = redactor_apply(r, big);
	assert_null(strstr(got, "John"));
	assert_null(strstr(got, "3/4/2019"));
	free(got);
	free(big);
	redactor_free(r);
}

static void the_month_and_year_of_a_date(void **state)
{
	(void)state;
	char out[32];
	redact_month_year("2019-04-03", out, sizeof out);
	assert_string_equal(out, "April 2019");
	redact_month_year("2019-13-03", out, sizeof out);
	assert_string_equal(out, "");
	redact_month_year("yesterday", out, sizeof out);
	assert_string_equal(out, "");
	redact_month_year(NULL, out, sizeof out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_case_people_and_address_are_replaced_by_labels),
		cmocka_unit_test(names_match_whatever_the_case_and_spacing),
		cmocka_unit_test(a_name_inside_another_word_is_left_alone),
		cmocka_unit_test(names_with_symbols_and_accents_are_matched_literally),
		cmocka_unit_test(the_longest_term_wins_and_shared_names_get_a_neutral_label),
		cmocka_unit_test(addresses_match_with_and_without_the_number_and_abbreviated),
		cmocka_unit_test(every_form_of_date_becomes_month_and_year),
		cmocka_unit_test(a_name_that_is_a_month_does_not_hide_or_break_dates),
		cmocka_unit_test(postcodes_emails_phones_and_numbers_are_removed),
		cmocka_unit_test(hostile_text_comes_out_valid_and_without_control_characters),
		cmocka_unit_test(a_megabyte_of_text_is_redacted_quickly),
		cmocka_unit_test(the_month_and_year_of_a_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
