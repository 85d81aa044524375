/* Key ring handling and sealing of sensitive text columns. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "db/db.h"
#include "model/field_crypto.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define MAX_KEYS 32
#define PREFIX "enc1:"

const struct encrypted_column encrypted_columns[] = {
	{"referral", "observations", "id"},
	{"case_note", "body", "id"},
	{"case_intervention", "details", "id"},
	{"case_risk", "reason", "id"},
	{"case_file", "summary", "id"},
	{NULL, NULL, NULL}
};

struct ring_key {
	int id;
	unsigned char key[KEY_BYTES];
};

static struct ring_key ring[MAX_KEYS];
static int ring_size;          /* the last key is the current one */
static char ring_path[4096];   /* the key file, "" when the key came from the environment */
static pthread_rwlock_t ring_lock = PTHREAD_RWLOCK_INITIALIZER;

/* Parse "ID BASE64" lines into the ring. */
static int parse_ring(const char *text, char *err, size_t errsize)
{
	ring_size = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 0 && p[0] != '#') {
			char line[256];
			if (len >= sizeof line) { snprintf(err, errsize, "key file line too long"); return -1; }
			memcpy(line, p, len);
			line[len] = 0;
			char b64[200];
			int id;
			size_t keylen = 0;
			if (ring_size == MAX_KEYS || sscanf(line, "%d %199s", &id, b64) != 2 ||
			    sodium_base642bin(ring[ring_size].key, KEY_BYTES, b64, strlen(b64), NULL, &keylen, NULL,
				    sodium_base64_VARIANT_ORIGINAL) != 0 || keylen != KEY_BYTES) {
				snprintf(err, errsize, "the key file is malformed (each line: NUMBER BASE64-OF-32-BYTES)");
				return -1;
			}
			ring[ring_size++].id = id;
		}
		p += len + (nl ? 1 : 0);
	}
	if (!ring_size) { snprintf(err, errsize, "the key file holds no key"); return -1; }
	return 0;
}

static void key_line(struct buf *b, int id, const unsigned char *key)
{
	char b64[sodium_base64_ENCODED_LEN(KEY_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof b64, key, KEY_BYTES, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(b, "%d %s\n", id, b64);
}

/* Write TEXT to PATH atomically with mode 0600. */
static int write_private(const char *path, const char *text, char *err, size_t errsize)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) { snprintf(err, errsize, "cannot write key file %s: %s", tmp, strerror(errno)); return -1; }
	size_t len = strlen(text);
	int ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
	close(fd);
	if (!ok || rename(tmp, path) != 0) { snprintf(err, errsize, "cannot write key file %s", path); unlink(tmp); return -1; }
	return 0;
}

int field_crypto_init(const char *db_path, char *err, size_t errsize)
{
	if (sodium_init() < 0) fatal("libsodium failed to initialise");
	pthread_rwlock_wrlock(&ring_lock);
	int rc = 0;
	const char *env = getenv("NESTGUARD_KEY");
	if (env && *env) {
		ring_path[0] = 0;
		char line[300];
		snprintf(line, sizeof line, "1 %s\n", env);
		rc = parse_ring(line, err, errsize);
		goto done;
	}
	const char *file = getenv("NESTGUARD_KEY_FILE");
	if (file && *file) snprintf(ring_path, sizeof ring_path, "%s", file);
	else snprintf(ring_path, sizeof ring_path, "%s.key", db_path);
	FILE *f = fopen(ring_path, "r");
	if (!f) {
		if (errno != ENOENT) { snprintf(err, errsize, "cannot read key file %s: %s", ring_path, strerror(errno)); rc = -1; goto done; }
		struct buf b = BUF_INIT;
		unsigned char key[KEY_BYTES];
		crypto_aead_xchacha20poly1305_ietf_keygen(key);
		buf_puts(&b, "# nestguard field encryption keys: keep this file outside backups of the database\n");
		key_line(&b, 1, key);
		sodium_memzero(key, sizeof key);
		rc = write_private(ring_path, buf_str(&b), err, errsize);
		if (rc == 0) rc = parse_ring(buf_str(&b), err, errsize);
		sodium_memzero(b.data, b.len);
		buf_free(&b);
		goto done;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077))
		fprintf(stderr, "nestguard: warning: key file %s is readable by others; chmod 600 it\n", ring_path);
	struct buf b = BUF_INIT;
	char chunk[1024];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
	fclose(f);
	rc = parse_ring(buf_str(&b), err, errsize);
	if (b.data) sodium_memzero(b.data, b.len);
	buf_free(&b);
done:
	pthread_rwlock_unlock(&ring_lock);
	return rc;
}

int field_crypto_ready(void)
{
	pthread_rwlock_rdlock(&ring_lock);
	int ready = ring_size > 0;
	pthread_rwlock_unlock(&ring_lock);
	return ready;
}

void field_crypto_init_ephemeral(void)
{
	if (sodium_init() < 0) fatal("libsodium failed to initialise");
	pthread_rwlock_wrlock(&ring_lock);
	if (!ring_size) {
		ring_path[0] = 0;
		ring[0].id = 1;
		crypto_aead_xchacha20poly1305_ietf_keygen(ring[0].key);
		ring_size = 1;
	}
	pthread_rwlock_unlock(&ring_lock);
}

static void associated_data(char *out, size_t size, const char *column, int64_t row_id)
{
	snprintf(out, size, "%s#%lld", column, (long long)row_id);
}

