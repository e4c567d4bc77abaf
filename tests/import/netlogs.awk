# Packet rows (tshark -T fields, gen-netlogs.sh's FIELDS, one packet a line, multi-valued
# fields joined with \037) -> Zeek 6 logs (TSV in zdir, JSON in jdir) and Suricata 7 EVE events
# (to eve, as "time<TAB>seq<TAB>json" for sorting). Connections follow tshark's tcp.stream and
# udp.stream; the Zeek state and history letters follow conn/main.zeek's documentation, field
# layouts Zeek's and Suricata's (see the importers' sources for the references). mawk-compatible.
BEGIN {
	US = "\037"; EL = "\036"; UNSET = "\035"
	SCHEMA["conn"] = "ts time|uid string|id.orig_h addr|id.orig_p port|id.resp_h addr|id.resp_p port|proto enum|service string|duration interval|orig_bytes count|resp_bytes count|conn_state string|missed_bytes count|history string|orig_pkts count|resp_pkts count|orig_l2_addr string|resp_l2_addr string"
	SCHEMA["dns"] = "ts time|uid string|id.orig_h addr|id.orig_p port|id.resp_h addr|id.resp_p port|proto enum|trans_id count|rtt interval|query string|qtype count|qtype_name string|rcode count|rcode_name string|answers vector[string]|TTLs vector[interval]|rejected bool"
	SCHEMA["ssl"] = "ts time|uid string|id.orig_h addr|id.orig_p port|id.resp_h addr|id.resp_p port|version string|cipher string|server_name string|established bool|cert_chain_fps vector[string]|client_cert_chain_fps vector[string]"
	SCHEMA["x509"] = "ts time|fingerprint string|certificate.version count|certificate.serial string|certificate.subject string|certificate.issuer string|certificate.not_valid_before time|certificate.not_valid_after time|san.dns vector[string]|host_cert bool|client_cert bool"
	SCHEMA["http"] = "ts time|uid string|id.orig_h addr|id.orig_p port|id.resp_h addr|id.resp_p port|trans_depth count|method string|host string|uri string|version string|user_agent string|status_code count|status_msg string"
	SCHEMA["ssh"] = "ts time|uid string|id.orig_h addr|id.orig_p port|id.resp_h addr|id.resp_p port|version count|auth_attempts count|client string|server string"
	SCHEMA["dhcp"] = "ts time|uids set[string]|client_addr addr|server_addr addr|mac string|host_name string|client_fqdn string|domain string|requested_addr addr|assigned_addr addr|msg_types vector[string]|duration interval|client_software string"
	SCHEMA["software"] = "ts time|host addr|host_p port|software_type enum|name string|unparsed_version string"
	NLOGS = split("conn dns ssl x509 http ssh dhcp software", LOGS, " ")
	QT[1] = "A"; QT[2] = "NS"; QT[5] = "CNAME"; QT[12] = "PTR"; QT[16] = "TXT"; QT[28] = "AAAA"; QT[33] = "SRV"
	RC[0] = "NOERROR"; RC[2] = "SERVFAIL"; RC[3] = "NXDOMAIN"; RC[5] = "REFUSED"
	DT[1] = "DISCOVER"; DT[2] = "OFFER"; DT[3] = "REQUEST"; DT[4] = "DECLINE"; DT[5] = "ACK"; DT[6] = "NAK"; DT[7] = "RELEASE"; DT[8] = "INFORM"
	while ((getline line < certs) > 0) {
		split(line, c, "\t")
		FP256[c[1]] = c[2]; FP1[c[1]] = c[3]; SUBJ[c[1]] = c[4]; ISS[c[1]] = c[5]
		NB[c[1]] = c[6]; NA[c[1]] = c[7]; SERIAL[c[1]] = c[8]; SAN[c[1]] = c[9]
	}
	nflows = 0; evseq = 0
}

function first(s,   a) { split(s, a, US); return a[1] }
function usec(t) { return sprintf("%.6f", t) }
# Days since 1970-01-01 -> y-m-d (H. Hinnant's civil_from_days).
function civil(t, sep, tsep,   z, era, doe, yoe, y, doy, mp, d, m, s) {
	s = int(t); z = int(s / 86400) + 719468
	era = int(z / 146097); doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
	s = s % 86400
	return sprintf("%04d%s%02d%s%02d%s%02d%s%02d%s%02d", y, sep, m, sep, d, tsep, int(s / 3600), sep == "-" && tsep == "-" ? "-" : ":", int(s % 3600 / 60), sep == "-" && tsep == "-" ? "-" : ":", s % 60)
}
function evetime(t) { return civil(t, "-", "T") sprintf(".%06d+0000", (t - int(t)) * 1000000 + 0.5) }
# JSON string; replacement strings of gsub treat backslashes differently across awks: none here.
function js(s) { s = rep(s, "\\", "\\\\"); s = rep(s, "\"", "\\\""); s = rep(s, "\t", "\\t"); return "\"" s "\"" }
function rep(s, from, to,   o, i) { o = ""; while ((i = index(s, from)) > 0) { o = o substr(s, 1, i - 1) to; s = substr(s, i + length(from)) } return o s }

