/* Writes the binary pieces of the host-image fixtures that no Debian tool makes
 * (tests/fixtures/host/make-*.sh put the rest together with hivexsh, osslsigncode, plistutil):
 *
 *   imggen hive FILE      an empty registry hive (regf base block, one hbin holding the root key
 *                         and its security cell): hivex can edit a hive but not create one, and
 *                         hivexsh -w fills this one from a script
 *   imggen pe FILE        the smallest well-formed PE32+ executable (one .text section holding
 *                         "ret"), for osslsigncode to sign
 *   imggen pe-trunc FILE  an "MZ" file whose PE header offset points past its end
 *   imggen pe-badsig FILE a PE32+ whose certificate table holds a WIN_CERTIFICATE of junk DER
 *
 * Layouts: Microsoft PE/COFF specification (sections 2, 3, 4.7); the registry hive format as
 * documented by hivex (lib/hivex-internal.h, "struct ntreg_header", "ntreg_nk_record",
 * "ntreg_sk_record") and Maxim Suhanov's "Windows registry file format specification". */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void le32(uint8_t *p, uint32_t v)
{
	le16(p, (uint16_t)v);
	le16(p + 2, (uint16_t)(v >> 16));
}

static void le64(uint8_t *p, uint64_t v)
{
	le32(p, (uint32_t)v);
	le32(p + 4, (uint32_t)(v >> 32));
}

static int write_file(const char *path, const uint8_t *b, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}

static int hive(const char *path)
{
	static uint8_t b[0x2000];
	/* Base block. */
	memcpy(b, "regf", 4);
	le32(b + 0x04, 1);      /* primary sequence number */
	le32(b + 0x08, 1);      /* secondary: equal, the hive is consistent */
	le32(b + 0x14, 1);      /* major version */
	le32(b + 0x18, 3);      /* minor version */
	le32(b + 0x1c, 0);      /* type: primary file */
	le32(b + 0x20, 1);      /* format: direct memory load */
	le32(b + 0x24, 0x20);   /* root cell offset, relative to the first hbin */
	le32(b + 0x28, 0x1000); /* size of the hive bins data */
	le32(b + 0x2c, 1);      /* clustering factor */
	uint32_t sum = 0;       /* checksum: XOR of the first 127 dwords */
	for (size_t i = 0; i < 0x1fc; i += 4)
		sum ^= (uint32_t)b[i] | (uint32_t)b[i + 1] << 8 | (uint32_t)b[i + 2] << 16 |
		       (uint32_t)b[i + 3] << 24;
	le32(b + 0x1fc, sum);
	/* One hbin of 4 KiB. */
	uint8_t *h = b + 0x1000;
	memcpy(h, "hbin", 4);
	le32(h + 4, 0);      /* its offset from the first hbin */
	le32(h + 8, 0x1000); /* its size */
	/* Root key (nk) at 0x20: 0x50 bytes of fields and the name "ROOT", cell of 0x58. */
	uint8_t *nk = h + 0x20;
	le32(nk, (uint32_t)-0x58); /* negative: allocated */
	memcpy(nk + 4, "nk", 2);
	le16(nk + 6, 0x2c);          /* KEY_HIVE_ENTRY | KEY_NO_DELETE | KEY_COMP_NAME */
	le32(nk + 0x20, 0xffffffff); /* subkey list: none (0x18: no subkeys) */
	le32(nk + 0x24, 0xffffffff); /* volatile subkey list: none */
	le32(nk + 0x2c, 0xffffffff); /* value list: none (0x28: no values) */
	le32(nk + 0x30, 0x78);       /* security cell */
	le32(nk + 0x34, 0xffffffff); /* class name: none */
	le16(nk + 0x4c, 4);          /* name length */
	memcpy(nk + 0x50, "ROOT", 4);
	/* Security (sk) cell at 0x78: a circular list of one, and an empty self-relative
	 * security descriptor (revision 1, control SE_SELF_RELATIVE). */
	uint8_t *sk = h + 0x78;
	le32(sk, (uint32_t)-0x30);
	memcpy(sk + 4, "sk", 2);
	le32(sk + 8, 0x78);
	le32(sk + 12, 0x78);
	le32(sk + 16, 1);  /* reference count: the root key */
	le32(sk + 20, 20); /* descriptor length */
	sk[24] = 1;
	le16(sk + 26, 0x8000);
	/* The rest of the bin is one free cell (positive size). */
	le32(h + 0xa8, 0x1000 - 0xa8);
	return write_file(path, b, sizeof(b));
}