/* Seal with ring key K. */
static char *seal(const struct ring_key *k, const char *column, int64_t row_id, const char *plain)
{
	size_t plen = strlen(plain);
	size_t clen = NONCE_BYTES + plen + crypto_aead_xchacha20poly1305_ietf_ABYTES;
	unsigned char *c = xmalloc(clen);
	randombytes_buf(c, NONCE_BYTES);
	char ad[256];
	associated_data(ad, sizeof ad, column, row_id);
	unsigned long long written = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(c + NONCE_BYTES, &written, (const unsigned char *)plain, plen,
		(const unsigned char *)ad, strlen(ad), NULL, c, k->key);
	size_t b64len = sodium_base64_ENCODED_LEN(clen, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	struct buf b = BUF_INIT;
	buf_printf(&b, PREFIX "%d:", k->id);
	buf_grow(&b, b64len);
	sodium_bin2base64(b.data + b.len, b64len, c, clen, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	b.len += strlen(b.data + b.len);
	free(c);
	return buf_detach(&b);
}

char *field_encrypt(const char *column, int64_t row_id, const char *plain)
{
	if (!plain) return NULL;
	pthread_rwlock_rdlock(&ring_lock);
	if (!ring_size) fatal("field encryption used before field_crypto_init");
	char *out = seal(&ring[ring_size - 1], column, row_id, plain);
	pthread_rwlock_unlock(&ring_lock);
	return out;
}

int field_is_encrypted(const char *stored)
{
	return stored && strncmp(stored, PREFIX, strlen(PREFIX)) == 0;
}

char *field_decrypt(const char *column, int64_t row_id, const char *stored)
{
	if (!stored) return NULL;
	if (!field_is_encrypted(stored)) return xstrdup(stored);
	const char *p = stored + strlen(PREFIX);
	char *colon;
	long id = strtol(p, &colon, 10);
	if (*colon != ':') return NULL;
	const char *b64 = colon + 1;
	size_t cap = strlen(b64);
	unsigned char *c = xmalloc(cap + 1);
	size_t clen = 0;
	if (sodium_base642bin(c, cap, b64, strlen(b64), NULL, &clen, NULL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
	    clen < NONCE_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
		free(c);
		return NULL;
	}
	char *plain = NULL;
	pthread_rwlock_rdlock(&ring_lock);
	for (int i = 0; i < ring_size; i++) {
		if (ring[i].id != id) continue;
		size_t mlen = clen - NONCE_BYTES - crypto_aead_xchacha20poly1305_ietf_ABYTES;
		plain = xmalloc(mlen + 1);
		char ad[256];
		associated_data(ad, sizeof ad, column, row_id);
		unsigned long long got = 0;
		if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain, &got, NULL, c + NONCE_BYTES,
				clen - NONCE_BYTES, (const unsigned char *)ad, strlen(ad), c, ring[i].key) != 0) {
			free(plain);
			plain = NULL;
		} else {
			plain[got] = 0;
		}
		break;
	}
	pthread_rwlock_unlock(&ring_lock);
	free(c);
	return plain;
}

long field_crypto_rotate(struct db *db, char *err, size_t errsize)
{
	if (!ring_path[0]) { snprintf(err, errsize, "the key comes from NESTGUARD_KEY: rotate by re-sealing with a key file instead"); return -1; }
	pthread_rwlock_wrlock(&ring_lock);
	if (ring_size == MAX_KEYS) { pthread_rwlock_unlock(&ring_lock); snprintf(err, errsize, "the key ring is full"); return -1; }
	struct ring_key fresh;
	fresh.id = ring[ring_size - 1].id + 1;
	crypto_aead_xchacha20poly1305_ietf_keygen(fresh.key);
	ring[ring_size++] = fresh;
	pthread_rwlock_unlock(&ring_lock);

	/* Re-seal first, then write the new ring: if writing the ring fails the transaction is
	 * rolled back and nothing depends on the key that was never saved. */
	long count = 0;
	db_begin(db);
	for (const struct encrypted_column *ec = encrypted_columns; ec->table; ec++) {
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT %s, %s FROM %s", ec->id_column, ec->column, ec->table);
		char col[128];
		snprintf(col, sizeof col, "%s.%s", ec->table, ec->column);
		struct db_stmt *st = db_prepare(db, sql);
		snprintf(sql, sizeof sql, "UPDATE %s SET %s=? WHERE %s=?", ec->table, ec->column, ec->id_column);
		struct db_stmt *up = db_prepare(db, sql);
		while (db_step(st) == DB_ROW) {
			int64_t id = db_column_int(st, 0);
			char *plain = field_decrypt(col, id, db_column_text(st, 1));
			if (!plain) {
				db_finalize(st);
				db_finalize(up);
				db_rollback(db);
				ring_size--;
				snprintf(err, errsize, "a value in %s (row %lld) cannot be opened with the key ring; nothing changed", col, (long long)id);
				return -1;
			}
			char *sealed = seal(&fresh, col, id, plain);
			db_reset(up);
			db_bind_text(up, 1, sealed);
			db_bind_int(up, 2, id);
			db_step(up);
			sodium_memzero(plain, strlen(plain));
			free(plain);
			free(sealed);
			count++;
		}
		db_finalize(st);
		db_finalize(up);
	}
	struct buf b = BUF_INIT;
	buf_puts(&b, "# nestguard field encryption keys: keep this file outside backups of the database\n");
	for (int i = 0; i < ring_size; i++) key_line(&b, ring[i].id, ring[i].key);
	if (write_private(ring_path, buf_str(&b), err, errsize) != 0) {
		db_rollback(db);
		ring_size--;
		count = -1;
	} else {
		db_commit(db);
	}
	sodium_memzero(b.data, b.len);
	buf_free(&b);
	sodium_memzero(&fresh, sizeof fresh);
	return count;
}
