/* Shared import machinery; see import_file.h. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "analytics/import_file.h"
#include "db/db.h"
#include "model/audit.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/escape.h"
#include "util/xalloc.h"

/* ---- summary and problems ---- */

void import_summary_init(struct import_summary *s, const char *file, const char *kind)
{
	memset(s, 0, sizeof *s);
	snprintf(s->file, sizeof s->file, "%s", file);
	snprintf(s->kind, sizeof s->kind, "%s", kind);
}

void import_problem_add(struct import_summary *s, long line, int column, const char *column_name,
	const char *fmt, ...)
{
	s->problems_total++;
	if (s->nproblems == IMPORT_MAX_PROBLEMS) return;
	struct import_problem *p = &s->problems[s->nproblems++];
	p->line = line;
	p->column = column;
	snprintf(p->column_name, sizeof p->column_name, "%s", column_name ? column_name : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->reason, sizeof p->reason, fmt, ap);
	va_end(ap);
}

void import_summary_print(const struct import_summary *s, FILE *out, FILE *err)
{
	if (s->problems_total) {
		for (size_t i = 0; i < s->nproblems; i++) {
			const struct import_problem *p = &s->problems[i];
			fprintf(err, "%s", s->file);
			if (p->line) fprintf(err, ":%ld", p->line);
			if (p->column) fprintf(err, ": column %d", p->column);
			if (p->column_name[0]) fprintf(err, p->column ? " (%s)" : ": %s", p->column_name);
			fprintf(err, ": %s\n", p->reason);
		}
		if ((long long)s->nproblems < s->problems_total)
			fprintf(err, "%s: ... and %lld more problems\n", s->file, s->problems_total - (long long)s->nproblems);
		fprintf(err, "%s: rejected (%s): %lld problem%s; nothing was imported from this file\n", s->file,
			s->kind[0] ? s->kind : "unknown format", s->problems_total, s->problems_total == 1 ? "" : "s");
		return;
	}
	fprintf(out, "%s (%s): %lld rows read, %lld added, %lld already present, %lld without location, 0 rejected",
		s->file, s->kind, s->rows_read, s->rows_added, s->rows_present, s->rows_without_location);
	if (s->note[0]) fprintf(out, "; %s", s->note);
	if (s->earlier_import) fprintf(out, "; the same file was imported before (import %lld)", (long long)s->earlier_import);
	fputc('\n', out);
}

/* ---- source reader ---- */

struct import_source {
	crypto_generichash_state hash;   /* first: libsodium wants it 64-byte aligned */
	int fd;
	FILE *stream;
	unsigned char last;
	long long bytes, size;
	int tty, drawn, last_permille;
	char name[40];
};

static void hash_init(void)
{
	if (sodium_init() < 0) fatal("libsodium failed to initialise");
}

static ssize_t source_read(void *cookie, char *buf, size_t size)
{
	struct import_source *src = cookie;
	ssize_t n;
	do n = read(src->fd, buf, size); while (n < 0 && errno == EINTR);
	if (n > 0) {
		crypto_generichash_update(&src->hash, (const unsigned char *)buf, (size_t)n);
		src->last = (unsigned char)buf[n - 1];
		src->bytes += n;
	}
	return n;
}

static int source_close(void *cookie)
{
	(void)cookie;
	return 0;
}

struct import_source *import_source_open(const char *path, char *err, size_t errsize)
{
	hash_init();
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errsize, "%s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errsize, "it is a directory");
		close(fd);
		return NULL;
	}
	size_t size = (sizeof(struct import_source) + 63) / 64 * 64;
	struct import_source *src = aligned_alloc(64, size);
	if (!src) fatal("out of memory");
	memset(src, 0, sizeof *src);
	src->fd = fd;
	src->size = S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
	src->tty = isatty(STDERR_FILENO);
	src->last_permille = -1;
	const char *base = strrchr(path, '/');
	snprintf(src->name, sizeof src->name, "%s", base ? base + 1 : path);
	crypto_generichash_init(&src->hash, NULL, 0, 32);
	cookie_io_functions_t io = {.read = source_read, .close = source_close};
	src->stream = fopencookie(src, "r", io);
	if (!src->stream) fatal("fopencookie failed");
	return src;
}

