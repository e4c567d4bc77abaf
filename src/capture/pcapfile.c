/* Capture files through libpcap (pcap and pcapng). A read error stops the file where it is: the
 * packets before it are kept, and the error says at which byte offset the bad record starts. */
#include <errno.h>
#include <pcap/pcap.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "capture/capture_int.h"
#include "util/banned.h"

int capture_read_file(struct capture *c, const char *path, capture_progress_fn progress, void *pctx,
                      struct bs_err *e)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p =
	    pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (!p) {
		struct stat st;
		if (stat(path, &st) < 0)
			return bs_fail(e, "%s: %s", path, strerror(errno));
		if (st.st_size == 0)
			return bs_fail(e, "%s: empty file (no capture header)", path);
		/* What libpcap refuses at open is the file header, at its start. */
		return bs_fail(e, "%s: byte offset 0: %s", path, errbuf);
	}
	int lt = pcap_datalink(p);
	if (!capture_linktype_ok(lt)) {
		const char *name = pcap_datalink_val_to_name(lt);
		pcap_close(p);
		return bs_fail(e, "%s: link type %d (%s) is not supported", path, lt,
		               name ? name : "unknown");
	}
	FILE *f = pcap_file(p);
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc = 0;
	uint64_t n = 0;
	for (;;) {
		long off = f ? ftell(f) : -1;
		int r = pcap_next_ex(p, &h, &data);
		if (r == -2)
			break; /* end of file */
		if (r == -1) {
			rc = bs_fail(e, "%s: byte offset %ld: %s (after %llu packets)", path, off,
			             pcap_geterr(p), (unsigned long long)n);
			break;
		}
		if (r != 1)
			continue;
		uint64_t ts = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;
		capture_packet(c, lt, data, h->caplen, ts);
		n++;
		if (progress && (n & 0xffff) == 0)
			progress(pctx, off > 0 ? (uint64_t)off : 0, n);
	}
	pcap_close(p);
	return rc;
}
