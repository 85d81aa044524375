/* Row identity for imports: keys computed from a row's fields and its repeat number in the
 * file, checked against the keys stored per group (row_keyset); see row_keys.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/row_keys.h"
#include "db/db.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/xalloc.h"

/* An open-addressing set of 16-byte hashes with a counter each. A slot is in use when its
 * generation is the set's: emptying the set is a new generation, not a pass over memory. */
struct key_slot {
	unsigned char hash[IMPORT_KEY_BYTES];
	uint32_t count;    /* rows of this file with this content hash */
	uint32_t gen;      /* in use when equal to the set's */
	uint8_t stored;    /* a stored row (or one added by this file) has this key */
};

struct key_set {
	struct key_slot *slots;
	size_t cap, used;
	uint32_t gen;      /* never 0, which marks a slot never used */
};

static void key_set_init(struct key_set *ks)
{
	ks->cap = 1024;
	ks->used = 0;
	ks->gen = 1;
	ks->slots = xcalloc_touched(ks->cap, sizeof *ks->slots);
}

/* Empty KS, keeping its memory. */
static void key_set_clear(struct key_set *ks)
{
	ks->used = 0;
	if (++ks->gen == 0) {
		memset(ks->slots, 0, ks->cap * sizeof *ks->slots);
		ks->gen = 1;
	}
}

static size_t slot_index(const unsigned char *hash, size_t cap)
{
	uint64_t h;
	memcpy(&h, hash, sizeof h);
	return (size_t)(h & (cap - 1));
}

/* The slot for HASH: its own when present, else the empty one where it would go. */
static struct key_slot *key_set_slot(struct key_set *ks, const unsigned char *hash)
{
	if (2 * (ks->used + 1) > ks->cap) {
		size_t cap = ks->cap * 2;
		struct key_slot *slots = xcalloc_touched(cap, sizeof *slots);
		for (size_t i = 0; i < ks->cap; i++) {
			if (ks->slots[i].gen != ks->gen) continue;
			size_t j = slot_index(ks->slots[i].hash, cap);
			while (slots[j].gen == ks->gen) j = (j + 1) & (cap - 1);
			slots[j] = ks->slots[i];
		}
		free(ks->slots);
		ks->slots = slots;
		ks->cap = cap;
	}
	size_t j = slot_index(hash, ks->cap);
	while (ks->slots[j].gen == ks->gen && memcmp(ks->slots[j].hash, hash, IMPORT_KEY_BYTES) != 0)
		j = (j + 1) & (ks->cap - 1);
	struct key_slot *s = &ks->slots[j];
	if (s->gen != ks->gen) {
		memcpy(s->hash, hash, IMPORT_KEY_BYTES);
		s->gen = ks->gen;
		s->count = 0;
		s->stored = 0;
		ks->used++;
	}
	return s;
}

struct key_group {
	char *name;
	size_t len;
	struct buf keys;      /* stored keys as loaded, then the new ones appended */
	size_t loaded;        /* how many were stored before this file */
	int dirty;
};

/* Counting rows of the same content within a file: needs no database, so a reader thread
 * can own it. */
struct row_occurrences {
	const struct row_keys *rk;    /* only its table name and secret are read */
	struct buf content;
	struct key_set seen;          /* content hash -> rows of this file with that content */
};

struct row_keys {
	struct db *db;
	char table[24];
	unsigned char secret[crypto_shorthash_siphashx24_KEYBYTES];
	struct row_occurrences *own;  /* for row_keys_next() */
	struct key_set stored;        /* keys of the loaded groups (slot.stored) */
	struct key_group *groups;
	size_t ngroups, cap_groups;
	struct key_group *last;       /* rows of a file nearly always share one group */
	struct db_stmt *load;
};

/* Row keys are SipHash-2-4-128 under a secret made once per database (a setting): fast,
 * and no one without the database can craft a row that collides with another to hide it. */
