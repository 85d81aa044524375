/* Token buckets in a fixed-size open-addressing table guarded by one mutex. When the table
 * is full, the stalest bucket is reused: an attacker rotating addresses can evict others'
 * buckets, which only ever resets a bucket to full — never locks anyone out. */
#include <pthread.h>
#include <string.h>
#include "web/ratelimit.h"

#define BUCKETS 4096
#define KEYLEN 48

struct bucket {
	char client[KEYLEN];
	double tokens;
	int64_t last_us;
};

static struct bucket table[BUCKETS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static double rate_per_s;

void ratelimit_configure(double rate)
{
	pthread_mutex_lock(&lock);
	rate_per_s = rate;
	memset(table, 0, sizeof table);
	pthread_mutex_unlock(&lock);
}

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

int ratelimit_allow(const char *client, int64_t now_us)
{
	if (rate_per_s <= 0) return 1;
	double burst = 2 * rate_per_s;
	pthread_mutex_lock(&lock);
	unsigned h = hash(client) % BUCKETS;
	struct bucket *b = NULL, *stalest = &table[h];
	for (unsigned i = 0; i < 16; i++) {
		struct bucket *c = &table[(h + i) % BUCKETS];
		if (strncmp(c->client, client, KEYLEN - 1) == 0 && c->client[0]) { b = c; break; }
		if (!c->client[0]) { stalest = c; break; }
		if (c->last_us < stalest->last_us) stalest = c;
	}
	if (!b) {
		b = stalest;
		strncpy(b->client, client, KEYLEN - 1);
		b->client[KEYLEN - 1] = 0;
		b->tokens = burst;
		b->last_us = now_us;
	}
	b->tokens += (double)(now_us - b->last_us) / 1e6 * rate_per_s;
	if (b->tokens > burst) b->tokens = burst;
	b->last_us = now_us;
	int ok = b->tokens >= 1.0;
	if (ok) b->tokens -= 1.0;
	pthread_mutex_unlock(&lock);
	return ok;
}