FILE *import_source_stream(struct import_source *src) { return src->stream; }

void import_source_finish(struct import_source *src, char hex[65], int *ends_with_newline)
{
	unsigned char out[32];
	crypto_generichash_final(&src->hash, out, sizeof out);
	sodium_bin2hex(hex, 65, out, sizeof out);
	*ends_with_newline = src->bytes == 0 || src->last == '\n';
}

void import_source_progress(struct import_source *src, long long rows)
{
	if (!src->tty || (rows & 4095) != 0 || src->size <= 0) return;
	int permille = (int)(src->bytes * 1000 / src->size);
	if (permille == src->last_permille) return;
	src->last_permille = permille;
	char bar[31];
	int filled = permille * 30 / 1000;
	for (int i = 0; i < 30; i++) bar[i] = i < filled ? '#' : '.';
	bar[30] = 0;
	fprintf(stderr, "\r%-32.32s [%s] %3d%% %lld rows", src->name, bar, permille / 10, rows);
	fflush(stderr);
	src->drawn = 1;
}

void import_source_close(struct import_source *src)
{
	if (!src) return;
	if (src->drawn) fputs("\r\033[K", stderr);
	fclose(src->stream);
	close(src->fd);
	free(src);
}

/* ---- CSV files ---- */

int import_csv_open(struct import_csv *ic, const char *path, struct import_summary *s)
{
	char err[512];
	ic->src = import_source_open(path, err, sizeof err);
	ic->csv = NULL;
	if (!ic->src) {
		import_problem_add(s, 0, 0, NULL, "cannot be read: %s", err);
		return -1;
	}
	ic->csv = csv_open(import_source_stream(ic->src), ',');
	return 0;
}

void import_csv_close(struct import_csv *ic, struct import_summary *s, char fingerprint[65])
{
	int newline_at_end;
	import_source_finish(ic->src, fingerprint, &newline_at_end);
	if (!newline_at_end)
		import_problem_add(s, csv_line(ic->csv), 0, NULL,
			"the file ends in the middle of a line: it looks truncated (a complete file ends with a line break)");
	csv_close(ic->csv);
	import_source_close(ic->src);
	ic->csv = NULL;
	ic->src = NULL;
}

static int header_name_equal(const char *field, const char *name)
{
	while (*field == ' ' || *field == '\t') field++;
	size_t n = strlen(field);
	while (n && (field[n - 1] == ' ' || field[n - 1] == '\t')) n--;
	return n == strlen(name) && strncasecmp(field, name, n) == 0;
}

int import_csv_column(const struct csv *csv, const char *spec)
{
	for (size_t i = 0; i < csv_count(csv); i++)
		if (header_name_equal(csv_field(csv, i), spec)) return (int)i;
	char *end;
	long n = strtol(spec, &end, 10);
	if (*spec && !*end && n >= 1 && (size_t)n <= csv_count(csv)) return (int)n - 1;
	return -1;
}

/* ---- row identity ---- */

/* An open-addressing set of 16-byte hashes with a counter each. */
struct key_slot {
	unsigned char hash[IMPORT_KEY_BYTES];
	uint32_t count;    /* rows of this file with this content hash */
	uint8_t used;      /* 0 = empty slot */
	uint8_t stored;    /* a stored row (or one added by this file) has this key */
};

struct key_set {
	struct key_slot *slots;
	size_t cap, used;
};