# One log record: values in schema order joined with US, elements of sets with EL.
function rec(lg, vals) { NREC[lg]++; REC[lg, NREC[lg]] = vals }

function flow_of(   k, src, dst, sp, dp, fl) {
	src = first($4) != "" ? first($4) : first($6); dst = first($5) != "" ? first($5) : first($7)
	# tshark's udp.stream may split the two directions; Zeek joins them by address and port.
	if ($8 != "") { k = "t" $8; sp = $9; dp = $10 }
	else if ($13 != "") { sp = $14; dp = $15; k = (src " " sp) < (dst " " dp) ? "u" src " " sp " " dst " " dp : "u" dst " " dp " " src " " sp }
	else return ""
	if (!(k in FID)) {
		FID[k] = ++nflows; FKEY[nflows] = k
		fl = $11 != "" ? strtonum_hex($11) : 0
		if ($8 != "" && and2(fl, 18) == 18) { # SYN-ACK first: the sender is the responder
			OH[k] = dst; OP[k] = dp; RH[k] = src; RP[k] = sp; OL2[k] = $3; RL2[k] = $2
		} else { OH[k] = src; OP[k] = sp; RH[k] = dst; RP[k] = dp; OL2[k] = $2; RL2[k] = $3 }
		FT0[k] = $1; PROTO[k] = $8 != "" ? "tcp" : "udp"
		UID[k] = sprintf("C%s%04d", cap, nflows)
	}
	FT1[k] = $1
	return k
}
function strtonum_hex(h,   i, n, c) { n = 0; h = tolower(h); sub(/^0x/, "", h)
	for (i = 1; i <= length(h); i++) { c = index("0123456789abcdef", substr(h, i, 1)) - 1; n = n * 16 + c }
	return n }
function and2(a, b,   r, bit) { r = 0; bit = 1
	while (a > 0 && b > 0) { if (a % 2 == 1 && b % 2 == 1) r += bit; a = int(a / 2); b = int(b / 2); bit *= 2 }
	return r }
function hist(k, c) { if (index(HIST[k], c) == 0) HIST[k] = HIST[k] c }
function ev(t, k, type, body,   e) {
	e = "{\"timestamp\":" js(evetime(t)) ",\"flow_id\":" (1000 + FID[k]) ",\"event_type\":\"" type "\",\"src_ip\":" js(EVS[k]) ",\"src_port\":" EVSP[k] ",\"dest_ip\":" js(EVD[k]) ",\"dest_port\":" EVDP[k] ",\"proto\":\"" toupper(PROTO[k]) "\",\"ether\":{\"src_mac\":" js(EVSM[k]) ",\"dest_mac\":" js(EVDM[k]) "}," body "}"
	printf "%s\t%d\t%s\n", t, ++evseq, e > eve
}
# The event's direction: this packet's (Suricata logs src/dest of the packet that completes it).
function evdir(k, fromorig) {
	if (fromorig) { EVS[k] = OH[k]; EVSP[k] = OP[k]; EVD[k] = RH[k]; EVDP[k] = RP[k]; EVSM[k] = OL2[k]; EVDM[k] = RL2[k] }
	else { EVS[k] = RH[k]; EVSP[k] = RP[k]; EVD[k] = OH[k]; EVDP[k] = OP[k]; EVSM[k] = RL2[k]; EVDM[k] = OL2[k] }
}