/* A PE32+ image of 0x400 bytes; cert_off/cert_size go into data directory 4. */
static void pe_image(uint8_t *b, uint32_t cert_off, uint32_t cert_size)
{
	memcpy(b, "MZ", 2);
	le32(b + 0x3c, 0x40); /* e_lfanew */
	uint8_t *pe = b + 0x40;
	memcpy(pe, "PE\0\0", 4);
	uint8_t *coff = pe + 4;
	le16(coff, 0x8664);     /* Machine: x64 */
	le16(coff + 2, 1);      /* NumberOfSections */
	le16(coff + 16, 240);   /* SizeOfOptionalHeader (PE32+) */
	le16(coff + 18, 0x22);  /* EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE */
	uint8_t *o = coff + 20; /* optional header */
	le16(o, 0x20b);         /* PE32+ */
	le32(o + 4, 0x200);     /* SizeOfCode */
	le32(o + 16, 0x1000);   /* AddressOfEntryPoint */
	le32(o + 20, 0x1000);   /* BaseOfCode */
	le64(o + 24, 0x140000000ull);
	le32(o + 32, 0x1000); /* SectionAlignment */
	le32(o + 36, 0x200);  /* FileAlignment */
	le16(o + 40, 6);      /* MajorOperatingSystemVersion */
	le16(o + 48, 6);      /* MajorSubsystemVersion */
	le32(o + 56, 0x2000); /* SizeOfImage */
	le32(o + 60, 0x200);  /* SizeOfHeaders */
	le16(o + 68, 3);      /* Subsystem: console */
	le16(o + 70, 0x8160); /* DllCharacteristics */
	le64(o + 72, 0x100000);
	le64(o + 80, 0x1000);
	le64(o + 88, 0x100000);
	le64(o + 96, 0x1000);
	le32(o + 108, 16); /* NumberOfRvaAndSizes */
	le32(o + 112 + 4 * 8, cert_off);
	le32(o + 112 + 4 * 8 + 4, cert_size);
	uint8_t *s = o + 240; /* section table */
	memcpy(s, ".text", 5);
	le32(s + 8, 0x10);        /* VirtualSize */
	le32(s + 12, 0x1000);     /* VirtualAddress */
	le32(s + 16, 0x200);      /* SizeOfRawData */
	le32(s + 20, 0x200);      /* PointerToRawData */
	le32(s + 36, 0x60000020); /* code, execute, read */
	b[0x200] = 0xc3;          /* ret */
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: imggen hive|pe|pe-trunc|pe-badsig FILE\n");
		return 2;
	}
	const char *what = argv[1], *path = argv[2];
	if (!strcmp(what, "hive"))
		return hive(path);
	static uint8_t b[0x440];
	if (!strcmp(what, "pe")) {
		pe_image(b, 0, 0);
		return write_file(path, b, 0x400);
	}
	if (!strcmp(what, "pe-trunc")) {
		memcpy(b, "MZ", 2);
		le32(b + 0x3c, 0x4000);
		return write_file(path, b, 0x80);
	}
	if (!strcmp(what, "pe-badsig")) {
		pe_image(b, 0x400, 0x40);
		le32(b + 0x400, 0x40);         /* dwLength */
		le16(b + 0x404, 0x200);        /* WIN_CERT_REVISION_2_0 */
		le16(b + 0x406, 0x0002);       /* WIN_CERT_TYPE_PKCS_SIGNED_DATA */
		memset(b + 0x408, 0x5a, 0x38); /* not DER */
		return write_file(path, b, 0x440);
	}
	fprintf(stderr, "imggen: unknown kind %s\n", what);
	return 2;
}
