/* Hikvision SADP (Search Active Devices Protocol) over UDP 37020, multicast 239.255.255.250.
 * Undocumented by Hikvision; the form here is the one seen in captures and public tools: a
 * client (SADP tool, NVR, iVMS) multicasts <Probe><Uuid>..</Uuid><Types>inquiry</Types></Probe>
 * and every device answers, and also announces itself, with a <ProbeMatch> whose children
 * describe it: DeviceType (often a numeric code), DeviceDescription (the model, or the
 * relabeller's model on OEM devices), DeviceSN (model + date + serial), MAC, IPv4Address,
 * SoftwareVersion... Clients also send <Probe> commands about a device (activation, network
 * settings) that carry that device's MAC: only ProbeMatch, which the device itself sends, is
 * evidence. The binary SADP of older firmware (Ethernet type 0x8033) is not handled here. */
#include <stdint.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "bansweep/xml.h"
#include "util/banned.h"

/* A value longer than this is not one a device sends: it is dropped rather than cut. */
#define SADP_VAL_MAX 256

enum field { F_TYPE, F_DESC, F_SN, F_MAC, F_N };

static const char *const field_names[F_N] = {"DeviceType", "DeviceDescription", "DeviceSN", "MAC"};

struct sadp {
	int root;        /* -1 not seen yet, 0 other, 1 ProbeMatch */
	int root_closed; /* the document was complete */
	size_t len[F_N];
	char val[F_N][SADP_VAL_MAX];
};

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int on_start(void *ctx, const struct xml_elem *e)
{
	struct sadp *s = ctx;
	if (e->depth == 0)
		s->root = strcmp(e->local, "ProbeMatch") == 0;
	/* Not a device's reply: nothing in it is evidence, stop parsing. */
	return s->root == 0;
}

/* Keeps the text of a field, without surrounding white space. */
static void keep(struct sadp *s, enum field f, const char *text, size_t n)
{
	struct rd r = rd_make(text, n);
	size_t start = 0, end = 0, i = 0;
	int seen = 0;
	while (rd_left(&r) > 0) {
		if (!is_space(rd_u8(&r))) {
			if (!seen)
				start = i;
			seen = 1;
			end = i + 1;
		}
		i++;
	}
	r = rd_make(text, n);
	rd_skip(&r, start);
	const uint8_t *v = rd_bytes(&r, end - start);
	if (!seen || !v || end - start > sizeof(s->val[f]))
		return;
	memcpy(s->val[f], v, end - start);
	s->len[f] = end - start;
}

static int on_end(void *ctx, const struct xml_elem *e, const char *text, size_t n)
{
	struct sadp *s = ctx;
	if (e->depth == 0) {
		s->root_closed = 1;
		return 0;
	}
	if (e->depth != 1)
		return 0;
	for (int f = 0; f < F_N; f++)
		if (strcmp(e->local, field_names[f]) == 0 && s->len[f] == 0)
			keep(s, (enum field)f, text, n);
	return 0;
}

static void put(const struct emit *em, const struct pkt *pk, enum key_id k, const struct sadp *s,
                enum field f)
{
	if (s->len[f] > 0 && em->obs)
		em->obs(em->ctx, pk, SIDE_SRC, k, s->val[f], s->len[f]);
}

int proto_sadp(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	if (!proto_xml_looks(p, n))
		return PROTO_NOT_MINE;
	struct sadp s;
	memset(&s, 0, sizeof(s));
	s.root = -1;
	struct xml_sax sax = {.start = on_start, .end = on_end, .ctx = &s};
	int ne = proto_xml_sax(p, n, &sax);
	if (ne < 0)
		return PROTO_NOT_MINE;
	if (ne == 0)
		return PROTO_MALFORMED;
	if (s.root != 1)
		return PROTO_OK;
	/* What the device is: its description (the model), else its type code. A reply cut short
	 * still names the device by what arrived; it is counted as malformed all the same. */
	put(em, pk, K_SADP_DEVICE, &s, s.len[F_DESC] ? F_DESC : F_TYPE);
	put(em, pk, K_DEVICE_MODEL, &s, F_DESC);
	put(em, pk, K_SERIAL, &s, F_SN);
	put(em, pk, K_MAC, &s, F_MAC);
	return s.root_closed ? PROTO_OK : PROTO_MALFORMED;
}
