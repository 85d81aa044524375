/* Bulk inserts: rows are collected in memory and written with one multi-row INSERT
 * statement per batch ("INSERT INTO t(a,b) VALUES(?,?),(?,?),..."), which costs SQLite far
 * less per row than stepping a one-row statement. Values are copied, so the caller's
 * strings may change as soon as a value is added. Works on any SQL back end. */
#ifndef NESTGUARD_BATCH_INSERT_H
#define NESTGUARD_BATCH_INSERT_H
#include <stddef.h>
#include <stdint.h>

struct db;
struct batch_insert;

/* COLUMNS is the column list as written in SQL ("a, b, c"), fixed text from the caller,
 * never user input; NCOLUMNS must match it. */
struct batch_insert *batch_insert_new(struct db *db, const char *table, const char *columns, int ncolumns);
/* Add the next value of the current row, in column order. */
void batch_int(struct batch_insert *b, int64_t v);
void batch_double(struct batch_insert *b, double v);
void batch_text(struct batch_insert *b, const char *s, size_t len);
void batch_blob(struct batch_insert *b, const void *p, size_t len);
void batch_null(struct batch_insert *b);
/* End the current row (all NCOLUMNS values given); writes the batch when it is full. */
void batch_row_end(struct batch_insert *b);
/* Write the rows still held. Call before reading the table or committing. */
void batch_flush(struct batch_insert *b);
/* Flushes, then frees. */
void batch_insert_free(struct batch_insert *b);

#endif
