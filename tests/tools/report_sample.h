/* A fixed report model, built in code, shared by the unit test of the report writers
 * (tests/unit/test_report.c) and repsample (the HTML the headless browser renders). It has one
 * finding of each state, overdue and future deadlines, three scans, events and a burn-down, and
 * values with & < > " ' | a newline, a tab, a CR LF, an ANSI escape, a right-to-left override
 * and a byte that is not UTF-8.
 * As of 2025-06-30. */
#ifndef BS_TEST_REPORT_SAMPLE_H
#define BS_TEST_REPORT_SAMPLE_H

#include <string.h>

#include "bansweep/report.h"

static const struct rep_scan sample_scans[] = {
    {1, "2025-03-01T08:00:00Z", "2025-03-01T09:30:00Z", "complete", "alice",
     "passive capture (pcap)", "bansweep pcap /srv/captures/core-2025-03-01.pcapng",
     "core switch SPAN, VLANs 10-40", "2025-02-14", "2025-02-01", 212, 5310, 5},
    {2, "2025-03-02T09:00:00Z", "2025-03-02T09:20:00Z", "complete", "bob", "host inventory",
     "bansweep host --root / && bansweep host --root /mnt/images/tablet-07",
     "web01.example.org (/) and the tablet-07 image", "2025-02-14", "2025-02-01", 2, 48211, 2},
    {3, "2025-06-20T13:00:00Z", NULL, "interrupted", "alice & bob <ops>", "active scan",
     "bansweep scan 10.20.0.0/16", "10.20.0.0/16", "2025-06-01", "2025-05-28", 180, 2954, 4},
};

static const struct rep_evidence sample_ev1[] = {
    {"pkg.name", "kesl", "kaspersky.pkg.kesl", "dpkg:/var/lib/dpkg/status", "strong"},
    {"file.path", "/opt/kaspersky/kesl/bin/kesl", "kaspersky.path.opt", "walk:/", "strong"},
};
static const struct rep_ban sample_bans1[] = {
    {"us-dhs-bod-17-01", "BOD 17-01: Removal of Kaspersky-branded products", "US DHS", "us",
     "action-required", "remove", "Identify, plan and remove Kaspersky-branded products",
     "2017-12-12", "begin removal", -2757, 1, 1, NULL},
    {"us-ndaa18-1634", "NDAA FY2018 section 1634", "US Congress", "us", "action-required", "no-use",
     "No federal use of Kaspersky hardware, software or services", "2018-10-01", "in force", -2464,
     1, 1, NULL},
};
static const struct rep_evidence sample_ev2[] = {
    {"wifi.ie.oui", "26:37:12", "dji.droneid", "pcap:/srv/captures/core-2025-03-01.pcapng",
     "strong"},
    {"mac", "60:60:1f:12:34:56", "ieee:60:60:1F", "pcap:/srv/captures/core-2025-03-01.pcapng",
     "weak"},
};
static const struct rep_ban sample_bans2[] = {
    {"us-asda-2023", "American Security Drone Act", "US Congress", "us", "action-required",
     "stop-use", "Cease federal operation of the drone", "2025-12-22", "no federal operation", 175,
     0, 1, NULL},
};
static const struct rep_evidence sample_ev3[] = {
    {"snmp.sysdescr", "Huawei Versatile Routing Platform Software\r\nVRP (R) software",
     "huawei.vrp.sysdescr", "scan:10.20.0.1:161", "strong"},
    {"ssh.banner", "SSH-2.0-HUAWEI-1.5\x1b[31m", "huawei.ssh", "scan:10.20.0.1:22", "strong"},
};
static const struct rep_ban sample_bans3[] = {
    {"de-5g-huawei-zte-2024", "Germany: Huawei and ZTE in 5G", "BMI", "de", "action-required",
     "remove", "Remove from the 5G core", "2026-12-31", "5G core", 549, 0, 1, NULL},
    {"uk-tsa-huawei", "UK TSA designated vendor direction", "DSIT", "uk", "action-required",
     "remove", "Remove Huawei equipment from 5G", "2027-12-31", "5G removal", 914, 0, 1, NULL},
};
static const struct rep_evidence sample_ev4[] = {
    {"sadp.device", "DS-2CD2143G0-I", "hikvision.sadp", "scan:10.20.5.31:37020", "strong"},
    {"http.body.xmlns", "http://www.hikvision.com/ver20/XMLSchema", "hikvision.isapi",
     "scan:10.20.5.31:80", "strong"},
};
static const struct rep_ban sample_bans4[] = {
    {"us-ndaa19-889b", "NDAA FY2019 section 889(a)(1)(B)", "US Congress", "us", "needs-review",
     "no-contract", "Reasonable inquiry; report covered equipment in use", NULL, NULL, 0, 0, 1,
     "covered only to the extent used for public safety, government facilities, critical "
     "infrastructure or national security"},
    {"us-fcc-covered-2021", "FCC Covered List", "FCC", "us", "informational",
     "no-new-authorisation", "No action on existing devices", NULL, NULL, 0, 0, 1, NULL},
};
static const struct rep_evidence sample_ev5[] = {
    {"dhip.device", "IPC-HDW3849H", "dahua.dhip", "scan:10.20.6.2:37810", "strong"},
};
static const struct rep_ban sample_bans5[] = {
    {"us-ndaa19-889b", "NDAA FY2019 section 889(a)(1)(B)", "US Congress", "us", "needs-review",
     "no-contract", "Reasonable inquiry; report covered equipment in use", NULL, NULL, 0, 0, 1,
     "qualifier-dependent"},
};
static const struct rep_evidence sample_ev6[] = {
    {"android.package", "dji.go.v4", "dji.android.go4", "host:/mnt/images/tablet-07", "strong"},
};
static const struct rep_ban sample_bans6[] = {
    {"us-asda-2023", "American Security Drone Act", "US Congress", "us", "action-required",
     "stop-use", "Cease federal operation of the drone", "2025-12-22", "no federal operation", 175,
     0, 1, NULL},
};
static const struct rep_evidence sample_ev7[] = {
    {"http.www_authenticate", "Basic realm=\"ZXHN H298A\"", "zte.realm.zxhn",
     "pcap:/srv/captures/core-2025-03-01.pcapng", "strong"},
};
static const struct rep_ban sample_bans7[] = {
    {"us-fcc-covered-2021", "FCC Covered List", "FCC", "us", "informational",
     "no-new-authorisation", "No action on existing devices", NULL, NULL, 0, 0, 1, NULL},
};
static const struct rep_evidence sample_ev8[] = {
    {"pci.vendor", "19e5", "huawei.pci.hisilicon", "scan:10.20.7.9", "weak"},
};

