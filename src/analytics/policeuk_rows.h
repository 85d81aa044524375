/* The police.uk importer's insides, shared by its three parts: the formats, the rows the
 * reader thread hands the database thread, and the file being imported (the job). The reader
 * (policeuk_reader.c) parses, checks, keys and classifies a file's rows; the writer
 * (policeuk_writer.c) stores them; policeuk_import.c runs the two over a list of files.
 * Not for use outside the importer: see policeuk_import.h. */
#ifndef NESTGUARD_POLICEUK_ROWS_H
#define NESTGUARD_POLICEUK_ROWS_H
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include "analytics/import_file.h"
#include "analytics/row_keys.h"
#include "util/buf.h"

struct crime_places;
struct key_ids;
struct name_ids;
struct row_chunk;
struct row_occurrences;
struct row_queue;

enum format { STREET, OUTCOMES, STOP_SEARCH, NFORMATS };

/* Column numbers in each format's canonical order (what the code refers to). */
enum { S_ID, S_MONTH, S_REPORTED, S_FALLS, S_LON, S_LAT, S_LOCATION, S_LSOA, S_LSOA_NAME, S_TYPE,
	S_OUTCOME, S_CONTEXT, S_N };
enum { O_ID, O_MONTH, O_REPORTED, O_FALLS, O_LON, O_LAT, O_LOCATION, O_LSOA, O_LSOA_NAME, O_TYPE, O_N };
enum { Q_TYPE, Q_DATE, Q_PART_OF_OP, Q_OPERATION, Q_LAT, Q_LON, Q_GENDER, Q_AGE, Q_SELF_ETH, Q_OFFICER_ETH,
	Q_LEGISLATION, Q_OBJECT, Q_OUTCOME, Q_LINKED, Q_REMOVAL, Q_N };

/* A format: its kind (as crime_import records it), the table its identity keys are made
 * for, and its columns' names in canonical order. */
struct policeuk_format {
	const char *kind, *table;
	const char *const *columns;
	int ncolumns;
};
extern const struct policeuk_format POLICEUK_FORMATS[NFORMATS];

#define MAX_COLUMNS 16

/* Rows travel from the reader thread to the database thread in chunks of this many. */
#define ROWS_PER_CHUNK 512

/* A police.uk Crime ID as stored when it is 64 lower-case hex digits: its 32 bytes. */
#define CRIME_REF_BYTES 32

/* A checked row on its way to the database; its fields are in the chunk's byte buffer. A
 * street row carries only the fields the database thread needs (see queue_street_row()); the
 * others have length 0 there. */
struct parsed_row {
	unsigned char key[IMPORT_KEY_BYTES];    /* its identity: content hash and repeat number */
	long line;
	int located, date_only;
	double lon, lat;
	int64_t at;                       /* stop and search: Unix time */
	int64_t class_id, place_id;       /* street rows */
	unsigned char new_class, new_place;   /* street rows: the first of their class, place */
	unsigned char ref_decoded;        /* the Crime ID is in REF (street rows) */
	/* the big fields last: a row is zeroed up to REF */
	unsigned char ref[CRIME_REF_BYTES];
	uint32_t off[MAX_COLUMNS], len[MAX_COLUMNS];   /* canonical column order */
};

/* One file of an import run. The reader thread fills it in, and hands it to the database
 * thread with the file's chunks: fields the reader sets before a chunk of the file is queued
 * are the database thread's to read once it has taken that chunk. Of the summary the reader
 * writes only the problems, kind, rows_read and rows_without_location (the database thread
 * writes the other counts). */
struct job {
	size_t file;                 /* its index in the run */
	struct import_summary *s;
	struct import_csv ic;
	struct csv *csv;
	struct import_source *src;
	int has_format;              /* the header passed: FMT is known and rows may follow */
	enum format fmt;
	int col[MAX_COLUMNS];        /* canonical column -> 0-based file column */
	size_t nfile_columns;
	struct row_occurrences *occurrences;
	struct row_queue *queue;
	struct row_chunk *chunk;     /* being filled */
	const char *field[MAX_COLUMNS];  /* current row, canonical order */
	size_t len[MAX_COLUMNS];
	char fingerprint[65];        /* once the file is read */
	/* street rows: */
	struct key_ids *classes;     /* class fields -> class id, this file's */
	int64_t first_class;         /* the file's first class id */
	int64_t next_class;          /* id for the next new class */
	struct crime_places *places;
	int64_t first_place;         /* the id the file's first new place got or would get */
	int made_places;             /* the file handed out place ids (which its rejection voids);
	                              * decided by the reader when it is done with the file, before
	                              * it goes on to hand out the next file's */
	struct buf class_key;        /* scratch */
	atomic_int *cancel;          /* the run's: stop reading */
};

/* What the reader keeps from one file to the next. */
struct policeuk_reader {
	struct row_queue *queue;
	struct crime_places *places;          /* the stored places and those handed out */
	int64_t next_class;                   /* id of the next new street class */
	struct row_keys *hashing[NFORMATS];   /* each table's key secret */
	struct row_occurrences *occurrences[NFORMATS];   /* repeat counters, made when first needed */
	atomic_int *cancel;                   /* stop reading */
};

/* Read file J->file, at PATH, into J (whose summary is J->s): open it, check its header,
 * queue its rows and end with a chunk marked last (possibly empty), which hands the job over
 * to the database thread. Touches no database. */
void policeuk_read_file(struct policeuk_reader *rd, struct job *j, const char *path);
/* Free what the reader kept (its repeat counters). */
void policeuk_reader_release(struct policeuk_reader *rd);

/* The database thread's caches of the dictionaries and areas. */
struct policeuk_dictionaries {
	struct name_ids *forces, *types, *outcomes, *lsoas;
};

/* Write J's rows, from its chunk FIRST (taken from Q) to its last, inside the open
 * transaction; saves the rows' keys unless the file had problems. */
void policeuk_write_file(struct db *db, struct job *j, struct row_queue *q, struct row_chunk *first,
	const struct policeuk_dictionaries *d);
/* The table whose rows get their LSOA and ward once a file of format FMT is written. */
const char *policeuk_area_table(enum format fmt);

#endif
