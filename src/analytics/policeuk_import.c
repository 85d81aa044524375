/* police.uk import of a list of files: a reader thread (policeuk_reader.c) parses, checks and
 * keys the rows of every file in turn while the calling thread writes them
 * (policeuk_writer.c), one transaction per file, so both cores work. The reader does not wait
 * for a file to be committed before it starts on the next one; this file keeps the two in
 * step when a file is rejected or another writer gets in between two files. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/area_assign.h"
#include "analytics/crime_places.h"
#include "analytics/name_ids.h"
#include "analytics/policeuk_import.h"
#include "analytics/policeuk_rows.h"
#include "analytics/row_keys.h"
#include "analytics/row_queue.h"
#include "db/db.h"
#include "util/xalloc.h"

/* ---- the run: one reader thread over every file, the database thread writing ---- */

struct run {
	struct db *db;
	const char *const *paths;
	size_t n;
	struct import_summary *s;        /* one per file */
	struct job *jobs;                /* one per file */
	/* the reader thread's, while it runs; its queue and places are the database thread's
	 * only while the reader waits or has stopped */
	struct policeuk_reader rd;
	pthread_t reader;
	int reading;                     /* the reader thread runs */
	/* the database thread's caches of the dictionaries and areas, kept from file to file: ids
	 * in those tables never change or go once committed */
	struct policeuk_dictionaries dict;
	size_t start;                    /* the reader's first file */
	atomic_int cancel;
	/* after a rejected file that handed out places, the reader waits for the database thread
	 * to reload them (the rollback voided those ids) before it reads on */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t resumed;                  /* the reader may read files from this one on */
};

/* The reader thread: every file from RUN->start on, in order. Touches no database. */
static void *reader_thread(void *arg)
{
	struct run *run = arg;
	pthread_setname_np(pthread_self(), "import-reader");   /* shows in top and perf */
	for (size_t i = run->start; i < run->n && !atomic_load(&run->cancel); i++) {
		struct job *j = &run->jobs[i];
		j->file = i;
		j->s = &run->s[i];
		policeuk_read_file(&run->rd, j, run->paths[i]);
		if (j->s->problems_total && j->made_places) {
			pthread_mutex_lock(&run->lock);
			while (run->resumed <= i && !atomic_load(&run->cancel)) pthread_cond_wait(&run->changed, &run->lock);
			pthread_mutex_unlock(&run->lock);
		}
	}
	policeuk_reader_release(&run->rd);
	row_queue_close(run->rd.queue);
	return NULL;
}

/* Bring the reader's view of the stored street data up to date: the places, and the next
 * class id. Only while the reader does not run or waits. */
static void sync_street(struct run *run)
{
	crime_places_sync(run->rd.places, run->db);
	run->rd.next_class = db_int(run->db, 1, "SELECT coalesce(max(id), 0) + 1 FROM crime_class", "");
}

static void reader_start(struct run *run, size_t start)
{
	sync_street(run);
	run->start = run->resumed = start;
	atomic_store(&run->cancel, 0);
	run->rd.queue = row_queue_new(sizeof(struct parsed_row), ROWS_PER_CHUNK);
	run->rd.cancel = &run->cancel;
	if (pthread_create(&run->reader, NULL, reader_thread, run) != 0) fatal("cannot start the reader thread");
	run->reading = 1;
}

static void reader_join(struct run *run)
{
	if (!run->reading) return;
	pthread_join(run->reader, NULL);
	run->reading = 0;
	row_queue_free(run->rd.queue);
	run->rd.queue = NULL;
}

static void caches_free(struct run *run)
{
	name_ids_free(run->dict.forces);
	name_ids_free(run->dict.types);
	name_ids_free(run->dict.outcomes);
	name_ids_free(run->dict.lsoas);
}

/* (Re)start the dictionary and area caches empty. */
static void caches_reset(struct run *run)
{
	caches_free(run);
	run->dict.forces = name_ids_new(run->db, "police_force");
	run->dict.types = name_ids_new(run->db, "crime_type");
	run->dict.outcomes = name_ids_new(run->db, "outcome_category");
	run->dict.lsoas = area_ids_new(run->db, "lsoa");
}

/* Stop the reader wherever it is and forget what it read of files FROM on, so that it can
 * start again at FROM. */
static void reader_cancel(struct run *run, size_t from)
{
	pthread_mutex_lock(&run->lock);
	atomic_store(&run->cancel, 1);
	pthread_cond_broadcast(&run->changed);
	pthread_mutex_unlock(&run->lock);
	struct row_chunk *c;
	while ((c = row_queue_take_full(run->rd.queue))) row_queue_put_empty(run->rd.queue, c);
	reader_join(run);
	for (size_t i = from; i < run->n; i++) {
		/* the reader freed what it held of them before it stopped */
		memset(&run->jobs[i], 0, sizeof run->jobs[i]);
		import_summary_init(&run->s[i], run->paths[i], "");
	}
	crime_places_reset(run->rd.places);
}

