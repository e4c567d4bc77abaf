#!/bin/sh
# Writes JSON Lines observations for the store's tests: ASSETS hosts (prefix P) with 10
# observations each; every tenth has Kaspersky's package, every 50th a Hikvision MAC.
#   gen-obs.sh ASSETS PREFIX > file.jsonl
awk -v n="$1" -v p="$2" 'BEGIN {
	for (i = 0; i < n; i++) {
		a = p i
		printf "{\"asset\":\"%s\",\"key\":\"hostname\",\"value\":\"%s\"}\n", a, a
		for (k = 0; k < 8; k++)
			printf "{\"asset\":\"%s\",\"key\":\"pkg.name\",\"value\":\"pkg-%d-%d\",\"source\":\"gen\"}\n", a, k, i % 97
		if (i % 10 == 0)
			printf "{\"asset\":\"%s\",\"key\":\"pkg.name\",\"value\":\"kesl\"}\n", a
		else if (i % 50 == 1)
			printf "{\"asset\":\"%s\",\"key\":\"mac\",\"value\":\"4c:bd:8f:%02x:%02x:%02x\"}\n", a, int(i / 65536) % 256, int(i / 256) % 256, i % 256
		else
			printf "{\"asset\":\"%s\",\"key\":\"ip\",\"value\":\"10.%d.%d.%d\"}\n", a, int(i / 65536) % 256, int(i / 256) % 256, i % 256
	}
}'
