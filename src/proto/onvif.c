/* ONVIF GetDeviceInformation (ONVIF Core Specification §8.3.1, device service WSDL
 * http://www.onvif.org/ver10/device/wsdl): the answer is a SOAP 1.2 envelope (ONVIF Core §5.1;
 * some devices answer SOAP 1.1) whose Body holds
 *   <tds:GetDeviceInformationResponse>
 *     <tds:Manufacturer> <tds:Model> <tds:FirmwareVersion> <tds:SerialNumber> <tds:HardwareId>
 * Manufacturer, Model, FirmwareVersion and SerialNumber become onvif.manufacturer, onvif.model,
 * onvif.firmware and serial; HardwareId (a board code such as "88" or "1.00") has no key and is
 * skipped. Elements are matched by local name and namespace, whatever the prefix. A SOAP Fault
 * (an unauthenticated request) or any other response emits nothing. Each field is emitted once,
 * from the first response of the document: a hostile document of many elements costs the parse
 * (bounded by xml.h) and no more observations. */
#include <string.h>

#include "proto/xmlbody.h"
#include "util/banned.h"

#define ONVIF_DEVICE_NS "http://www.onvif.org/ver10/device/wsdl"

/* SOAP 1.2 (W3C SOAP 1.2 Part 1 §5) and SOAP 1.1 (W3C Note §4) envelope namespaces. */
static const char *const soap_ns[] = {"http://www.w3.org/2003/05/soap-envelope",
                                      "http://schemas.xmlsoap.org/soap/envelope/"};

static const struct {
	const char *local;
	enum key_id key;
} fields[] = {
    {"Manufacturer", K_ONVIF_MANUFACTURER},
    {"Model", K_ONVIF_MODEL},
    {"FirmwareVersion", K_ONVIF_FIRMWARE},
    {"SerialNumber", K_SERIAL},
};

struct onvif {
	const char *env_ns; /* the Envelope's namespace (one of soap_ns) */
	int in_body;        /* inside Envelope/Body */
	int in_resp;        /* inside Envelope/Body/GetDeviceInformationResponse */
	/* Depth of the last element started: an element that ends at that depth is a leaf. */
	size_t last_start;
	unsigned seen; /* fields emitted, one bit each */
};

/* The SOAP namespace of an Envelope element, or NULL. */
static const char *envelope_ns(const struct xml_elem *e)
{
	if (strcmp(e->local, "Envelope") != 0)
		return NULL;
	for (size_t i = 0; i < sizeof(soap_ns) / sizeof(soap_ns[0]); i++)
		if (xmlbody_in_ns(e, soap_ns[i]))
			return soap_ns[i];
	return NULL;
}

static int onvif_claims(const struct xml_elem *root)
{
	return envelope_ns(root) != NULL;
}

static int onvif_start(void *st, const struct xml_elem *e, const struct xmlbody_out *o)
{
	(void)o;
	struct onvif *v = st;
	v->last_start = e->depth;
	if (e->depth == 0) {
		/* A static string: the parser's do not outlive the call. */
		v->env_ns = envelope_ns(e);
	} else if (e->depth == 1) {
		/* Header, Body: only the Body, in the envelope's namespace, holds the answer. */
		v->in_body = strcmp(e->local, "Body") == 0 && xmlbody_in_ns(e, v->env_ns);
	} else if (e->depth == 2 && v->in_body) {
		v->in_resp = strcmp(e->local, "GetDeviceInformationResponse") == 0 &&
		             xmlbody_in_ns(e, ONVIF_DEVICE_NS);
	}
	return 0;
}

static int onvif_end(void *st, const struct xml_elem *e, const char *text, size_t n,
                     const struct xmlbody_out *o)
{
	struct onvif *v = st;
	if (e->depth == 2 && v->in_resp)
		return 1; /* the response is over: nothing more to read */
	if (e->depth == 1)
		v->in_body = 0;
	/* A field is a leaf child of the response: an element with children of its own is not
	 * one (its text would be what follows the last child). */
	if (!v->in_resp || e->depth != 3 || v->last_start != 3 ||
	    !xmlbody_in_ns(e, ONVIF_DEVICE_NS))
		return 0;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (strcmp(e->local, fields[i].local) != 0)
			continue;
		if (!(v->seen & 1u << i)) {
			v->seen |= 1u << i;
			xmlbody_emit(o, fields[i].key, text, n);
		}
		break;
	}
	return 0;
}

const struct xmlbody_kind xmlbody_onvif = {
    .name = "onvif",
    .claims = onvif_claims,
    .state_size = sizeof(struct onvif),
    .start = onvif_start,
    .end = onvif_end,
};
