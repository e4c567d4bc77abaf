/* Dahua DHIP discovery (UDP 37810, multicast 239.255.255.251). Not formally documented by Dahua;
 * the layout below is the one public tools use (mcw0's DahuaConsole, the Nmap and Wireshark
 * community dissectors of "DHIP"): a 32-byte header
 *     0  20 00 00 00     magic
 *     4  "DHIP"
 *     8  session id      (LE32)
 *    12  request id      (LE32)
 *    16  body length     (LE32)
 *    20  0
 *    24  body length     (LE32, repeated)
 *    28  0
 * then a JSON body. A client searches with {"method":"DHDiscover.search",...}; devices answer
 * (and announce themselves) with {"mac":..,"method":"client.notifyDevInfo","params":{
 * "deviceInfo":{"DeviceClass":..,"DeviceType":..,"SerialNo":..,"Vendor":..}}}.
 * Since the format is reverse-engineered, the decoder is tolerant: it takes the body length from
 * either length field when one fits the datagram, else the rest of the datagram. */
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "bansweep/buf.h"
#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "util/banned.h"

#define DHIP_HDR 32
/* A device reply is one or two kilobytes; anything near the UDP maximum is not a reply. */
#define DHIP_BODY_MAX 65536
/* yajl's tree is freed recursively: a deeply nested hostile body must not reach it. Real
 * replies nest three or four levels. */
#define DHIP_DEPTH_MAX 32

/* Whether the JSON text nests deeper than DHIP_DEPTH_MAX (brackets outside strings). This is a
 * guard for yajl, not a parser: yajl still judges the syntax. */
static int too_deep(const uint8_t *p, size_t n)
{
	struct rd r = rd_make(p, n);
	int depth = 0, in_str = 0, esc = 0;
	while (rd_left(&r) > 0) {
		uint8_t c = rd_u8(&r);
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > DHIP_DEPTH_MAX)
				return 1;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return 0;
}

/* Parses n bytes of JSON (copied to add the terminating NUL yajl_tree_parse needs). NULL when
 * the text is not JSON. The caller frees with yajl_tree_free. */
static yajl_val parse_json(const uint8_t *p, size_t n)
{
	if (n == 0 || n > DHIP_BODY_MAX || too_deep(p, n))
		return NULL;
	char *s = malloc(n + 1);
	if (!s)
		return NULL;
	memcpy(s, p, n);
	s[n] = 0;
	char err[128];
	yajl_val v = yajl_tree_parse(s, err, sizeof(err));
	free(s);
	return v;
}

/* A non-empty string member at path, or NULL. */
static const char *str_at(yajl_val root, const char **path)
{
	yajl_val v = yajl_tree_get(root, path, yajl_t_string);
	const char *s = YAJL_GET_STRING(v);
	return s && *s ? s : NULL;
}

static void put(const struct emit *em, const struct pkt *pk, enum key_id k, const char *s)
{
	if (s && em->obs)
		em->obs(em->ctx, pk, SIDE_SRC, k, s, strlen(s));
}

static int decode_body(yajl_val root, const struct pkt *pk, const struct emit *em)
{
	if (!YAJL_IS_OBJECT(root))
		return PROTO_MALFORMED;
	/* Only the device's own description counts: a search (DHDiscover.search) carries none, and
	 * neither does anything else a client sends. */
	static const char *const info_path[] = {"params", "deviceInfo", NULL};
	yajl_val info = yajl_tree_get(root, (const char **)info_path, yajl_t_object);
	if (!info)
		return PROTO_OK;
	static const char *const type_p[] = {"DeviceType", NULL};
	static const char *const class_p[] = {"DeviceClass", NULL};
	static const char *const serial_p[] = {"SerialNo", NULL};
	static const char *const mac_p[] = {"mac", NULL};
	static const char *const inner_mac_p[] = {"MAC", NULL};
	const char *type = str_at(info, (const char **)type_p);
	const char *cls = str_at(info, (const char **)class_p);
	const char *mac = str_at(root, (const char **)mac_p);
	if (!mac)
		mac = str_at(info, (const char **)inner_mac_p);
	/* DeviceType is the model (NVR4108HS-4KS2); DeviceClass (NVR, IPC) is the fallback that
	 * the dhip.device rules also understand. Vendor is not emitted: it is the brand the device
	 * is configured to show ("Dahua", "Private", a relabeller's name) and no key fits it. */
	put(em, pk, K_DHIP_DEVICE, type ? type : cls);
	put(em, pk, K_DEVICE_MODEL, type);
	put(em, pk, K_SERIAL, str_at(info, (const char **)serial_p));
	put(em, pk, K_MAC, mac);
	return PROTO_OK;
}

/* The body's length: a length field that fits the datagram, else everything after the header
 * (devices are known to disagree on which of the two fields they fill). */
static size_t body_len(uint32_t len1, uint32_t len2, size_t left)
{
	if (len1 > 0 && len1 <= left)
		return len1;
	if (len2 > 0 && len2 <= left)
		return len2;
	return left;
}

int proto_dhip(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	struct rd r = rd_make(p, n);
	if (n < DHIP_HDR)
		return PROTO_NOT_MINE;
	rd_skip(&r, 4); /* 20 00 00 00: not checked, since its meaning is not documented */
	const uint8_t *magic = rd_bytes(&r, 4);
	if (!magic || memcmp(magic, "DHIP", 4) != 0)
		return PROTO_NOT_MINE;
	rd_skip(&r, 8);
	uint32_t len1 = rd_le32(&r);
	rd_skip(&r, 4);
	uint32_t len2 = rd_le32(&r);
	rd_skip(&r, 4);
	if (r.err)
		return PROTO_MALFORMED;
	size_t left = rd_left(&r);
	size_t blen = body_len(len1, len2, left);
	const uint8_t *body = rd_bytes(&r, blen);
	yajl_val root = parse_json(body, blen);
	/* A length field that fits but is wrong (shorter than the body) cuts the JSON: the rest
	 * of the datagram is the other reasonable reading. */
	if (!root && blen < left) {
		struct rd all = rd_make(p, n);
		rd_skip(&all, DHIP_HDR);
		body = rd_bytes(&all, left);
		root = parse_json(body, left);
	}
	if (!root)
		return PROTO_MALFORMED;
	int rc = decode_body(root, pk, em);
	yajl_tree_free(root);
	return rc;
}
