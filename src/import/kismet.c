/* Kismet device records (kismetwireless.net docs, "Devices" REST endpoints and "kismetdb"):
 * /devices/views/all/devices.json (a JSON array of devices), the .itjson variant and
 * `kismetdb_dump_devices` (one device a line). Fields read, matched on the end of their path
 * because Kismet's own names hold dots ("kismet.device.base.macaddr"):
 *   kismet.device.base.macaddr, .manuf (Kismet's OUI lookup: the maker), .last_time;
 *   dot11.device.last_beaconed_ssid and dot11.advertisedssid.ssid (what an AP announces);
 *   dot11.ietag.oui (vendor-specific elements, when Kismet keeps their content);
 *   uav.device: uav.manufacturer, uav.model, uav.serialnumber, uav.match_type ("DroneID": DJI's
 *   DroneID element, vendor OUI 26:37:12, emitted as the wifi parser does, src/proto/wifi.c).
 * One device is one record and holds its asset whole. */
#include <stdlib.h>
#include <string.h>

#include "jrec.h"
#include "util/banned.h"

struct ctx {
	const struct imp_sink *sink;
	struct imp_stats *st;
	char mac[64], manuf[256], model[256], serial[256], uav_manuf[256], match[64], time[32];
	struct buf ssids, ouis; /* NUL-separated values */
	int overflow;
};

static int ends(const struct jev *e, const char *suffix)
{
	size_t k = strlen(suffix);
	return e->plen >= k && !memcmp(e->path + e->plen - k, suffix, k) &&
	       (e->plen == k || e->path[e->plen - k - 1] == '.');
}

static void copy(char *dst, size_t size, const struct jev *e)
{
	size_t k = e->vlen < size - 1 ? e->vlen : size - 1;
	memcpy(dst, e->v, k);
	dst[k] = 0;
}

static void add(struct ctx *c, struct buf *b, const char *v, size_t n)
{
	if (!n)
		return;
	for (const char *p = b->data, *end = b->data + b->len; p && p < end; p += strlen(p) + 1)
		if (strlen(p) == n && !memcmp(p, v, n))
			return;
	if (buf_add(b, v, n) < 0 || buf_addc(b, 0) < 0)
		c->overflow = 1;
}

static void begin(void *p)
{
	struct ctx *c = p;
	c->mac[0] = c->manuf[0] = c->model[0] = c->serial[0] = c->uav_manuf[0] = 0;
	c->match[0] = c->time[0] = 0;
	buf_reset(&c->ssids);
	buf_reset(&c->ouis);
	c->overflow = 0;
}

/* A vendor OUI as Kismet writes it (a 24-bit integer, or already "XX:XX:XX") as XX:XX:XX. */
static void oui(struct ctx *c, const struct jev *e)
{
	char s[16];
	if (e->type == J_NUM) {
		unsigned long v = strtoul(e->v, NULL, 10);
		if (!v || v > 0xFFFFFF)
			return;
		snprintf(s, sizeof(s), "%02lX:%02lX:%02lX", v >> 16, (v >> 8) & 255, v & 255);
		add(c, &c->ouis, s, 8);
	} else if (e->type == J_STR && e->vlen == 8) {
		add(c, &c->ouis, e->v, 8);
	}
}

static void ev(void *p, enum jwhat what, const struct jev *e)
{
	struct ctx *c = p;
	if (what != J_LEAF || e->type == J_NULL)
		return;
	if (ends(e, "kismet.device.base.macaddr"))
		copy(c->mac, sizeof(c->mac), e);
	else if (ends(e, "kismet.device.base.manuf"))
		copy(c->manuf, sizeof(c->manuf), e);
	else if (ends(e, "kismet.device.base.last_time"))
		copy(c->time, sizeof(c->time), e);
	else if (ends(e, "dot11.device.last_beaconed_ssid") || ends(e, "dot11.advertisedssid.ssid"))
		add(c, &c->ssids, e->v, e->type == J_STR ? e->vlen : 0);
	else if (ends(e, "dot11.ietag.oui"))
		oui(c, e);
	else if (ends(e, "uav.manufacturer"))
		copy(c->uav_manuf, sizeof(c->uav_manuf), e);
	else if (ends(e, "uav.model"))
		copy(c->model, sizeof(c->model), e);
	else if (ends(e, "uav.serialnumber"))
		copy(c->serial, sizeof(c->serial), e);
	else if (ends(e, "uav.match_type"))
		copy(c->match, sizeof(c->match), e);
}

static void each(struct ctx *c, const struct buf *b, const char *key, const char *t)
{
	for (const char *p = b->data, *end = b->data + b->len; p && p < end; p += strlen(p) + 1)
		imp_obss(c->sink, c->st, c->mac, key, p, t);
}

static const char *end(void *p)
{
	struct ctx *c = p;
	if (c->overflow)
		return "device record too large";
	if (!c->mac[0])
		return "device without kismet.device.base.macaddr";
	const char *t = c->time[0] ? c->time : NULL;
	imp_obss(c->sink, c->st, c->mac, "mac", c->mac, t);
	/* "Unknown" is Kismet's word for an OUI it could not look up. */
	if (c->manuf[0] && strcmp(c->manuf, "Unknown"))
		imp_obss(c->sink, c->st, c->mac, "asset.vendor", c->manuf, t);
	if (c->uav_manuf[0] && strcmp(c->uav_manuf, c->manuf))
		imp_obss(c->sink, c->st, c->mac, "asset.vendor", c->uav_manuf, t);
	imp_obss(c->sink, c->st, c->mac, "asset.model", c->model, t);
	imp_obss(c->sink, c->st, c->mac, "serial", c->serial, t);
	each(c, &c->ssids, "wifi.ssid", t);
	if (strstr(c->match, "DroneID"))
		add(c, &c->ouis, "26:37:12", 8);
	each(c, &c->ouis, "wifi.ie.oui", t);
	c->sink->record_end(c->sink->ctx);
	return NULL;
}

static int kismet_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct ctx *c = xcalloc(1, sizeof(*c));
	c->sink = sink, c->st = st;
	buf_init(&c->ssids, IMP_MAX_RECORD);
	buf_init(&c->ouis, 1u << 16);
	const struct jrec_ops ops = {begin, ev, end};
	int rc = jrec_read(f, sink, st, &ops, c);
	buf_release(&c->ssids);
	buf_release(&c->ouis);
	free(c);
	return rc;
}

static int kismet_detect(const char *head, size_t n)
{
	if (jrec_has(head, n, "\"kismet.device.base.macaddr\""))
		return 95;
	return jrec_has(head, n, "\"kismet.device.base.") ? 80 : 0;
}

const struct importer imp_kismet = {
    .name = "kismet",
    .summary = "Kismet device records (devices.json, .itjson, kismetdb_dump_devices)",
    .detect = kismet_detect,
    .read = kismet_read,
    .whole_records = 1,
    .line_records = 0,
};
