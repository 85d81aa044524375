/* A small XML well-formedness checker for tests (elements nest and match, attributes are
 * quoted and unique, '<' and '&' appear only as markup or entity references, one root).
 * Not a validating parser; enough to catch broken escaping in SVG output. */
#ifndef NESTGUARD_TEST_XML_CHECK_H
#define NESTGUARD_TEST_XML_CHECK_H
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static inline int xml_name_char(int c, int first)
{
	return isalpha(c) || c == '_' || c == ':' || c >= 0x80 || (!first && (isdigit(c) || c == '-' || c == '.'));
}

/* Length of the entity reference at P ("&amp;"), or 0 when it is not one. */
static inline size_t xml_entity(const char *p)
{
	static const char *named[] = {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"};
	for (size_t i = 0; i < 5; i++)
		if (strncmp(p, named[i], strlen(named[i])) == 0) return strlen(named[i]);
	if (p[1] == '#') {
		size_t i = 2;
		int hex = p[2] == 'x';
		if (hex) i++;
		size_t start = i;
		while (hex ? isxdigit((unsigned char)p[i]) : isdigit((unsigned char)p[i])) i++;
		if (i > start && p[i] == ';') return i + 1;
	}
	return 0;
}

/* 1 when S is well-formed; otherwise 0 and a reason in WHY. */
static inline int xml_well_formed(const char *s, char *why, size_t why_size)
{
	const char *stack[256];
	size_t stack_len[256], depth = 0;
	int roots = 0;
	const char *p = s;
#define XML_FAIL(...) do { snprintf(why, why_size, __VA_ARGS__); return 0; } while (0)
	if (strncmp(p, "<?xml", 5) == 0) {
		p = strstr(p, "?>");
		if (!p) XML_FAIL("unterminated declaration");
		p += 2;
	}
	while (*p) {
		if (*p == '<') {
			if (strncmp(p, "<!--", 4) == 0) {
				const char *end = strstr(p + 4, "-->");
				if (!end) XML_FAIL("unterminated comment");
				p = end + 3;
				continue;
			}
			if (p[1] == '/') {
				p += 2;
				const char *name = p;
				while (xml_name_char((unsigned char)*p, p == name)) p++;
				size_t len = (size_t)(p - name);
				while (isspace((unsigned char)*p)) p++;
				if (*p != '>') XML_FAIL("bad end tag near '%.20s'", name);
				if (!depth || stack_len[depth - 1] != len || strncmp(stack[depth - 1], name, len))
					XML_FAIL("end tag '%.*s' does not match", (int)len, name);
				depth--;
				p++;
				continue;
			}
			p++;
			const char *name = p;
			while (xml_name_char((unsigned char)*p, p == name)) p++;
			if (p == name) XML_FAIL("bad start tag near '%.20s'", name - 1);
			if (!depth && roots++) XML_FAIL("more than one root element");
			size_t len = (size_t)(p - name);
			const char *attrs[64];
			size_t attr_len[64], nattr = 0;
			for (;;) {
				int space = isspace((unsigned char)*p);
				while (isspace((unsigned char)*p)) p++;
				if (*p == '>' || (p[0] == '/' && p[1] == '>')) break;
				if (!space) XML_FAIL("no space before attribute near '%.20s'", p);
				const char *an = p;
				while (xml_name_char((unsigned char)*p, p == an)) p++;
				if (p == an) XML_FAIL("bad attribute near '%.20s'", an);
				for (size_t i = 0; i < nattr; i++)
					if (attr_len[i] == (size_t)(p - an) && !strncmp(attrs[i], an, attr_len[i]))
						XML_FAIL("duplicate attribute '%.*s'", (int)(p - an), an);
				if (nattr < 64) { attrs[nattr] = an; attr_len[nattr++] = (size_t)(p - an); }
				if (*p != '=') XML_FAIL("attribute without value near '%.20s'", an);
				p++;
				char q = *p;
				if (q != '"' && q != '\'') XML_FAIL("unquoted attribute near '%.20s'", an);
				p++;
				while (*p && *p != q) {
					if (*p == '<') XML_FAIL("'<' in attribute near '%.20s'", an);
					if (*p == '&') {
						size_t n = xml_entity(p);
						if (!n) XML_FAIL("bare '&' in attribute near '%.20s'", an);
						p += n;
					} else {
						p++;
					}
				}
				if (!*p) XML_FAIL("unterminated attribute");
				p++;
			}
			if (*p == '/') { p += 2; continue; }
			if (depth == 256) XML_FAIL("too deep");
			stack[depth] = name;
			stack_len[depth++] = len;
			p++;
			continue;
		}
		if (*p == '&') {
			size_t n = xml_entity(p);
			if (!n) XML_FAIL("bare '&' in text near '%.20s'", p);
			p += n;
			continue;
		}
		if (!depth && !isspace((unsigned char)*p)) XML_FAIL("text outside the root near '%.20s'", p);
		p++;
	}
	if (depth) XML_FAIL("unclosed element '%.*s'", (int)stack_len[depth - 1], stack[depth - 1]);
	if (!roots) XML_FAIL("no root element");
	return 1;
#undef XML_FAIL
}

/* Number of start tags <NAME (followed by space, '>' or '/'). */
static inline size_t xml_count_elements(const char *s, const char *name)
{
	size_t n = 0, len = strlen(name);
	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<'))
		if (!strncmp(p + 1, name, len) && (p[1 + len] == ' ' || p[1 + len] == '>' || p[1 + len] == '/')) n++;
	return n;
}

#endif
