/* UPnP device description (UPnP Device Architecture 1.0 §2.1, 2.0 §2.3): the document at an
 * SSDP LOCATION, in the namespace urn:schemas-upnp-org:device-1-0:
 *   <root> <specVersion/> <device>
 *     <deviceType/> <friendlyName/> <manufacturer/> <manufacturerURL/> <modelName/>
 *     <modelNumber/> <serialNumber/> <UDN/> ... <deviceList> <device>...</device> </deviceList>
 *   </device> </root>
 * For the root device and the devices embedded in its deviceLists (an IGD's WANDevice and
 * WANConnectionDevice): manufacturer -> upnp.manufacturer, modelName -> upnp.model,
 * modelNumber -> device.model, serialNumber -> serial. friendlyName (set by the user) and
 * manufacturerURL have no key. Fields come in document order, the root device's before its
 * deviceList (the order UDA lists them in, which devices follow), so the first
 * upnp.manufacturer is the root device's. A value repeated by the embedded devices is emitted
 * once; a document yields at most UPNP_MAX_OBS observations from UPNP_MAX_DEVICES devices, and
 * devices nested deeper than UPNP_MAX_DEPTH elements are ignored. */
#include <stdint.h>
#include <string.h>

#include "bansweep/buf.h"
#include "proto/text.h"
#include "proto/xmlbody.h"
#include "util/banned.h"

#define UPNP_DEVICE_NS "urn:schemas-upnp-org:device-1-0"

/* Real descriptions nest three devices (IGD: root, WANDevice, WANConnectionDevice) at depths
 * 1, 3, 5 and hold a handful of devices; more is not a device description. */
#define UPNP_MAX_DEPTH   16
#define UPNP_MAX_DEVICES 16
#define UPNP_MAX_OBS     32

enum upnp_elem { E_OTHER = 0, E_ROOT, E_DEVICE, E_LIST };

static const struct {
	const char *local;
	enum key_id key;
} fields[] = {
    {"manufacturer", K_UPNP_MANUFACTURER},
    {"modelName", K_UPNP_MODEL},
    {"modelNumber", K_DEVICE_MODEL},
    {"serialNumber", K_SERIAL},
};

struct upnp {
	uint8_t open[UPNP_MAX_DEPTH]; /* what the open element at each depth is (enum upnp_elem) */
	size_t last_start;            /* depth of the last element started (see onvif.c) */
	size_t ndev;
	size_t nseen;
	uint64_t seen[UPNP_MAX_OBS]; /* hashes of the key and value of each observation made */
};

static int upnp_claims(const struct xml_elem *root)
{
	return strcmp(root->local, "root") == 0 && xmlbody_in_ns(root, UPNP_DEVICE_NS);
}

static int upnp_start(void *st, const struct xml_elem *e, const struct xmlbody_out *o)
{
	(void)o;
	struct upnp *u = st;
	u->last_start = e->depth;
	if (e->depth >= UPNP_MAX_DEPTH)
		return 0;
	enum upnp_elem parent = e->depth ? (enum upnp_elem)u->open[e->depth - 1] : E_OTHER;
	/* Elements of other vocabularies (DLNA, vendor extensions) are never devices or fields. */
	int upnp = xmlbody_in_ns(e, UPNP_DEVICE_NS);
	enum upnp_elem k = E_OTHER;
	if (upnp && e->depth == 0)
		k = E_ROOT;
	else if (upnp && (parent == E_ROOT || parent == E_LIST) && strcmp(e->local, "device") == 0)
		k = u->ndev++ < UPNP_MAX_DEVICES ? E_DEVICE : E_OTHER;
	else if (upnp && parent == E_DEVICE && strcmp(e->local, "deviceList") == 0)
		k = E_LIST;
	u->open[e->depth] = (uint8_t)k;
	return 0;
}

/* Emits the text for k unless this document already gave the same observation (the embedded
 * devices of an IGD repeat the root's manufacturer and often its model). */
static void put(struct upnp *u, const struct xmlbody_out *o, enum key_id k, const char *text,
                size_t n)
{
	if (n >= XML_TEXT_MAX || u->nseen >= UPNP_MAX_OBS)
		return; /* possibly cut (xmlbody_emit drops it), or enough from this document */
	/* Compared trimmed, as emitted: " X" and "X" are one value. */
	struct span v = span_trim((struct span){(const uint8_t *)text, n});
	if (!v.n)
		return;
	uint64_t h = bs_hash(v.p, v.n) ^ ((uint64_t)k + 1) * 0x9e3779b97f4a7c15u;
	for (size_t i = 0; i < u->nseen; i++)
		if (u->seen[i] == h)
			return;
	u->seen[u->nseen++] = h;
	xmlbody_emit(o, k, (const char *)v.p, v.n);
}

static int upnp_end(void *st, const struct xml_elem *e, const char *text, size_t n,
                    const struct xmlbody_out *o)
{
	struct upnp *u = st;
	/* A field is a leaf child of a device (see onvif.c). */
	if (e->depth == 0 || e->depth > UPNP_MAX_DEPTH || u->last_start != e->depth ||
	    u->open[e->depth - 1] != E_DEVICE || !xmlbody_in_ns(e, UPNP_DEVICE_NS))
		return 0;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (strcmp(e->local, fields[i].local) == 0) {
			put(u, o, fields[i].key, text, n);
			break;
		}
	}
	return 0;
}

const struct xmlbody_kind xmlbody_upnp = {
    .name = "upnp",
    .claims = upnp_claims,
    .state_size = sizeof(struct upnp),
    .start = upnp_start,
    .end = upnp_end,
};
