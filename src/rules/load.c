/* Loader for data/rules/NAME.rules (docs/data-format.md). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/keys.h"
#include "bansweep/recfile.h"
#include "bansweep/registry.h"
#include "rules/rules_int.h"
#include "util/banned.h"

static const char *const kind_names[] = {"exact", "prefix", "domain", "regex", "oid", "mac"};
static const char *const strength_names[] = {"support", "review", "weak", "strong"};

const char *match_kind_name(enum match_kind k)
{
	return kind_names[k];
}

const char *strength_name(enum strength s)
{
	return strength_names[s];
}

struct load_ctx {
	struct ruleset *rs;
	const struct kb *kb;
	const char *file;
};

static char **push(char **v, size_t *n, const char *s)
{
	v = xrealloc(v, (*n + 1) * sizeof(*v));
	v[(*n)++] = xstrdup(s);
	return v;
}

static int set_keys(struct rule *ru, const struct rec *r, const struct rec_field *f,
                    struct bs_err *e)
{
	char tmp[REC_MAX_LINE + 1];
	bs_strlcpy(tmp, f->value, sizeof(tmp));
	for (char *p = tmp; *p;) {
		p += strspn(p, " \t");
		if (!*p)
			break;
		char *w = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = 0;
		int k = key_find(w);
		if (k < 0)
			return rec_error(e, r, f->line, "unknown observation key '%s'", w);
		ru->keys = xrealloc(ru->keys, (ru->nkeys + 1) * sizeof(int));
		ru->keys[ru->nkeys++] = k;
	}
	return 0;
}

static int compile_regex(struct rule *ru, const struct rec *r, unsigned line, struct bs_err *e)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)ru->pattern, PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		return rec_error(e, r, line, "regex error at offset %zu: %s", (size_t)off,
		                 (const char *)msg);
	}
	/* JIT is an optimisation: where it is not available, the interpreter still matches. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	ru->re = re;
	return 0;
}

static int set_match(struct rule *ru, const struct rec *r, const struct rec_field *f,
                     struct bs_err *e)
{
	const char *v = f->value;
	size_t k = strcspn(v, " \t");
	size_t kind;
	for (kind = 0; kind < sizeof(kind_names) / sizeof(*kind_names); kind++)
		if (strlen(kind_names[kind]) == k && !strncmp(v, kind_names[kind], k))
			break;
	if (kind == sizeof(kind_names) / sizeof(*kind_names))
		return rec_error(e, r, f->line,
		                 "match takes exact|prefix|domain|regex|oid|mac PATTERN");
	const char *pat = v + k;
	pat += strspn(pat, " \t");
	if (!*pat)
		return rec_error(e, r, f->line, "match %s needs a pattern", kind_names[kind]);
	ru->kind = (enum match_kind)kind;
	ru->pattern = xstrdup(pat);
	switch (ru->kind) {
	case M_EXACT:
	case M_PREFIX:
		ru->norm = xstrdup(pat);
		bs_lower(ru->norm);
		break;
	case M_DOMAIN: {
		ru->norm = xstrdup(pat);
		bs_lower(ru->norm);
		size_t n = strlen(ru->norm);
		if (n && ru->norm[n - 1] == '.')
			ru->norm[n - 1] = 0;
		if (!ru->norm[0] || ru->norm[0] == '.' || strpbrk(ru->norm, " /:*"))
			return rec_error(e, r, f->line, "bad domain '%s'", pat);
		break;
	}
	case M_OID: {
		char buf[256];
		int n = oid_norm(pat, strlen(pat), buf, sizeof(buf));
		if (n < 0)
			return rec_error(e, r, f->line, "bad OID '%s'", pat);
		ru->norm = xstrdup(buf);
		break;
	}
	case M_MAC:
		if (mac_parse(pat, &ru->mac, &ru->macbits) < 0)
			return rec_error(e, r, f->line, "bad MAC prefix '%s'", pat);
		break;
	case M_REGEX:
		if (compile_regex(ru, r, f->line, e) < 0)
			return -1;
		break;
	}
	if (ru->norm)
		ru->normlen = strlen(ru->norm);
	return 0;
}

static int on_rule(const struct rec *r, void *vctx, struct bs_err *e)
{
	struct load_ctx *ctx = vctx;
	static const char *const allow[] = {"vendor",  "key",    "match", "strength",
	                                    "product", "class",  "brand", "example",
	                                    "counter", "source", "note",  NULL};
	static const char *const req[] = {"vendor", "key",     "match",  "strength", "product",
	                                  "class",  "example", "source", NULL};
	if (strcmp(r->type, "rule"))
		return rec_error(e, r, 0, "unexpected record type '%s' (rule)", r->type);
	if (rec_allow(r, allow, e) < 0 || rec_require(r, req, e) < 0)
		return -1;
	static const char *const once[] = {"vendor",  "key",   "match", "strength",
	                                   "product", "class", "brand", "source"};
	for (size_t i = 0; i < sizeof(once) / sizeof(*once); i++)
		if (rec_count(r, once[i]) > 1)
			return rec_error(e, r, 0, "rule %s: field '%s' given twice", r->id,
			                 once[i]);
	struct ruleset *rs = ctx->rs;
	for (size_t i = 0; i < rs->n; i++)
		if (!strcmp(rs->rules[i].id, r->id))
			return rec_error(e, r, 0, "rule '%s' defined twice (also %s:%u)", r->id,
			                 rs->rules[i].file, rs->rules[i].line);
	rs->rules = xrealloc(rs->rules, (rs->n + 1) * sizeof(*rs->rules));
	struct rule *ru = &rs->rules[rs->n++];
	memset(ru, 0, sizeof(*ru));
	ru->id = xstrdup(r->id);
	ru->file = ctx->file;
	ru->line = r->line;
	const struct rec_field *fv = rec_field(r, "vendor");
	ru->vendor = kb_vendor_find(ctx->kb, fv->value);
	if (!ru->vendor)
		return rec_error(e, r, fv->line, "unknown vendor '%s'", fv->value);
	const struct rec_field *fs = rec_field(r, "strength");
	size_t s;
	for (s = 0; s < 4; s++)
		if (!strcmp(fs->value, strength_names[s]))
			break;
	if (s == 4)
		return rec_error(e, r, fs->line, "strength is strong, weak, review or support");
	ru->strength = (enum strength)s;
	const struct rec_field *fc = rec_field(r, "class");
	if (!kb_class_find(ctx->kb, fc->value))
		return rec_error(e, r, fc->line, "unknown class '%s'", fc->value);
	ru->cls = xstrdup(fc->value);
	ru->klass = kb_class_find(ctx->kb, fc->value);
	if (set_keys(ru, r, rec_field(r, "key"), e) < 0 ||
	    set_match(ru, r, rec_field(r, "match"), e) < 0)
		return -1;
	const struct rec_field *fp = rec_field(r, "product");
	if (strlen(fp->value) >= sizeof(((struct rule_hit *)0)->product))
		return rec_error(e, r, fp->line, "product text too long");
	if (product_check(fp->value, ru->re) < 0)
		return rec_error(e, r, fp->line,
		                 "product refers to a capture group the match does not have");
	ru->product = xstrdup(fp->value);
	for (size_t i = 0; i < r->n; i++) {
		const struct rec_field *f = &r->f[i];
		if (!strcmp(f->name, "example"))
			ru->examples = push(ru->examples, &ru->nexamples, f->value);
		else if (!strcmp(f->name, "counter"))
			ru->counters = push(ru->counters, &ru->ncounters, f->value);
		else if (!strcmp(f->name, "brand"))
			ru->brand = xstrdup(f->value);
		else if (!strcmp(f->name, "source"))
			ru->source = xstrdup(f->value);
		else if (!strcmp(f->name, "note"))
			ru->note = xstrdup(f->value);
	}
	return 0;
}

int rules_load_buf(struct ruleset *rs, const struct kb *kb, const char *file, const char *text,
                   size_t len, struct bs_err *e)
{
	rs->files = xrealloc(rs->files, (rs->nfiles + 1) * sizeof(*rs->files));
	rs->files[rs->nfiles++] = xstrdup(file);
	char *copy = xstrndup(text, len);
	struct load_ctx ctx = {rs, kb, rs->files[rs->nfiles - 1]};
	int rc = rec_parse(ctx.file, copy, len, on_rule, &ctx, e);
	free(copy);
	return rc;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int rules_load_dir(struct ruleset *rs, const struct kb *kb, const char *dir, struct bs_err *e)
{
	memset(rs, 0, sizeof(*rs));
	DIR *d = opendir(dir);
	if (!d)
		return bs_fail(e, "%s: cannot open rules directory", dir);
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] != '.' && l > 6 && !strcmp(de->d_name + l - 6, ".rules"))
			names = push(names, &n, de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char path[4096], *text;
		size_t len;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		rc = bs_read_file(path, 16u << 20, &text, &len, e);
		if (rc == 0) {
			rc = rules_load_buf(rs, kb, path, text, len, e);
			free(text);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == 0 && n == 0)
		rc = bs_fail(e, "%s: no *.rules files", dir);
	if (rc == 0)
		rc = rules_index(rs, e);
	if (rc < 0)
		rules_release(rs);
	return rc;
}

void rules_free_index(struct ruleset *rs);

/* Frees the rules from the n-th on (a file refused halfway: hashlist.c). */
void rules_truncate(struct ruleset *rs, size_t n);
void rules_truncate(struct ruleset *rs, size_t n)
{
	for (size_t i = n; i < rs->n; i++) {
		struct rule *r = &rs->rules[i];
		free(r->id), free(r->keys), free(r->pattern), free(r->norm), free(r->product);
		free(r->cls), free(r->brand), free(r->source), free(r->note);
		if (r->re)
			pcre2_code_free(r->re);
		for (size_t k = 0; k < r->nexamples; k++)
			free(r->examples[k]);
		for (size_t k = 0; k < r->ncounters; k++)
			free(r->counters[k]);
		free(r->examples), free(r->counters);
	}
	if (n < rs->n)
		rs->n = n;
}

void rules_release(struct ruleset *rs)
{
	rules_free_index(rs);
	rules_truncate(rs, 0);
	free(rs->rules);
	for (size_t i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->files);
	memset(rs, 0, sizeof(*rs));
}