static void load_secret(struct db *db, unsigned char secret[crypto_shorthash_siphashx24_KEYBYTES])
{
	static const char *const NAME = "import.row_key_secret";
	char *hex = db_text(db, "SELECT value FROM setting WHERE name=?", "t", NAME);
	size_t len = 0;
	if (!hex) {
		randombytes_buf(secret, crypto_shorthash_siphashx24_KEYBYTES);
		char fresh[2 * crypto_shorthash_siphashx24_KEYBYTES + 1];
		sodium_bin2hex(fresh, sizeof fresh, secret, crypto_shorthash_siphashx24_KEYBYTES);
		db_run(db, "INSERT INTO setting(name, value) VALUES(?,?)", "tt", NAME, fresh);
		return;
	}
	if (sodium_hex2bin(secret, crypto_shorthash_siphashx24_KEYBYTES, hex, strlen(hex), NULL, &len, NULL) != 0
		|| len != crypto_shorthash_siphashx24_KEYBYTES) fatal("setting %s is corrupt", NAME);
	free(hex);
}

struct row_keys *row_keys_new(struct db *db, const char *table)
{
	if (sodium_init() < 0) fatal("libsodium failed to initialise");
	struct row_keys *rk = xcalloc(1, sizeof *rk);
	rk->db = db;
	snprintf(rk->table, sizeof rk->table, "%s", table);
	key_set_init(&rk->stored);
	load_secret(db, rk->secret);
	rk->load = db_prepare(db, "SELECT keys FROM row_keyset WHERE table_name=? AND group_key=?");
	return rk;
}

void row_keys_free(struct row_keys *rk)
{
	if (!rk) return;
	row_occurrences_free(rk->own);
	free(rk->stored.slots);
	for (size_t i = 0; i < rk->ngroups; i++) {
		free(rk->groups[i].name);
		buf_free(&rk->groups[i].keys);
	}
	free(rk->groups);
	db_finalize(rk->load);
	free(rk);
}

/* The group called NAME, loading its stored keys the first time it is met. */
static struct key_group *group_for(struct row_keys *rk, const char *name, size_t len)
{
	if (rk->last && rk->last->len == len && memcmp(rk->last->name, name, len) == 0) return rk->last;
	for (size_t i = 0; i < rk->ngroups; i++)
		if (rk->groups[i].len == len && memcmp(rk->groups[i].name, name, len) == 0) return rk->last = &rk->groups[i];
	if (rk->ngroups == rk->cap_groups) {
		rk->cap_groups = rk->cap_groups ? 2 * rk->cap_groups : 8;
		rk->groups = xrealloc(rk->groups, rk->cap_groups * sizeof *rk->groups);
		rk->last = NULL;
	}
	struct key_group *g = &rk->groups[rk->ngroups++];
	memset(g, 0, sizeof *g);
	g->name = xstrndup(name, len);
	g->len = len;
	db_bind_text(rk->load, 1, rk->table);
	db_bind_textn(rk->load, 2, name, len);
	if (db_step(rk->load) == DB_ROW) {
		size_t n;
		const unsigned char *p = db_column_blob(rk->load, 0, &n);
		if (n % IMPORT_KEY_BYTES) fatal("row_keyset %s/%s is corrupt", rk->table, g->name);
		buf_append(&g->keys, p, n);
		g->loaded = n / IMPORT_KEY_BYTES;
		for (size_t off = 0; off < n; off += IMPORT_KEY_BYTES) key_set_slot(&rk->stored, p + off)->stored = 1;
	}
	db_reset(rk->load);
	return rk->last = g;
}

struct row_occurrences *row_occurrences_new(const struct row_keys *rk)
{
	struct row_occurrences *occ = xcalloc(1, sizeof *occ);
	occ->rk = rk;
	key_set_init(&occ->seen);
	return occ;
}

void row_occurrences_restart(struct row_occurrences *occ)
{
	key_set_clear(&occ->seen);
}

void row_occurrences_free(struct row_occurrences *occ)
{
	if (!occ) return;
	buf_free(&occ->content);
	free(occ->seen.slots);
	free(occ);
}