{
	k = flow_of()
	if (k == "") next
	src = first($4) != "" ? first($4) : first($6)
	fromorig = (src == OH[k] && ($9 == "" ? $14 : $9) == OP[k])
	if (fromorig) { OPK[k]++; OB[k] += ($12 != "" ? $12 : $16 - 8) } else { RPK[k]++; RB[k] += ($12 != "" ? $12 : $16 - 8) }
	if ($8 != "") {
		fl = strtonum_hex($11)
		syn = and2(fl, 2) > 0; ack = and2(fl, 16) > 0; fin = and2(fl, 1) > 0; rst = and2(fl, 4) > 0
		if (syn && !ack) hist(k, fromorig ? "S" : "s")
		if (syn && ack) hist(k, fromorig ? "H" : "h")
		if ($12 > 0) hist(k, fromorig ? "D" : "d")
		else if (ack && !syn && !fin && !rst) hist(k, fromorig ? "A" : "a")
		if (fin) hist(k, fromorig ? "F" : "f")
		if (rst) hist(k, fromorig ? "R" : "r")
	}
	p = $49
	if (p ~ /:dns/) SVC[k] = "dns"; else if (p ~ /:tls/) SVC[k] = "ssl"; else if (p ~ /:http/) SVC[k] = "http"
	else if (p ~ /:ssh/) SVC[k] = "ssh"; else if (p ~ /:dhcp/) SVC[k] = "dhcp"; else if (p ~ /:snmp/) SVC[k] = "snmp"
	evdir(k, fromorig)
	if ($19 != "") dns(k, fromorig)
	if ($28 != "") tls(k, fromorig)
	if ($31 != "") { NREQ[k]++; REQ[k, NREQ[k]] = $1 US $31 US first($32) US $33 US $34 US $35 }
	if ($36 != "") http_resp(k)
	if ($39 != "") ssh(k, fromorig)
	if ($40 != "") dhcp(k)
}

function dns(k, fromorig,   id, q, qt, ans, ttl, i, n, names, types, a, aaaa, cn, na, n4, n6, nc, body, rr, rd, t) {
	id = strtonum_hex($18); q = first($19); qt = first($20)
	if ($17 == "False" || $17 == "0") {
		DQ[k, id] = $1
		evdir(k, fromorig)
		ev($1, k, "dns", "\"dns\":{\"type\":\"query\",\"id\":" id ",\"rrname\":" js(q) ",\"rrtype\":\"" QT[qt] "\",\"tx_id\":0}")
		return
	}
	n = split($22, names, US); split($23, types, US); n4 = split($24, a, US); n6 = split($25, aaaa, US); nc = split($26, cn, US); split($27, ttl, US)
	na = n4 = n6 = nc = 0; ans = ""; body = ""
	for (i = 1; i <= n; i++) {
		t = types[i]
		if (t == 1) rd = a[++n4]; else if (t == 28) rd = aaaa[++n6]; else if (t == 5) rd = cn[++nc]; else continue
		ans = ans (ans == "" ? "" : EL) rd; tt = tt (tt == "" ? "" : EL) sprintf("%.6f", ttl[i])
		body = body (body == "" ? "" : ",") "{\"rrname\":" js(names[i]) ",\"rrtype\":\"" QT[t] "\",\"ttl\":" ttl[i] ",\"rdata\":" js(rd) "}"
	}
	ev($1, k, "dns", "\"dns\":{\"version\":2,\"type\":\"answer\",\"id\":" id ",\"rrname\":" js(q) ",\"rrtype\":\"" QT[qt] "\",\"rcode\":\"" RC[$21 + 0] "\"" (body == "" ? "" : ",\"answers\":[" body "]") "}")
	t0 = ((k, id) in DQ) ? DQ[k, id] : $1
	rec("dns", usec(t0) US UID[k] US OH[k] US OP[k] US RH[k] US RP[k] US PROTO[k] US id US sprintf("%.6f", $1 - t0) US q US qt US QT[qt] US ($21 + 0) US RC[$21 + 0] US (ans == "" ? UNSET : ans) US (tt == "" ? UNSET : tt) US "F")
	tt = ""
}

function tls(k, fromorig,   n, c, i, fps) {
	if ($29 != "") SNI[k] = $29
	if ($30 != "") {
		n = split($30, c, US); fps = ""
		for (i = 1; i <= n; i++) {
			fps = fps (i > 1 ? EL : "") FP256[c[i]]
			if (!(FP256[c[i]] in X509SEEN)) {
				X509SEEN[FP256[c[i]]] = 1
				rec("x509", usec($1) US FP256[c[i]] US 3 US SERIAL[c[i]] US SUBJ[c[i]] US ISS[c[i]] US NB[c[i]] ".000000" US NA[c[i]] ".000000" US (SAN[c[i]] == "" ? UNSET : SAN[c[i]]) US (i == 1 ? "T" : "F") US "F")
			}
		}
		CHAIN[k] = fps; LEAF[k] = c[1]
	}
	TLST[k] = $1; ISTLS[k] = 1
}

