/* Per-client request rate limiting: a token bucket per remote address. */
#ifndef NESTGUARD_RATELIMIT_H
#define NESTGUARD_RATELIMIT_H
#include <stdint.h>

/* RATE requests per second, bursts up to 2*RATE; 0 turns limiting off. */
void ratelimit_configure(double rate);
/* 1 when CLIENT may make a request now (and takes a token), 0 when over the limit. NOW_US is
 * a monotonic time in microseconds. Thread-safe. */
int ratelimit_allow(const char *client, int64_t now_us);

#endif
