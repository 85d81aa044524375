/* Per-user sliding windows of one-minute buckets in a small hash table. Counting lives in
 * memory because a query per view would cost more than the view itself. */
#include <pthread.h>
#include <string.h>
#include "model/audit_alert.h"

#define SLOTS 1024
#define PROBE 8

struct window {
	int64_t user_id;
	int64_t minute[AUDIT_ALERT_WINDOW_MINUTES];   /* which minute each bucket counts */
	int count[AUDIT_ALERT_WINDOW_MINUTES];
	int64_t alerted_until;                        /* no second alert before this minute */
};

static struct window table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void audit_alert_reset(void)
{
	pthread_mutex_lock(&lock);
	memset(table, 0, sizeof table);
	pthread_mutex_unlock(&lock);
}

int audit_alert_count_view(int64_t user_id, int64_t now, int threshold)
{
	if (user_id <= 0 || threshold <= 0) return 0;
	int64_t minute = now / 60;
	pthread_mutex_lock(&lock);
	unsigned h = (unsigned)((uint64_t)user_id * 2654435761u) % SLOTS;
	struct window *w = NULL, *oldest = &table[h];
	for (int i = 0; i < PROBE; i++) {
		struct window *c = &table[(h + (unsigned)i) % SLOTS];
		if (c->user_id == user_id || c->user_id == 0) { w = c; break; }
		if (c->minute[0] < oldest->minute[0]) oldest = c;
	}
	if (!w) { w = oldest; memset(w, 0, sizeof *w); }
	if (w->user_id != user_id) { memset(w, 0, sizeof *w); w->user_id = user_id; }
	int slot = (int)(minute % AUDIT_ALERT_WINDOW_MINUTES);
	if (w->minute[slot] != minute) { w->minute[slot] = minute; w->count[slot] = 0; }
	w->count[slot]++;
	int total = 0;
	for (int i = 0; i < AUDIT_ALERT_WINDOW_MINUTES; i++)
		if (minute - w->minute[i] < AUDIT_ALERT_WINDOW_MINUTES) total += w->count[i];
	int fire = 0;
	if (total >= threshold && minute >= w->alerted_until) {
		w->alerted_until = minute + AUDIT_ALERT_WINDOW_MINUTES;
		fire = total;
	}
	pthread_mutex_unlock(&lock);
	return fire;
}