static void key_set_init(struct key_set *ks)
{
	ks->cap = 1024;
	ks->used = 0;
	ks->slots = xcalloc(ks->cap, sizeof *ks->slots);
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
		struct key_slot *slots = xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < ks->cap; i++) {
			if (!ks->slots[i].used) continue;
			size_t j = slot_index(ks->slots[i].hash, cap);
			while (slots[j].used) j = (j + 1) & (cap - 1);
			slots[j] = ks->slots[i];
		}
		free(ks->slots);
		ks->slots = slots;
		ks->cap = cap;
	}
	size_t j = slot_index(hash, ks->cap);
	while (ks->slots[j].used && memcmp(ks->slots[j].hash, hash, IMPORT_KEY_BYTES) != 0) j = (j + 1) & (ks->cap - 1);
	struct key_slot *s = &ks->slots[j];
	if (!s->used) {
		memcpy(s->hash, hash, IMPORT_KEY_BYTES);
		s->used = 1;
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
	hash_init();
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

void row_occurrences_free(struct row_occurrences *occ)
{
	if (!occ) return;
	buf_free(&occ->content);
	free(occ->seen.slots);
	free(occ);
}

void row_keys_compute(struct row_occurrences *occ, const char *const *fields, const size_t *lens, size_t n,
	unsigned char key[IMPORT_KEY_BYTES])
{
	const struct row_keys *rk = occ->rk;
	buf_reset(&occ->content);
	buf_grow(&occ->content, 256);
	buf_append(&occ->content, rk->table, strlen(rk->table) + 1);
	for (size_t i = 0; i < n; i++) {
		/* length-prefixed so that field boundaries are part of the identity */
		size_t len = lens[i];
		unsigned char l[4] = {len & 0xff, (len >> 8) & 0xff, (len >> 16) & 0xff, (len >> 24) & 0xff};
		buf_append(&occ->content, l, 4);
		if (len) buf_append(&occ->content, fields[i], len);
	}
	unsigned char content[IMPORT_KEY_BYTES];
	crypto_shorthash_siphashx24(content, (const unsigned char *)occ->content.data, occ->content.len, rk->secret);
	uint32_t repeat = key_set_slot(&occ->seen, content)->count++;
	if (repeat == 0) {
		memcpy(key, content, IMPORT_KEY_BYTES);
		return;
	}
	unsigned char again[IMPORT_KEY_BYTES + 4];
	memcpy(again, content, IMPORT_KEY_BYTES);
	for (int i = 0; i < 4; i++) again[IMPORT_KEY_BYTES + i] = (repeat >> (8 * i)) & 0xff;
	crypto_shorthash_siphashx24(key, again, sizeof again, rk->secret);
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
		db_bind_blob(st, 3, g->keys.data, g->keys.len);
		db_step(st);
		db_reset(st);
		g->dirty = 0;
	}
	db_finalize(st);
}

/* ---- dictionary caches ---- */

struct name_slot {
	char *name;
	size_t len;
	int64_t id;
	int64_t ward;          /* areas: the lookup's ward for an LSOA, else 0 */
};

struct name_ids {
	struct db *db;
	char table[32];
	char level[8];        /* areas only */
	struct db_stmt *find, *add, *rename, *ward;
	struct name_slot *slots;
	size_t cap, used;
	struct name_slot last;  /* copy of the last hit: forces and months repeat row after row */
};

static struct name_ids *cache_new(struct db *db)
{
	struct name_ids *ni = xcalloc(1, sizeof *ni);
	ni->db = db;
	ni->cap = 256;
	ni->slots = xcalloc(ni->cap, sizeof *ni->slots);
	return ni;
}

struct name_ids *name_ids_new(struct db *db, const char *table)
{
	struct name_ids *ni = cache_new(db);
	snprintf(ni->table, sizeof ni->table, "%s", table);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE name=?", table);
	ni->find = db_prepare(db, sql);
	snprintf(sql, sizeof sql, "INSERT INTO %s(name) VALUES(?)", table);
	ni->add = db_prepare(db, sql);
	return ni;
}

struct name_ids *area_ids_new(struct db *db, const char *level)
{
	struct name_ids *ni = cache_new(db);
	snprintf(ni->level, sizeof ni->level, "%s", level);
	ni->find = db_prepare(db, "SELECT id, name FROM geo_area WHERE level=? AND code=?");
	ni->add = db_prepare(db, "INSERT INTO geo_area(level, code, name) VALUES(?,?,?)");
	ni->rename = db_prepare(db, "UPDATE geo_area SET name=? WHERE id=?");
	ni->ward = db_prepare(db, "SELECT w.id FROM lsoa_ward lw JOIN geo_area w ON w.level='ward' AND w.code=lw.ward_code "
		"WHERE lw.lsoa_code=?");
	return ni;
}