static const struct rep_finding sample_findings[] = {
    {.id = 1,
     .asset = "host:web01.example.org",
     .ip = "10.20.0.15",
     .hostname = "web01.example.org",
     .root = "/",
     .vendor = "kaspersky",
     .vendor_name = "Kaspersky",
     .maker = "AO Kaspersky Lab",
     .brand = "Kaspersky",
     .product = "Kaspersky Endpoint Security for Linux 11.4",
     .cls = "security-software",
     .confidence = "confirmed",
     .state = "open",
     .status = "action-required",
     .first_seen = "2025-03-02T09:15:00Z",
     .last_seen = "2025-06-20T14:05:00Z",
     .first_scan = 2,
     .last_scan = 3,
     .ev = sample_ev1,
     .nev = 2,
     .bans = sample_bans1,
     .nbans = 2},
    {.id = 2,
     .asset = "mac:60:60:1f:12:34:56",
     .mac = "60:60:1f:12:34:56",
     .serial = "1581F5FKD23A",
     .vendor = "dji",
     .vendor_name = "DJI",
     .maker = "SZ DJI Technology Co., Ltd.",
     .brand = "DJI",
     .product = "DJI Mini 4 Pro",
     .cls = "drone",
     .confidence = "likely",
     .state = "open",
     .status = "action-required",
     .first_seen = "2025-03-01T08:41:00Z",
     .last_seen = "2025-06-20T13:12:00Z",
     .first_scan = 1,
     .last_scan = 3,
     .ev = sample_ev2,
     .nev = 2,
     .bans = sample_bans2,
     .nbans = 1},
    {.id = 3,
     .asset = "ip:10.20.0.1",
     .ip = "10.20.0.1",
     .hostname = "rtr-\xff"
                 "01 core",
     .vendor = "huawei",
     .vendor_name = "Huawei",
     .maker = "Huawei Technologies Co., Ltd.",
     .brand = "Huawei",
     .product = "NetEngine <AR6120> \"edge\" | core & more",
     .cls = "router",
     .confidence = "confirmed",
     .note = "line one\nline two\tindented",
     .state = "open",
     .status = "action-required",
     .first_seen = "2025-03-01T08:03:00Z",
     .last_seen = "2025-06-20T13:02:00Z",
     .first_scan = 1,
     .last_scan = 3,
     .ev = sample_ev3,
     .nev = 2,
     .bans = sample_bans3,
     .nbans = 2},
    {.id = 4,
     .asset = "mac:bc:ad:28:aa:bb:cc",
     .mac = "bc:ad:28:aa:bb:cc",
     .ip = "10.20.5.31",
     .serial = "DS-2CD2143G0-I20200101AAWR123456789",
     .vendor = "hikvision",
     .vendor_name = "Hikvision",
     .maker = "Hangzhou Hikvision Digital Technology Co., Ltd.",
     .brand = "Annke",
     .product = "Annke C800 (Hikvision DS-2CD2143G0-I)",
     .cls = "camera",
     .confidence = "confirmed",
     .state = "open",
     .status = "needs-review",
     .first_seen = "2025-03-01T08:10:00Z",
     .last_seen = "2025-06-20T13:30:00Z",
     .first_scan = 1,
     .last_scan = 3,
     .ev = sample_ev4,
     .nev = 2,
     .bans = sample_bans4,
     .nbans = 2},
    {.id = 8,
     .asset = "ip:10.20.7.9",
     .ip = "10.20.7.9",
     .serial = "SN\xe2\x80\xae"
               "4321", /* U+202E, right-to-left override */
     .vendor = "huawei",
     .vendor_name = "Huawei",
     .maker = "HiSilicon",
     .brand = "Unbranded NVR",
     .product = "HiSilicon Hi3536 SoC in a third-party NVR",
     .cls = "chip",
     .confidence = "possible",
     .note = "=HYPERLINK(\"http://example.invalid\")",
     .state = "open",
     .status = "not-covered",
     .first_seen = "2025-06-20T13:40:00Z",
     .last_seen = "2025-06-20T13:40:00Z",
     .first_scan = 3,
     .last_scan = 3,
     .ev = sample_ev8,
     .nev = 1},
    {.id = 5,
     .asset = "mac:3c:ef:8c:01:02:03",
     .mac = "3c:ef:8c:01:02:03",
     .ip = "10.20.6.2",
     .vendor = "dahua",
     .vendor_name = "Dahua",
     .maker = "Zhejiang Dahua Technology Co., Ltd.",
     .brand = "Lorex",
     .product = "Lorex E841CA (Dahua IPC-HDW3849H)",
     .cls = "camera",
     .confidence = "confirmed",
     .state = "excepted",
     .status = "excepted",
     .first_seen = "2025-03-01T08:20:00Z",
     .last_seen = "2025-06-20T13:35:00Z",
     .first_scan = 1,
     .last_scan = 3,
     .exception_until = "2025-12-31",
     .exception_reason = "Evidence retention: court order & legal hold <case 24-118>",
     .exception_approver = "CISO J. Doe",
     .ev = sample_ev5,
     .nev = 1,
     .bans = sample_bans5,
     .nbans = 1},
    {.id = 6,
     .asset = "host:tablet-07",
     .hostname = "tablet-07",
     .root = "/mnt/images/tablet-07",
     .vendor = "dji",
     .vendor_name = "DJI",
     .maker = "SZ DJI Technology Co., Ltd.",
     .brand = "DJI",
     .product = "DJI GO 4 (Android app)",
     .cls = "app",
     .confidence = "likely",
     .state = "removed",
     .status = "removed",
     .first_seen = "2025-03-02T09:18:00Z",
     .last_seen = "2025-03-02T09:18:00Z",
     .closed_at = "2025-06-20T14:05:00Z",
     .first_scan = 2,
     .last_scan = 2,
     .closed_scan = 3,
     .ev = sample_ev6,
     .nev = 1,
     .bans = sample_bans6,
     .nbans = 1},
    {.id = 7,
     .asset = "mac:00:1e:73:aa:00:01",
     .mac = "00:1e:73:aa:00:01",
     .vendor = "zte",
     .vendor_name = "ZTE",
     .maker = "ZTE Corporation",
     .brand = "ZTE",
     .product = "ZXHN H298A home gateway",
     .cls = "router",
     .confidence = "likely",
     .state = "replaced",
     .status = "replaced",
     .first_seen = "2025-03-01T08:30:00Z",
     .last_seen = "2025-03-01T08:30:00Z",
     .closed_at = "2025-06-10T12:00:00Z",
     .first_scan = 1,
     .last_scan = 1,
     .ev = sample_ev7,
     .nev = 1,
     .bans = sample_bans7,
     .nbans = 1},
};

