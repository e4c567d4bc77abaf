/* Writes N zgrab2-style JSON Lines records (one target a line, in zgrab2's output shape, see
 * src/import/zgrab2.c) for bench/import.sh, with the mix of an Internet-wide or estate scan:
 * most targets did not answer (connection-timeout, io-timeout, connection-refused with zgrab2's
 * error text), the rest are http successes (headers, a small body), tls (a certificate's
 * subject and issuer), ssh and telnet; a few percent from covered makers (Hikvision App-webs
 * and Hikvision-Webs servers, Dahua titles and realms, Huawei and ZTE banners and titles).
 * Prints the file's size and the mix. Usage: bench_zgrabgen N FILE */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const char *pick(const char *const *v, size_t n)
{
	return v[next() % n];
}
#define PICK(v) pick(v, sizeof(v) / sizeof(*v))

static const char *const fails[] = {"connection-timeout", "io-timeout", "connection-refused"};
static const char *const servers[] = {
    "nginx",           "nginx/1.22.1",   "Apache/2.4.57 (Debian)", "Microsoft-IIS/10.0",
    "lighttpd/1.4.69", "Boa/0.94.14rc21"};
static const char *const titles[] = {"Welcome to nginx!", "Apache2 Debian Default Page: It works",
                                     "IIS Windows Server", "Login", "Router"};
static const char *const subjects[] = {"CN=www.example.com",
                                       "C=US, O=Example Inc, CN=vpn.example.com", "CN=localhost",
                                       "O=Acme, CN=mail.example.org"};
static const char *const issuers[] = {"C=US, O=Let's Encrypt, CN=R11",
                                      "C=US, O=DigiCert Inc, CN=DigiCert TLS RSA SHA256 2020 CA1",
                                      "CN=localhost"};
static const char *const sshs[] = {"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3",
                                   "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6",
                                   "SSH-2.0-dropbear_2022.83", "SSH-2.0-Cisco-1.25"};
static const char *const telnets[] = {"\\r\\nUser Access Verification\\r\\n\\r\\nUsername: ",
                                      "\\r\\nlogin: "};

static void head(FILE *f, unsigned long i, char *ip, size_t n)
{
	snprintf(ip, n, "10.%lu.%lu.%lu", (i >> 16) & 255, (i >> 8) & 255, i & 255);
	fprintf(f, "{\"ip\":\"%s\",\"data\":{", ip);
}

static void tail(FILE *f, unsigned long i)
{
	fprintf(f, ",\"timestamp\":\"2026-11-20T%02lu:%02lu:%02lu+00:00\"", (i / 3600) % 24,
	        (i / 60) % 60, i % 60);
}

