/* Role names: machine names for the CLI and API, labels for pages. */
#include <ctype.h>
#include <string.h>
#include "model/role.h"

static const struct { unsigned role; const char *name; const char *label; } roles[] = {
	{ROLE_REFERRER, "referrer", "Referrer"},
	{ROLE_CASEWORKER, "caseworker", "Caseworker"},
	{ROLE_TEAM_LEADER, "team_leader", "Team leader"},
	{ROLE_PARTNER, "partner", "Partner"},
	{ROLE_ANALYST, "analyst", "Analyst"},
	{ROLE_ADMIN, "administrator", "Administrator"},
};

/* Compare ignoring case, and treating '-', '_' and ' ' as the same. */
static int name_equal(const char *a, const char *b, size_t blen)
{
	size_t i = 0;
	for (; i < blen && a[i]; i++) {
		char x = (char)tolower((unsigned char)a[i]), y = (char)tolower((unsigned char)b[i]);
		if (x == '-' || x == ' ') x = '_';
		if (y == '-' || y == ' ') y = '_';
		if (x != y) return 0;
	}
	return i == blen && a[i] == 0;
}

static unsigned role_from_span(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s)) s++, len--;
	while (len && isspace((unsigned char)s[len - 1])) len--;
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (name_equal(roles[i].name, s, len) || name_equal(roles[i].label, s, len))
			return roles[i].role;
	if (name_equal("admin", s, len)) return ROLE_ADMIN;
	return 0;
}

unsigned role_from_name(const char *name)
{
	return name ? role_from_span(name, strlen(name)) : 0;
}

unsigned role_set_from_list(const char *list)
{
	unsigned set = 0;
	if (!list) return 0;
	const char *p = list;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		unsigned r = role_from_span(p, len);
		if (!r) return 0;
		set |= r;
		if (!comma) break;
		p = comma + 1;
	}
	return set;
}

const char *role_name(unsigned role)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == role) return roles[i].name;
	return "unknown";
}

const char *role_label(unsigned role)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == role) return roles[i].label;
	return "Unknown";
}