static const struct rep_event sample_events[] = {
    {1, 7, 1, "found", "2025-03-01T09:30:00Z", "alice", NULL, NULL, NULL, "mac:00:1e:73:aa:00:01",
     "zte"},
    {2, 3, 1, "found", "2025-03-01T09:30:00Z", "alice", NULL, NULL, NULL, "ip:10.20.0.1", "huawei"},
    {3, 4, 1, "found", "2025-03-01T09:30:00Z", "alice", NULL, NULL, NULL, "mac:bc:ad:28:aa:bb:cc",
     "hikvision"},
    {4, 5, 1, "found", "2025-03-01T09:30:00Z", "alice", NULL, NULL, NULL, "mac:3c:ef:8c:01:02:03",
     "dahua"},
    {5, 2, 1, "found", "2025-03-01T09:30:00Z", "alice", NULL, NULL, NULL, "mac:60:60:1f:12:34:56",
     "dji"},
    {6, 1, 2, "found", "2025-03-02T09:20:00Z", "bob", NULL, NULL, NULL, "host:web01.example.org",
     "kaspersky"},
    {7, 6, 2, "found", "2025-03-02T09:20:00Z", "bob", NULL, NULL, NULL, "host:tablet-07", "dji"},
    {8, 5, 0, "exception", "2025-04-15T10:00:00Z", "carol",
     "Evidence retention: court order & legal hold <case 24-118>", "2025-12-31", "CISO J. Doe",
     "mac:3c:ef:8c:01:02:03", "dahua"},
    {9, 6, 0, "remediated", "2025-05-20T16:45:00Z", "bob", "App uninstalled; tablet wiped", NULL,
     NULL, "host:tablet-07", "dji"},
    {10, 7, 0, "replaced", "2025-06-10T12:00:00Z", "dave",
     "replaced by Netgear CAX30 | ticket #4411", NULL, NULL, "mac:00:1e:73:aa:00:01", "zte"},
    {11, 6, 3, "seen-absent", "2025-06-20T14:05:00Z", "alice", NULL, NULL, NULL, "host:tablet-07",
     "dji"},
    {12, 8, 3, "found", "2025-06-20T14:05:00Z", "alice", NULL, NULL, NULL, "ip:10.20.7.9",
     "huawei"},
};

