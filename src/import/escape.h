/* Banner text as scanners write it, back to the device's bytes. */
#ifndef BS_IMPORT_ESCAPE_H
#define BS_IMPORT_ESCAPE_H

#include <stddef.h>

/* Undoes the \xNN escapes (and "\\") that nmap's banner script and masscan write for bytes
 * outside printable ASCII, drops real newlines when wrapped (nmap wraps its script output: the
 * device's own line ends are escaped), and drops telnet option negotiation (RFC 854: IAC, 0xFF,
 * with a command and option, or a subnegotiation up to IAC SE) and NUL bytes, which are no part
 * of the words. In place; returns the new length. */
size_t imp_unescape_banner(char *p, size_t n, int wrapped);

#endif
