/* bench_treegen: makes a tree for the host inventory benchmark.
 *   bench_treegen DIR FILES [BYTES]
 * FILES regular files, 100 to a directory and 100 directories to a directory, each BYTES long
 * (default 64; the content differs per file), under DIR/usr/share/bench so that the tree looks
 * like a system root. Only for benchmarks: it writes nothing outside DIR. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int mk(const char *p)
{
	return mkdir(p, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_treegen DIR FILES [BYTES]\n");
		return 2;
	}
	const char *dir = argv[1];
	long files = strtol(argv[2], NULL, 10);
	long bytes = argc > 3 ? strtol(argv[3], NULL, 10) : 64;
	if (files <= 0 || bytes < 0) {
		fprintf(stderr, "bench_treegen: FILES must be positive and BYTES not negative\n");
		return 2;
	}
	char p[4096];
	const char *parts[] = {"", "/usr", "/usr/share", "/usr/share/bench", "/etc", "/var"};
	for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++) {
		snprintf(p, sizeof(p), "%s%s", dir, parts[i]);
		if (mk(p) < 0) {
			fprintf(stderr, "bench_treegen: %s: %s\n", p, strerror(errno));
			return 1;
		}
	}
	char *buf = malloc((size_t)bytes + 32);
	if (!buf)
		return 1;
	for (long i = 0; i < files; i++) {
		long d = i / 100, top = d / 100;
		if (i % 10000 == 0) {
			snprintf(p, sizeof(p), "%s/usr/share/bench/t%03ld", dir, top);
			if (mk(p) < 0)
				return perror(p), 1;
		}
		if (i % 100 == 0) {
			snprintf(p, sizeof(p), "%s/usr/share/bench/t%03ld/d%05ld", dir, top, d);
			if (mk(p) < 0)
				return perror(p), 1;
		}
		snprintf(p, sizeof(p), "%s/usr/share/bench/t%03ld/d%05ld/file%07ld.dat", dir, top,
		         d, i);
		int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			return perror(p), 1;
		for (long k = 0; k < bytes; k++)
			buf[k] = (char)('a' + (i * 7 + k) % 26);
		if (write(fd, buf, (size_t)bytes) != bytes)
			return perror(p), 1;
		close(fd);
	}
	free(buf);
	return 0;
}
