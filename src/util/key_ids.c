/* Byte string -> id map; see key_ids.h. Keys live in one growing block of memory (the map
 * only grows); slots hold their offset, length and hash. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include "util/buf.h"
#include "util/key_ids.h"
#include "util/xalloc.h"

struct slot {
	uint64_t hash;        /* 0: an empty slot (hashes are made non-zero) */
	uint32_t off, len;    /* the key in KEYS */
	struct key_id value;
};

struct key_ids {
	struct slot *slots;
	size_t cap, used;
	struct buf keys;
};

struct key_ids *key_ids_new(void)
{
	struct key_ids *m = xcalloc(1, sizeof *m);
	m->cap = 256;
	m->slots = xcalloc_touched(m->cap, sizeof *m->slots);
	return m;
}

void key_ids_free(struct key_ids *m)
{
	if (!m) return;
	free(m->slots);
	buf_free(&m->keys);
	free(m);
}

size_t key_ids_count(const struct key_ids *m) { return m->used; }

/* XXH3 (libxxhash): a few cycles per key of the lengths met here (up to a few hundred
 * bytes), where a byte-at-a-time hash such as FNV costs a multiply per byte. Never 0, the
 * mark of an empty slot. */
uint64_t key_ids_hash(const void *key, size_t len)
{
	uint64_t h = XXH3_64bits(key, len);
	return h ? h : 1;
}

static struct slot *slot_for(struct key_ids *m, uint64_t hash, const void *key, size_t len)
{
	size_t j = (size_t)hash & (m->cap - 1);
	for (;; j = (j + 1) & (m->cap - 1)) {
		struct slot *s = &m->slots[j];
		if (!s->hash) return s;
		if (s->hash == hash && s->len == len && memcmp(m->keys.data + s->off, key, len) == 0) return s;
	}
}

struct key_id *key_ids_find_hashed(struct key_ids *m, uint64_t hash, const void *key, size_t len)
{
	struct slot *s = slot_for(m, hash, key, len);
	return s->hash ? &s->value : NULL;
}

struct key_id *key_ids_find(struct key_ids *m, const void *key, size_t len)
{
	return key_ids_find_hashed(m, key_ids_hash(key, len), key, len);
}

void key_ids_put(struct key_ids *m, const void *key, size_t len, int64_t id, int64_t extra)
{
	key_ids_put_hashed(m, key_ids_hash(key, len), key, len, id, extra);
}

void key_ids_put_hashed(struct key_ids *m, uint64_t hash, const void *key, size_t len, int64_t id, int64_t extra)
{
	if (2 * (m->used + 1) > m->cap) {
		struct slot *old = m->slots;
		size_t oldcap = m->cap;
		m->cap *= 2;
		m->slots = xcalloc_touched(m->cap, sizeof *m->slots);
		for (size_t i = 0; i < oldcap; i++) {
			if (!old[i].hash) continue;
			size_t j = (size_t)old[i].hash & (m->cap - 1);
			while (m->slots[j].hash) j = (j + 1) & (m->cap - 1);
			m->slots[j] = old[i];
		}
		free(old);
	}
	struct slot *s = slot_for(m, hash, key, len);
	if (s->hash) fatal("key_ids_put: the key is already in the map");
	if (m->keys.len + len > UINT32_MAX) fatal("key_ids: over 4 GB of keys");
	s->hash = hash;
	s->off = (uint32_t)m->keys.len;
	s->len = (uint32_t)len;
	s->value.id = id;
	s->value.extra = extra;
	buf_append(&m->keys, key, len);
	m->used++;
}
