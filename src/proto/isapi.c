/* Hikvision ISAPI GET /ISAPI/System/deviceInfo answers <DeviceInfo> (in the namespace
 * http://www.hikvision.com/ver20/XMLSchema, which http.c reports with the others) with the
 * device's model, serialNumber and macAddress as children of the root. */
#include <string.h>

#include "proto/text.h"
#include "proto/xmlbody.h"
#include "util/banned.h"

static int isapi_claims(const struct xml_elem *root)
{
	return strcmp(root->local, "DeviceInfo") == 0;
}

static int isapi_end(void *st, const struct xml_elem *e, const char *text, size_t n,
                     const struct xmlbody_out *o)
{
	(void)st;
	if (e->depth != 1)
		return 0;
	enum key_id k;
	if (strcmp(e->local, "model") == 0)
		k = K_DEVICE_MODEL;
	else if (strcmp(e->local, "serialNumber") == 0)
		k = K_SERIAL;
	else if (strcmp(e->local, "macAddress") == 0)
		k = K_MAC;
	else
		return 0;
	struct span v = {(const uint8_t *)text, n};
	text_emit(o->em, o->pk, SIDE_SRC, k, v);
	return 0;
}

const struct xmlbody_kind xmlbody_isapi = {
    .name = "isapi",
    .claims = isapi_claims,
    .end = isapi_end,
};
