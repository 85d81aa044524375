/* Uploaded files for the importers, which read paths: each upload is written to its own
 * directory (mode 0700) under $TMPDIR/nestguard-uploads, named after the user and a random
 * token so that a staged file (the incident log waiting for its column mapping) can only be
 * picked up again by the user who sent it. Staged files older than an hour are removed when
 * the next upload arrives; everything else is removed as soon as it has been imported. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "web/pages/analytics_ui.h"

#define STALE_SECONDS 3600

static void base_dir(char *out, size_t size)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(out, size, "%s/nestguard-uploads", tmp && *tmp ? tmp : "/tmp");
}

/* The file name without directories, in letters, digits, '.', '-' and '_' only. */
static void safe_name(const char *name, char *out, size_t size)
{
	const char *slash = name ? strrchr(name, '/') : NULL, *back = name ? strrchr(name, '\\') : NULL;
	if (back && (!slash || back > slash)) slash = back;
	const char *p = slash ? slash + 1 : name ? name : "";
	size_t n = 0;
	for (; *p && n + 1 < size; p++) {
		unsigned char c = (unsigned char)*p;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
		out[n++] = ok ? (char)c : '_';
	}
	out[n] = 0;
	if (n == 0 || out[0] == '.') snprintf(out, size, "upload.csv");
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
			char path[1024];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static void remove_stale(const char *base)
{
	DIR *d = opendir(base);
	if (!d) return;
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') continue;
		char path[1024];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", base, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && now - st.st_mtime > STALE_SECONDS) remove_tree(path);
	}
	closedir(d);
}

static void dir_for(struct request *rq, const char *token, char *out, size_t size)
{
	char base[700];
	base_dir(base, sizeof base);
	snprintf(out, size, "%s/%lld-%s", base, (long long)rq->actor.user_id, token);
}

int analytics_upload_save(struct request *rq, const char *name, const char *bytes, size_t len, char token[33],
	char *path, size_t size)
{
	char base[700], dir[800], file[200];
	base_dir(base, sizeof base);
	if (mkdir(base, 0700) != 0 && errno != EEXIST) return -1;
	remove_stale(base);
	unsigned char raw[16];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, 33, raw, sizeof raw);
	dir_for(rq, token, dir, sizeof dir);
	if (mkdir(dir, 0700) != 0) return -1;
	safe_name(name, file, sizeof file);
	snprintf(path, size, "%s/%s", dir, file);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		remove_tree(dir);
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, bytes + done, len - done);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) break;
		done += (size_t)w;
	}
	if (close(fd) != 0 || done != len) {
		remove_tree(dir);
		return -1;
	}
	return 0;
}

int analytics_upload_find(struct request *rq, const char *token, char *path, size_t size)
{
	if (!token || strlen(token) != 32 || strspn(token, "0123456789abcdef") != 32) return -1;
	char dir[800];
	dir_for(rq, token, dir, sizeof dir);
	DIR *d = opendir(dir);
	if (!d) return -1;
	struct dirent *e;
	int rc = -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') continue;
		snprintf(path, size, "%s/%s", dir, e->d_name);
		rc = 0;
		break;
	}
	closedir(d);
	return rc;
}

void analytics_upload_remove(const char *path)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash) return;
	*slash = 0;
	remove_tree(dir);
}
