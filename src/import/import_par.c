/* A line-record importer on several cores: a regular file is cut into chunks at line ends, and
 * parse workers take the chunks in turn (worker w the chunks k with k mod N == w), each running
 * the importer over its chunk and packing what it emits. The caller's thread replays the chunks
 * in file order into the real sink, so the output is the same as one reader's, line numbers and
 * byte offsets included. Each worker keeps at most RING chunks ahead: memory is bounded by the
 * chunk size and the number of workers, not by the file. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imp.h"
#include "util/ring.h"
#include "util/banned.h"

#define CHUNK    (4u << 20)
#define RING     2
#define MAX_PAR  16
#define SLOP_MAX (IMP_MAX_RECORD + 1) /* how far a chunk may run past its nominal end */

/* One chunk's results. */
struct slot {
	uint64_t k; /* the chunk's number */
	int last;   /* no chunk after this one (end of file, or a read error) */
	int rc;
	struct imp_pack pack;
	struct imp_stats st;
	unsigned long lines; /* lines in the chunk */
	uint64_t start;      /* byte offset of the chunk in the file */
};

struct par;

struct worker {
	struct par *p;
	size_t w;
	pthread_t th;
	struct slot slots[RING];
	struct bs_ring ring;
	char *buf;
	size_t cap;
	struct slot *cur;
};

struct par {
	const struct importer *imp;
	int fd;
	uint64_t size;
	size_t nw;
	struct worker w[MAX_PAR];
};

/* Reads [from, to) of the file into w->buf (grown as needed); the bytes read. */
static size_t read_at(struct worker *w, uint64_t from, size_t len, size_t at)
{
	if (at + len > w->cap) {
		w->cap = at + len;
		w->buf = xrealloc(w->buf, w->cap + 1);
	}
	size_t got = 0;
	while (got < len) {
		ssize_t r = pread(w->p->fd, w->buf + at + got, len - got, (off_t)(from + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Where the line holding byte `at` ends (the offset after its newline), scanning forward; the
 * file's size when it has no newline before. Reads into w->buf from index `into`. */
static uint64_t line_end_after(struct worker *w, uint64_t at, size_t into)
{
	const struct par *p = w->p;
	uint64_t pos = at;
	while (pos < p->size && pos - at < SLOP_MAX) {
		size_t want = p->size - pos < 65536 ? (size_t)(p->size - pos) : 65536;
		size_t got = read_at(w, pos, want, into);
		if (!got)
			return p->size;
		char *nl = memchr(w->buf + into, '\n', got);
		if (nl)
			return pos + (uint64_t)(nl - (w->buf + into)) + 1;
		pos += got;
	}
	/* A line longer than a record may be: cut here; the importer reports the pieces. */
	return pos < p->size ? pos : p->size;
}

/* Chunk k: the lines that start in [k*CHUNK, (k+1)*CHUNK). */
static void run_chunk(struct worker *w, struct slot *s, uint64_t k)
{
	const struct par *p = w->p;
	uint64_t lo = k * CHUNK, hi = lo + CHUNK;
	if (lo)
		lo = line_end_after(w, lo - 1, 0);
	if (hi >= p->size)
		hi = p->size;
	else
		hi = line_end_after(w, hi - 1, 0);
	s->k = k;
	s->start = lo;
	s->last = hi >= p->size;
	imp_pack_reset(&s->pack);
	memset(&s->st, 0, sizeof(s->st));
	s->lines = 0;
	s->rc = 0;
	if (lo >= hi)
		return;
	size_t len = (size_t)(hi - lo);
	if (read_at(w, lo, len, 0) != len) {
		imp_pack_bad(&s->pack, 1, 0, "read error");
		s->st.bad++;
		s->rc = -1;
		s->last = 1;
		return;
	}
	for (const char *q = w->buf, *e = w->buf + len; (q = memchr(q, '\n', (size_t)(e - q))); q++)
		s->lines++;
	FILE *f = fmemopen(w->buf, len, "rb");
	if (!f) {
		imp_pack_bad(&s->pack, 1, 0, "out of memory");
		s->st.bad++;
		s->rc = -1;
		s->last = 1;
		return;
	}
	struct imp_sink sink = {imp_pack_obs, imp_pack_end, imp_pack_bad, &s->pack, "chunk"};
	s->rc = p->imp->read(f, &sink, &s->st);
	fclose(f);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct par *p = w->p;
	for (uint64_t k = w->w; !k || k * CHUNK < p->size; k += p->nw) {
		size_t i = bs_ring_fill(&w->ring);
		if (i == BS_RING_NONE)
			break;
		struct slot *s = &w->slots[i];
		run_chunk(w, s, k);
		bs_ring_publish(&w->ring);
		if (s->last)
			break;
	}
	bs_ring_finish(&w->ring);
	return NULL;
}

/* Tells the first n workers to stop (those past the last chunk wait for a free slot) and
 * joins them. */
static void stop_all(struct par *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bs_ring_stop(&p->w[i].ring);
	for (size_t i = 0; i < n; i++)
		pthread_join(p->w[i].th, NULL);
}

int import_read_par(const struct importer *imp, FILE *f, size_t workers,
                    const struct imp_sink *sink, struct imp_stats *st)
{
	struct stat sb;
	int fd = fileno(f);
	if (workers < 2 || !imp->line_records || fd < 0 || fstat(fd, &sb) < 0 ||
	    !S_ISREG(sb.st_mode) || ftello(f) != 0)
		return import_read_mt(imp, f, sink, st);
	struct par *p = xcalloc(1, sizeof(*p));
	p->imp = imp;
	p->fd = fd;
	p->size = (uint64_t)sb.st_size;
	p->nw = workers < MAX_PAR ? workers : MAX_PAR;
	size_t started = 0;
	for (size_t i = 0; i < p->nw; i++) {
		struct worker *w = &p->w[i];
		w->p = p;
		w->w = i;
		for (int r = 0; r < RING; r++)
			imp_pack_init(&w->slots[r].pack);
		bs_ring_init(&w->ring, RING);
		if (pthread_create(&w->th, NULL, work, w) != 0)
			break;
		started++;
	}
	int rc = 0;
	if (started < p->nw) {
		/* Chunk k belongs to worker k mod nw: all must run. Stop those that did. */
		stop_all(p, started);
		rc = import_read_mt(imp, f, sink, st);
		goto out;
	}
	unsigned long base = 0;
	for (uint64_t k = 0;; k++) {
		struct worker *w = &p->w[k % p->nw];
		size_t i = bs_ring_take(&w->ring);
		if (i == BS_RING_NONE) /* cannot happen: the worker stops after the last chunk */
			break;
		struct slot *s = &w->slots[i];
		imp_pack_replay(&s->pack, sink, base, s->start);
		base += s->lines;
		st->records += s->st.records;
		st->bad += s->st.bad;
		st->obs += s->st.obs;
		st->bytes += s->st.bytes;
		if (s->rc < 0)
			rc = -1;
		int last = s->last;
		bs_ring_taken(&w->ring);
		if (last)
			break;
	}
	stop_all(p, started);
out:
	for (size_t i = 0; i < p->nw; i++) {
		for (int r = 0; r < RING; r++)
			imp_pack_release(&p->w[i].slots[r].pack);
		bs_ring_release(&p->w[i].ring);
		free(p->w[i].buf);
	}
	free(p);
	return rc;
}
