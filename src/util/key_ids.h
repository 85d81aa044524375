/* An in-memory map from byte strings to ids (with one more integer each), for the importers'
 * dictionary caches: open addressing, keys copied in, nothing ever removed. */
#ifndef NESTGUARD_KEY_IDS_H
#define NESTGUARD_KEY_IDS_H
#include <stddef.h>
#include <stdint.h>

struct key_id {
	int64_t id;
	int64_t extra;      /* the caller's (name_ids: the ward of an LSOA) */
};

struct key_ids;
struct key_ids *key_ids_new(void);
void key_ids_free(struct key_ids *m);
/* The value stored for KEY (LEN bytes), or NULL. Valid until the next key_ids_put(). */
struct key_id *key_ids_find(struct key_ids *m, const void *key, size_t len);
/* Store ID and EXTRA for KEY, which must not be in the map yet. */
void key_ids_put(struct key_ids *m, const void *key, size_t len, int64_t id, int64_t extra);
/* The same two with the key's hash computed beforehand by key_ids_hash(), for a caller that
 * needs the hash itself too. */
uint64_t key_ids_hash(const void *key, size_t len);
struct key_id *key_ids_find_hashed(struct key_ids *m, uint64_t hash, const void *key, size_t len);
void key_ids_put_hashed(struct key_ids *m, uint64_t hash, const void *key, size_t len, int64_t id, int64_t extra);
size_t key_ids_count(const struct key_ids *m);

#endif