/* True when someone else stored street classes or places since the reader numbered J's
 * (between the commit of the previous file and this file's transaction): J's ids may be
 * taken. Called inside J's transaction. */
static int ids_taken(struct run *run, const struct job *j)
{
	if (!j->has_format || j->fmt != STREET) return 0;
	return db_int(run->db, 0, "SELECT coalesce(max(id), 0) FROM crime_class", "") >= j->first_class
		|| db_int(run->db, 0, "SELECT coalesce(max(id), 0) FROM crime_place", "") >= j->first_place;
}

/* Import file I, whose first chunk is FIRST: 0 when committed, -1 when rejected, 1 when its
 * ids were taken meanwhile and the reader must start again from it. */
static int import_file(struct run *run, const struct actor *who, size_t i, struct row_chunk *first)
{
	struct db *db = run->db;
	struct job *j = &run->jobs[i];
	struct import_summary *s = j->s;
	if (!j->has_format) {
		/* unreadable, or a wrong header: nothing to write */
		row_queue_put_empty(run->rd.queue, first);
		return -1;
	}
	db_begin(db);
	if (ids_taken(run, j)) {
		db_rollback(db);
		row_queue_put_empty(run->rd.queue, first);
		return 1;
	}
	s->import_id = import_record_begin(db, POLICEUK_FORMATS[j->fmt].kind, run->paths[i]);
	int64_t first_id = area_assign_next_id(db, policeuk_area_table(j->fmt));
	policeuk_write_file(db, j, run->rd.queue, first, &run->dict);
	if (s->problems_total) {
		db_rollback(db);
		caches_reset(run);   /* names and areas it added were rolled back with it */
		s->import_id = 0;
		if (j->made_places) {
			/* the places it handed out were rolled back: reload, and let the reader go on */
			crime_places_reset(run->rd.places);
			sync_street(run);
			pthread_mutex_lock(&run->lock);
			run->resumed = i + 1;
			pthread_cond_broadcast(&run->changed);
			pthread_mutex_unlock(&run->lock);
		}
		return -1;
	}
	s->earlier_import = import_find_fingerprint(db, s->kind, j->fingerprint, s->import_id);
	import_record_end(db, who, s, j->fingerprint);
	area_assign(db, policeuk_area_table(j->fmt), first_id);
	if (db_commit(db) != 0) fatal("import transaction failed to commit");
	return 0;
}

int policeuk_import_files(struct db *db, const struct actor *who, const char *const *paths, size_t n,
	struct import_summary *summaries, policeuk_file_done done, void *arg)
{
	struct run run = {.db = db, .paths = paths, .n = n, .s = summaries};
	if (pthread_mutex_init(&run.lock, NULL) || pthread_cond_init(&run.changed, NULL)) fatal("pthread init failed");
	run.jobs = xcalloc(n ? n : 1, sizeof *run.jobs);
	for (size_t i = 0; i < n; i++) import_summary_init(&summaries[i], paths[i], "");
	for (int f = 0; f < NFORMATS; f++) run.rd.hashing[f] = row_keys_new(db, POLICEUK_FORMATS[f].table);
	run.rd.places = crime_places_new();
	caches_reset(&run);
	reader_start(&run, 0);
	int rejected = 0;
	for (size_t i = 0; i < n; i++) {
		struct row_chunk *first = row_queue_take_full(run.rd.queue);
		if (!first || first->source != i) fatal("import: file %zu's rows are missing", i);
		int rc = import_file(&run, who, i, first);
		if (rc > 0) {
			/* another writer stored classes or places between two of our files */
			reader_cancel(&run, i);
			reader_start(&run, i);
			i--;
			continue;
		}
		if (rc < 0) rejected++;
		if (done) done(&summaries[i], arg);
	}
	reader_join(&run);
	caches_free(&run);
	crime_places_free(run.rd.places);
	for (int f = 0; f < NFORMATS; f++) row_keys_free(run.rd.hashing[f]);
	free(run.jobs);
	pthread_mutex_destroy(&run.lock);
	pthread_cond_destroy(&run.changed);
	return rejected;
}

int policeuk_import_file(struct db *db, const struct actor *who, const char *path, struct import_summary *s)
{
	const char *paths[1] = {path};
	return policeuk_import_files(db, who, paths, 1, s, NULL, NULL) ? -1 : 0;
}