static void http(FILE *f, const char *ip, const char *server, const char *auth, const char *title)
{
	fprintf(f,
	        "\"http\":{\"status\":\"success\",\"protocol\":\"http\",\"result\":{\"response\":{"
	        "\"status_line\":\"%s\",\"status_code\":%d,\"protocol\":{\"name\":\"HTTP/1.1\","
	        "\"major\":1,\"minor\":1},\"headers\":{\"content_type\":[\"text/html\"]",
	        auth ? "401 Unauthorized" : "200 OK", auth ? 401 : 200);
	if (server)
		fprintf(f, ",\"server\":[\"%s\"]", server);
	if (auth)
		fprintf(f, ",\"www_authenticate\":[\"%s\"]", auth);
	fprintf(f,
	        "},\"body\":\"<!DOCTYPE html>\\n<html><head><meta charset=\\\"utf-8\\\">"
	        "<title>%s</title></head><body><p>%s</p></body></html>\\n\",\"content_length\":-1,"
	        "\"request\":{\"method\":\"GET\",\"host\":\"%s\"}}}",
	        title, title, ip);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench_zgrabgen N FILE\n");
		return 2;
	}
	unsigned long n = strtoul(argv[1], NULL, 10);
	FILE *f = fopen(argv[2], "wb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	static char iobuf[1 << 20];
	setvbuf(f, iobuf, _IOFBF, sizeof(iobuf));
	unsigned long nfail = 0, nhttp = 0, ntls = 0, nssh = 0, ntel = 0, ncov = 0;
	char ip[32];
	for (unsigned long i = 0; i < n; i++) {
		unsigned r = (unsigned)(next() % 1000);
		int covered = next() % 100 < 10; /* of the answers: about 3% of all */
		head(f, i, ip, sizeof(ip));
		if (r < 700) {
			unsigned k = (unsigned)(next() % 3);
			const char *mod = k == 0 ? "http" : k == 1 ? "tls" : "ssh";
			unsigned port = k == 0 ? 80 : k == 1 ? 443 : 22;
			char err[128];
			if (k == 0)
				snprintf(err, sizeof(err), "dial tcp %s:%u: i/o timeout", ip, port);
			else if (k == 1)
				snprintf(err, sizeof(err),
				         "read tcp 10.255.0.1:4%04u->%s:%u: i/o timeout",
				         (unsigned)(i % 10000), ip, port);
			else
				snprintf(err, sizeof(err),
				         "dial tcp %s:%u: connect: connection refused", ip, port);
			fprintf(f, "\"%s\":{\"status\":\"%s\",\"protocol\":\"%s\",\"result\":null",
			        mod, fails[k], mod);
			tail(f, i);
			fprintf(f, ",\"error\":\"%s\"}}}\n", err);
			nfail++;
			continue;
		}
		ncov += (unsigned long)covered;
		if (r < 820) {
			nhttp++;
			if (!covered)
				http(f, ip, PICK(servers), NULL, PICK(titles));
			else if (next() % 3 == 0)
				http(
				    f, ip, "App-webs/",
				    "Digest qop=\\\"auth\\\", realm=\\\"IP Camera(C6257)\\\", "
				    "nonce=\\\"4e5449784f4467794e6a51364d\\\", stale=\\\"FALSE\\\"",
				    "Document Error: Unauthorized");
			else if (next() % 2)
				http(f, ip, "Hikvision-Webs", NULL, "index");
			else
				http(f, ip, NULL, "Basic realm=\\\"Login to 4M0F1234567\\\"",
				     "WEB SERVICE");
		} else if (r < 900) {
			ntls++;
			const char *s =
			    covered ? "C=CN, ST=Zhejiang, L=Hangzhou, O=Hikvision, OU=Hikvision, "
			              "CN=192.168.1.64"
			            : PICK(subjects);
			const char *is = covered ? s : PICK(issuers);
			fprintf(
			    f,
			    "\"tls\":{\"status\":\"success\",\"protocol\":\"tls\",\"result\":{"
			    "\"handshake_log\":{\"server_hello\":{\"version\":{\"name\":\"TLSv1."
			    "2\","
			    "\"value\":771},\"cipher_suite\":{\"hex\":\"0xC02F\",\"value\":49199}},"
			    "\"server_certificates\":{\"certificate\":{\"parsed\":{\"version\":3,"
			    "\"serial_number\":\"%lu\",\"issuer_dn\":\"%s\",\"subject_dn\":\"%s\","
			    "\"validity\":{\"start\":\"2025-01-01T00:00:00Z\",\"end\":"
			    "\"2027-01-01T00:00:00Z\"}}}}}}",
			    i, is, s);
		} else if (r < 960) {
			nssh++;
			const char *b =
			    covered ? (next() % 2 ? "SSH-2.0-HUAWEI-1.5" : "SSH-2.0-ZTE_SSH.2.0")
			            : PICK(sshs);
			fprintf(f,
			        "\"ssh\":{\"status\":\"success\",\"protocol\":\"ssh\",\"result\":{"
			        "\"server_id\":{\"raw\":\"%s\"},\"algorithm_selection\":{"
			        "\"dh_kex_algorithm\":\"curve25519-sha256\"}}",
			        b);
		} else {
			ntel++;
			fprintf(f,
			        "\"telnet\":{\"status\":\"success\",\"protocol\":\"telnet\","
			        "\"result\":{"
			        "\"banner\":\"%s\"}",
			        covered ? "\\r\\n****\\r\\nZXR10 ZXCTN 6120H Login: "
			                : PICK(telnets));
		}
		tail(f, i);
		fputs("}}}\n", f);
	}
	long size = ftell(f);
	if (fclose(f) != 0) {
		perror(argv[2]);
		return 1;
	}
	printf("  %lu records, %.1f MB (%.0f bytes a record): %.1f%% failed, http %.1f%%, tls "
	       "%.1f%%, ssh %.1f%%, telnet %.1f%%; %.2f%% of all from covered makers\n",
	       n, (double)size / 1e6, n ? (double)size / (double)n : 0.0,
	       100.0 * (double)nfail / (double)n, 100.0 * (double)nhttp / (double)n,
	       100.0 * (double)ntls / (double)n, 100.0 * (double)nssh / (double)n,
	       100.0 * (double)ntel / (double)n, 100.0 * (double)ncov / (double)n);
	return 0;
}