function http_resp(k,   r, body) {
	NRESP[k]++
	split(REQ[k, NRESP[k]], r, US)
	if (r[1] == "") return
	rec("http", usec(r[1]) US UID[k] US OH[k] US OP[k] US RH[k] US RP[k] US NRESP[k] US r[2] US (r[3] == "" ? UNSET : r[3]) US r[4] US substr(r[5], 6) US (r[6] == "" ? UNSET : r[6]) US $36 US $37)
	if (r[6] != "") soft(r[1], OH[k], UNSET, "HTTP::BROWSER", r[6])
	if ($38 != "") soft($1, RH[k], RP[k], "HTTP::SERVER", $38)
	body = "\"http\":{\"hostname\":" js(r[3]) ",\"url\":" js(r[4]) (r[6] == "" ? "" : ",\"http_user_agent\":" js(r[6])) ",\"http_method\":" js(r[2]) ",\"protocol\":" js(r[5]) ",\"status\":" $36 ($38 == "" ? "" : ",\"server\":" js($38)) "}"
	evdir(k, 1)
	ev($1, k, "http", body)
}

function soft(t, host, port, type, v,   name) {
	if ((host, type, v) in SOFT) return
	SOFT[host, type, v] = 1
	name = v; sub(/[\/ ].*/, "", name); sub(/^SSH-[0-9.]+-/, "", name); sub(/_.*/, "", name)
	rec("software", usec(t) US host US port US type US name US v)
}

function ssh(k, fromorig,   v) {
	v = first($39)
	if (fromorig) SSHC[k] = v; else SSHS[k] = v
	SSHT[k] = SSHT[k] == "" ? $1 : SSHT[k]
	if (fromorig) soft($1, OH[k], UNSET, "SSH::CLIENT", v); else soft($1, RH[k], RP[k], "SSH::SERVER", v)
}

function dhcp(k,   id, mt) {
	id = strtonum_hex($40); mt = $41 + 0
	if (!(id in DX)) { DX[id] = ++ndhcp; DXID[ndhcp] = id; DT0[id] = $1 }
	DT1[id] = $1; DUID[id] = UID[k]
	DMT[id] = DMT[id] (DMT[id] == "" ? "" : EL) DT[mt]
	DMAC[id] = first($42)
	if ($45 != "") DHOST[id] = $45
	if ($46 != "") DVC[id] = $46
	if ($47 != "") DREQ[id] = $47
	if ($48 != "") DSRV[id] = $48
	if (mt == 5) DASS[id] = $43
	if ($44 != "" && $44 != "0.0.0.0") DCLI[id] = $44
	ev($1, k, "dhcp", "\"dhcp\":{\"type\":\"" (mt == 2 || mt == 5 || mt == 6 ? "reply" : "request") "\",\"id\":" id ",\"client_mac\":" js(first($42)) ",\"assigned_ip\":" js($43) ",\"client_ip\":" js($44) ",\"dhcp_type\":" js(tolower(DT[mt])) ($45 == "" ? "" : ",\"hostname\":" js($45)) ($46 == "" ? "" : ",\"vendor_class_identifier\":" js($46)) "}")
}

function nz(v) { return v == "" ? UNSET : v }