void name_ids_free(struct name_ids *ni)
{
	if (!ni) return;
	for (size_t i = 0; i < ni->cap; i++) free(ni->slots[i].name);
	free(ni->slots);
	db_finalize(ni->find);
	db_finalize(ni->add);
	db_finalize(ni->rename);
	db_finalize(ni->ward);
	free(ni);
}

static uint64_t fnv1a(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static struct name_slot *cache_slot(struct name_ids *ni, const char *name, size_t len)
{
	size_t j = (size_t)fnv1a(name, len) & (ni->cap - 1);
	while (ni->slots[j].name) {
		if (ni->slots[j].len == len && memcmp(ni->slots[j].name, name, len) == 0) return &ni->slots[j];
		j = (j + 1) & (ni->cap - 1);
	}
	return &ni->slots[j];
}

static void cache_put(struct name_ids *ni, const char *name, size_t len, int64_t id, int64_t ward)
{
	if (2 * (ni->used + 1) > ni->cap) {
		struct name_slot *old = ni->slots;
		size_t oldcap = ni->cap;
		ni->cap *= 2;
		ni->slots = xcalloc(ni->cap, sizeof *ni->slots);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].name) *cache_slot(ni, old[i].name, old[i].len) = old[i];
		free(old);
	}
	struct name_slot *s = cache_slot(ni, name, len);
	s->name = xstrndup(name, len);
	s->len = len;
	s->id = id;
	s->ward = ward;
	ni->used++;
}

/* The cached slot for NAME or NULL; remembers it as the last hit. */
static const struct name_slot *cache_find(struct name_ids *ni, const char *name, size_t len)
{
	if (ni->last.name && ni->last.len == len && memcmp(ni->last.name, name, len) == 0) return &ni->last;
	struct name_slot *s = cache_slot(ni, name, len);
	if (!s->name) return NULL;
	ni->last = *s;
	return s;
}

int64_t name_ids_get(struct name_ids *ni, const char *name, size_t len)
{
	const struct name_slot *s = cache_find(ni, name, len);
	if (s) return s->id;
	db_bind_textn(ni->find, 1, name, len);
	int64_t id;
	if (db_step(ni->find) == DB_ROW) {
		id = db_column_int(ni->find, 0);
	} else {
		db_bind_textn(ni->add, 1, name, len);
		if (db_step(ni->add) != DB_DONE) fatal("cannot add to %s", ni->table);
		db_reset(ni->add);
		id = db_last_insert_id(ni->db);
	}
	db_reset(ni->find);
	cache_put(ni, name, len, id, 0);
	return id;
}

int64_t area_ids_get(struct name_ids *ni, const char *code, size_t len, const char *name, int64_t *ward)
{
	const struct name_slot *s = cache_find(ni, code, len);
	if (s) {
		if (ward) *ward = s->ward;
		return s->id;
	}
	db_bind_text(ni->find, 1, ni->level);
	db_bind_textn(ni->find, 2, code, len);
	int64_t id;
	if (db_step(ni->find) == DB_ROW) {
		id = db_column_int(ni->find, 0);
		int unnamed = db_column_text(ni->find, 1)[0] == 0;
		db_reset(ni->find);
		if (unnamed && name && *name) {
			db_bind_text(ni->rename, 1, name);
			db_bind_int(ni->rename, 2, id);
			db_step(ni->rename);
			db_reset(ni->rename);
		}
	} else {
		db_reset(ni->find);
		db_bind_text(ni->add, 1, ni->level);
		db_bind_textn(ni->add, 2, code, len);
		db_bind_text(ni->add, 3, name ? name : "");
		if (db_step(ni->add) != DB_DONE) fatal("cannot add area");
		db_reset(ni->add);
		id = db_last_insert_id(ni->db);
	}
	int64_t ward_id = 0;
	if (strcmp(ni->level, "lsoa") == 0) {
		db_bind_textn(ni->ward, 1, code, len);
		if (db_step(ni->ward) == DB_ROW) ward_id = db_column_int(ni->ward, 0);
		db_reset(ni->ward);
	}
	if (ward) *ward = ward_id;
	cache_put(ni, code, len, id, ward_id);
	return id;
}