/* The content hash of a row: its table and fields, each length-prefixed. */
static void row_keys_hash(struct row_occurrences *occ, const char *const *fields, const size_t *lens, size_t n,
	unsigned char hash[IMPORT_KEY_BYTES])
{
	const struct row_keys *rk = occ->rk;
	size_t table_len = strlen(rk->table) + 1, total = table_len;
	for (size_t i = 0; i < n; i++) total += 4 + lens[i];
	buf_reset(&occ->content);
	buf_grow(&occ->content, total);
	unsigned char *p = (unsigned char *)occ->content.data;
	memcpy(p, rk->table, table_len);
	p += table_len;
	for (size_t i = 0; i < n; i++) {
		/* length-prefixed so that field boundaries are part of the identity */
		size_t len = lens[i];
		p[0] = len & 0xff;
		p[1] = (len >> 8) & 0xff;
		p[2] = (len >> 16) & 0xff;
		p[3] = (len >> 24) & 0xff;
		memcpy(p + 4, fields[i], len);
		p += 4 + len;
	}
	occ->content.len = total;
	occ->content.data[total] = 0;   /* the buf invariant */
	crypto_shorthash_siphashx24(hash, (const unsigned char *)occ->content.data, occ->content.len, rk->secret);
}

/* The key of a row with content hash CONTENT: the hash itself for its first row in the file,
 * else a hash of it and its repeat number. */
static void row_keys_number(struct row_occurrences *occ, const unsigned char content[IMPORT_KEY_BYTES],
	unsigned char key[IMPORT_KEY_BYTES])
{
	uint32_t repeat = key_set_slot(&occ->seen, content)->count++;
	if (repeat == 0) {
		memcpy(key, content, IMPORT_KEY_BYTES);
		return;
	}
	unsigned char again[IMPORT_KEY_BYTES + 4];
	memcpy(again, content, IMPORT_KEY_BYTES);
	for (int i = 0; i < 4; i++) again[IMPORT_KEY_BYTES + i] = (repeat >> (8 * i)) & 0xff;
	crypto_shorthash_siphashx24(key, again, sizeof again, occ->rk->secret);
}

void row_keys_compute(struct row_occurrences *occ, const char *const *fields, const size_t *lens, size_t n,
	unsigned char key[IMPORT_KEY_BYTES])
{
	unsigned char content[IMPORT_KEY_BYTES];
	row_keys_hash(occ, fields, lens, n, content);
	row_keys_number(occ, content, key);
}

int row_keys_claim(struct row_keys *rk, const char *group, size_t group_len, const unsigned char key[IMPORT_KEY_BYTES])
{
	struct key_group *g = group_for(rk, group, group_len);
	/* A group with nothing stored before this file needs no lookup: keys computed for one
	 * file differ from each other by construction (repeats are numbered). */
	if (g->loaded) {
		struct key_slot *slot = key_set_slot(&rk->stored, key);
		if (slot->stored) return 0;
		slot->stored = 1;
	}
	buf_append(&g->keys, key, IMPORT_KEY_BYTES);
	g->dirty = 1;
	return 1;
}

int row_keys_next(struct row_keys *rk, const char *group, size_t group_len, const struct csv *csv,
	const int *cols, size_t n, unsigned char key[IMPORT_KEY_BYTES])
{
	if (!rk->own) rk->own = row_occurrences_new(rk);
	const char *fields[64];
	size_t lens[64];
	if (n > 64) fatal("row_keys_next: %zu fields", n);
	for (size_t i = 0; i < n; i++) {
		fields[i] = cols[i] >= 0 ? csv_field(csv, (size_t)cols[i]) : "";
		lens[i] = cols[i] >= 0 ? csv_field_len(csv, (size_t)cols[i]) : 0;
	}
	row_keys_compute(rk->own, fields, lens, n, key);
	return row_keys_claim(rk, group, group_len, key);
}

void row_keys_save(struct row_keys *rk)
{
	struct db_stmt *st = db_prepare(rk->db, "INSERT INTO row_keyset(table_name, group_key, keys) VALUES(?,?,?) "
		"ON CONFLICT(table_name, group_key) DO UPDATE SET keys=excluded.keys");
	for (size_t i = 0; i < rk->ngroups; i++) {
		struct key_group *g = &rk->groups[i];
		if (!g->dirty) continue;
		db_bind_text(st, 1, rk->table);
		db_bind_textn(st, 2, g->name, g->len);
		db_bind_blob_static(st, 3, g->keys.data, g->keys.len);   /* unchanged until the step */
		db_step(st);
		db_reset(st);
		g->dirty = 0;
	}
	db_finalize(st);
}

