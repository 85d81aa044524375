/* A growable byte buffer, always NUL-terminated after its content.
 * The buffer owns its memory: buf_free() releases it, buf_detach() hands it over. */
#ifndef NESTGUARD_BUF_H
#define NESTGUARD_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NULL until first append; then data[len] == 0 */
	size_t len;
	size_t cap;
};

#define BUF_INIT {0, 0, 0}

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);                 /* empty it, keep the memory */
void buf_grow(struct buf *b, size_t extra);    /* room for EXTRA more bytes */
void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
/* Inline: the escaping writers call it once per special character. */
static inline void buf_putc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap) buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = 0;
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
const char *buf_str(const struct buf *b);      /* "" for an empty buffer */
char *buf_detach(struct buf *b);               /* caller frees; buffer becomes empty */

#endif