/* ---- field checks ---- */

const char *import_check_text(const char *s, size_t len)
{
	/* fast path: eight bytes at a time, none with the high bit set or zero -> plain ASCII */
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if ((w & 0x8080808080808080ULL) || ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)) break;
	}
	for (; i < len; i++) if ((unsigned char)s[i] >= 0x80 || s[i] == 0) break;
	if (i == len) return NULL;
	if (strlen(s) != len) return "contains a NUL byte";
	if (!utf8_valid(s, len)) return "is not valid UTF-8 (is the file in another encoding, such as Windows-1252?)";
	return NULL;
}

/* Exact fast path for plain decimals such as -2.165432: with at most 15 significant digits
 * the digits form an exact integer and one division by an exact power of ten rounds
 * correctly, giving the same double as strtod. Returns -1 to send other text to strtod. */
static int parse_plain_decimal(const char *s, double *out)
{
	static const double POW10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	const char *p = s;
	int negative = *p == '-';
	if (*p == '-' || *p == '+') p++;
	uint64_t mantissa = 0;
	int digits = 0, decimals = 0, point = 0;
	for (; *p; p++) {
		if (*p == '.' && !point) { point = 1; continue; }
		if (*p < '0' || *p > '9') return -1;
		if (++digits > 15) return -1;
		mantissa = mantissa * 10 + (uint64_t)(*p - '0');
		decimals += point;
	}
	if (digits == 0) return -1;
	double v = (double)mantissa / POW10[decimals];
	*out = negative ? -v : v;
	return 0;
}

int import_parse_coordinate(const char *s, double lo, double hi, double *out, const char **why)
{
	double fast;
	if (parse_plain_decimal(s, &fast) == 0) {
		if (fast < lo || fast > hi) { *why = "is out of range"; return -1; }
		*out = fast;
		return 0;
	}
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end || errno == ERANGE || !isfinite(v)) { *why = "is not a number"; return -1; }
	if (v < lo || v > hi) { *why = "is out of range"; return -1; }
	*out = v;
	return 0;
}

/* The extent of police.uk data (England, Wales, Northern Ireland) with a margin. */
int import_in_uk(double lon, double lat)
{
	return lon >= -11.0 && lon <= 3.0 && lat >= 49.0 && lat <= 61.0;
}

int64_t import_record_begin(struct db *db, const char *kind, const char *path)
{
	const char *base = strrchr(path, '/');
	db_run(db, "INSERT INTO crime_import(kind, file_name, fingerprint, imported_at) VALUES(?,?,'',?)", "tti",
		kind, base ? base + 1 : path, clock_now());
	return db_last_insert_id(db);
}

void import_record_end(struct db *db, const struct actor *who, const struct import_summary *s,
	const char *fingerprint)
{
	db_run(db, "UPDATE crime_import SET fingerprint=?, rows_read=?, rows_added=?, rows_present=?, "
		"rows_without_location=? WHERE id=?", "tiiiii", fingerprint, (int64_t)s->rows_read,
		(int64_t)s->rows_added, (int64_t)s->rows_present, (int64_t)s->rows_without_location, s->import_id);
	char action[48], id[24], detail[160];
	snprintf(action, sizeof action, "import.%s", s->kind);
	snprintf(id, sizeof id, "%lld", (long long)s->import_id);
	snprintf(detail, sizeof detail, "rows_read=%lld added=%lld already_present=%lld without_location=%lld",
		s->rows_read, s->rows_added, s->rows_present, s->rows_without_location);
	audit_record(db, who, action, "crime_import", id, NULL, detail);
}

int64_t import_find_fingerprint(struct db *db, const char *kind, const char *fingerprint, int64_t except_id)
{
	return db_int(db, 0, "SELECT min(id) FROM crime_import WHERE kind=? AND fingerprint=? AND id<>?", "tti",
		kind, fingerprint, except_id);
}