END {
	for (i = 1; i <= nflows; i++) {
		k = FKEY[i]; h = HIST[k]
		if (PROTO[k] == "udp") st = RPK[k] ? "SF" : "S0"
		else if (index(h, "S") == 0) st = "OTH"
		else if (index(h, "h") == 0) st = index(h, "r") ? "REJ" : "S0"
		else if (index(h, "R")) st = "RSTO"; else if (index(h, "r")) st = "RSTR"
		else if (index(h, "F") && index(h, "f")) st = "SF"; else if (index(h, "F")) st = "S2"
		else if (index(h, "f")) st = "S3"; else st = "S1"
		rec("conn", usec(FT0[k]) US UID[k] US OH[k] US OP[k] US RH[k] US RP[k] US PROTO[k] US nz(SVC[k]) US sprintf("%.6f", FT1[k] - FT0[k]) US (OB[k] + 0) US (RB[k] + 0) US st US 0 US (PROTO[k] == "udp" ? (RPK[k] ? "Dd" : "D") : h) US (OPK[k] + 0) US (RPK[k] + 0) US nz(OL2[k]) US nz(RL2[k]))
		if (ISTLS[k]) {
			rec("ssl", usec(FT0[k]) US UID[k] US OH[k] US OP[k] US RH[k] US RP[k] US (CHAIN[k] == "" ? UNSET : "TLSv12") US UNSET US nz(SNI[k]) US "F" US (CHAIN[k] == "" ? "" : CHAIN[k]) US "")
			body = "\"tls\":{" (CHAIN[k] == "" ? "" : "\"subject\":" js(SUBJ[LEAF[k]]) ",\"issuerdn\":" js(ISS[LEAF[k]]) ",\"serial\":" js(SERIAL[LEAF[k]]) ",\"fingerprint\":" js(FP1[LEAF[k]]) ",")
			body = body (SNI[k] == "" ? "" : "\"sni\":" js(SNI[k]) ",") "\"version\":" js(CHAIN[k] == "" ? "UNDETERMINED" : "TLS 1.2") "}"
			evdir(k, 1); ev(TLST[k], k, "tls", body) # transaction events: the flow's direction
		}
		if (k in SSHT) {
			rec("ssh", usec(FT0[k]) US UID[k] US OH[k] US OP[k] US RH[k] US RP[k] US 2 US 0 US nz(SSHC[k]) US nz(SSHS[k]))
			body = "\"ssh\":{"
			if (SSHC[k] != "") { split(SSHC[k], c, "-"); v = SSHC[k]; sub(/^SSH-[^-]*-/, "", v); body = body "\"client\":{\"proto_version\":" js(c[2]) ",\"software_version\":" js(v) "}" }
			if (SSHS[k] != "") { split(SSHS[k], c, "-"); v = SSHS[k]; sub(/^SSH-[^-]*-/, "", v); body = body (SSHC[k] != "" ? "," : "") "\"server\":{\"proto_version\":" js(c[2]) ",\"software_version\":" js(v) "}" }
			evdir(k, 1); ev(FT1[k], k, "ssh", body "}")
		}
	}
	for (i = 1; i <= ndhcp; i++) {
		id = DXID[i]
		rec("dhcp", usec(DT0[id]) US DUID[id] US nz(DCLI[id]) US nz(DSRV[id]) US DMAC[id] US nz(DHOST[id]) US UNSET US UNSET US nz(DREQ[id]) US nz(DASS[id]) US DMT[id] US sprintf("%.6f", DT1[id] - DT0[id]) US nz(DVC[id]))
	}
	for (li = 1; li <= NLOGS; li++) if (NREC[LOGS[li]]) write(LOGS[li])
}

# Zeek's ASCII writer: the header, one row per record (unset "-", empty set "(empty)", set
# elements joined with ","), #close; and the JSON writer: one object per record.
function write(lg,   nf, f, name, type, i, j, r, v, n, el, tsv, json, t0, t1, o, jo) {
	nf = split(SCHEMA[lg], f, "|")
	for (i = 1; i <= nf; i++) { split(f[i], a, " "); name[i] = a[1]; type[i] = a[2] }
	o = zdir "/" lg ".log"; jo = jdir "/" lg ".log"
	split(REC[lg, 1], r, US); t0 = r[1]; split(REC[lg, NREC[lg]], r, US); t1 = r[1]
	printf "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t%s\n#open\t%s\n", lg, civil(t0, "-", "-") > o
	printf "#fields" > o; for (i = 1; i <= nf; i++) printf "\t%s", name[i] > o; printf "\n#types" > o
	for (i = 1; i <= nf; i++) printf "\t%s", type[i] > o; printf "\n" > o
	for (j = 1; j <= NREC[lg]; j++) {
		split(REC[lg, j], r, US); tsv = ""; json = ""
		for (i = 1; i <= nf; i++) {
			v = r[i]; set = type[i] ~ /^(set|vector)/
			if (v == UNSET) { tsv = tsv (i > 1 ? "\t" : "") "-"; continue }
			if (set) {
				n = split(v, el, EL)
				tsv = tsv (i > 1 ? "\t" : "") (n ? zesc(v) : "(empty)")
				json = json (json == "" ? "" : ",") js(name[i]) ":["
				for (e = 1; e <= n; e++) json = json (e > 1 ? "," : "") (type[i] ~ /interval/ ? el[e] + 0 : js(el[e]))
				json = json "]"
				continue
			}
			tsv = tsv (i > 1 ? "\t" : "") (v == "" ? "(empty)" : tesc(v))
			json = json (json == "" ? "" : ",") js(name[i]) ":" (type[i] ~ /^(time|interval|count|port)$/ ? v : type[i] == "bool" ? (v == "T" ? "true" : "false") : js(v))
		}
		print tsv > o; print "{" json "}" > jo
	}
	printf "#close\t%s\n", civil(t1, "-", "-") > o
}
function tesc(v) { return rep(v, "\t", "\\x09") }
function zesc(v) { return rep(rep(tesc(v), ",", "\\x2c"), EL, ",") }