static const struct rep_point sample_burndown[] = {
    {"2025-03-01", 5}, {"2025-03-02", 7}, {"2025-04-15", 6}, {"2025-06-10", 5}, {"2025-06-20", 4},
};

static const struct rep_deadline sample_deadlines[] = {
    {"2017-12-12", "us-dhs-bod-17-01", "begin removal", 1, -2757},
    {"2018-10-01", "us-ndaa18-1634", "in force", 1, -2464},
    {"2025-12-22", "us-asda-2023", "no federal operation", 1, 175},
    {"2026-12-31", "de-5g-huawei-zte-2024", "5G core", 1, 549},
    {"2027-12-31", "uk-tsa-huawei", "5G removal", 1, 914},
};

#define SAMPLE_N(a) (sizeof(a) / sizeof((a)[0]))

static inline struct report report_sample(void)
{
	struct report r;
	memset(&r, 0, sizeof(r));
	r.title = "Quarterly inquiry: Example Agency & Partners <HQ>";
	r.tool_version = "0.1.0";
	r.generated = "2025-06-30T16:00:00Z";
	r.as_of = "2025-06-30";
	r.policy = "us-federal-agency";
	r.policy_title = "US federal executive agency";
	r.catalogue = "2025-06-01";
	r.registry = "2025-05-28";
	r.operator_name = "Alice O'Neil";
	r.store = "/var/lib/bansweep/store.db";
	r.scans = sample_scans;
	r.nscans = SAMPLE_N(sample_scans);
	r.findings = sample_findings;
	r.nfindings = SAMPLE_N(sample_findings);
	r.events = sample_events;
	r.nevents = SAMPLE_N(sample_events);
	r.burndown = sample_burndown;
	r.nburndown = SAMPLE_N(sample_burndown);
	r.deadlines = sample_deadlines;
	r.ndeadlines = SAMPLE_N(sample_deadlines);
	r.n_action = 3;
	r.n_review = 1;
	r.n_info = 0;
	r.n_excepted = 1;
	r.n_removed = 1;
	r.n_replaced = 1;
	r.n_overdue = 1;
	r.n_assets = 214;
	return r;
}

/* A store with nothing in it yet. */
static inline struct report report_sample_empty(void)
{
	struct report r;
	memset(&r, 0, sizeof(r));
	r.title = "Empty store";
	r.tool_version = "0.1.0";
	r.generated = "2025-06-30T16:00:00Z";
	r.as_of = "2025-06-30";
	r.policy = "all";
	return r;
}

#endif
