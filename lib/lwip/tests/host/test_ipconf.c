/* SPDX-License-Identifier: BSD-3-Clause */
/* Host unit test: the netdev.ip value, good and bad. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "ipconf.h"

static int tests, failures;

static void expect(int cond, const char *what, const char *text)
{
	tests++;
	if (!cond)
		failures++;
	printf("%s %d - %s: '%s'\n", cond ? "ok" : "not ok", tests, what, text);
}

static void good(const char *text, const char *addr, const char *mask, const char *gw,
		 const char *dns)
{
	struct km_ipconf c;
	int r = km_ipconf_parse(text, &c);

	expect(r == 0 && c.set && c.addr == inet_addr(addr) && c.netmask == inet_addr(mask) &&
		       c.gw == (gw ? inet_addr(gw) : 0) && c.dns[0] == (dns ? inet_addr(dns) : 0) &&
		       !c.dns[1] && !c.hostname[0] && !c.domain[0],
	       "parses", text);
}

/* Unikraft's full form: the second DNS server, hostname and domain. */
static void good_full(const char *text, const char *dns1, const char *host, const char *domain)
{
	struct km_ipconf c;
	int r = km_ipconf_parse(text, &c);

	expect(r == 0 && c.dns[1] == (dns1 ? inet_addr(dns1) : 0) && !strcmp(c.hostname, host) &&
		       !strcmp(c.domain, domain),
	       "parses all six fields", text);
}

static void bad(const char *text, int want)
{
	struct km_ipconf c = { 0 };
	int r = km_ipconf_parse(text, &c);

	expect(r == want && !c.set, want == -ERANGE ? "out of range" : "refused", text);
}

int main(void)
{
	char buf[16];

	good("10.0.2.15/24:10.0.2.2", "10.0.2.15", "255.255.255.0", "10.0.2.2", NULL);
	good("172.44.0.2/24:172.44.0.1:8.8.8.8", "172.44.0.2", "255.255.255.0", "172.44.0.1",
	     "8.8.8.8");
	good("192.168.1.7/32:", "192.168.1.7", "255.255.255.255", NULL, NULL);
	good("10.1.2.3/8::1.1.1.1", "10.1.2.3", "255.0.0.0", NULL, "1.1.1.1");
	good("10.1.2.3/17:10.1.0.1", "10.1.2.3", "255.255.128.0", "10.1.0.1", NULL);
	bad("", -EINVAL);
	bad("10.0.2.15", -EINVAL);
	good("10.0.2.15/24", "10.0.2.15", "255.255.255.0", NULL, NULL);
	good("10.0.2.15/24:10.0.2.2:", "10.0.2.15", "255.255.255.0", "10.0.2.2", NULL);
	good("10.0.2.15/24::", "10.0.2.15", "255.255.255.0", NULL, NULL);
	good_full("10.0.2.15/24:10.0.2.2:8.8.8.8:8.8.4.4:web-1:example.org", "8.8.4.4", "web-1",
		  "example.org");
	good_full("10.0.2.15/24::::kumiki", NULL, "kumiki", "");
	good_full("10.0.2.15/24:::1.1.1.1::a.b.c", "1.1.1.1", "", "a.b.c");
	bad("10.0.2.15/24:10.0.3.2", -ERANGE); /* the gateway is outside 10.0.2.0/24 */
	bad("10.0.2.15/24:10.0.2.2:8.8.8.8:8.8.4.4:-web:example.org", -EINVAL);
	bad("10.0.2.15/24:10.0.2.2:8.8.8.8:8.8.4.4:web_1:example.org", -EINVAL);
	bad("10.0.2.15/24:10.0.2.2:8.8.8.8:8.8.4.4:a.b:example.org", -EINVAL);
	bad("10.0.2.15/24:10.0.2.2:8.8.8.8:8.8.4.4:web:example..org", -EINVAL);
	bad("10.0.2.15/24:10.0.2.2:8.8.8.8:8.8.4.4:web:example.org:", -EINVAL);
	bad("10.0.2.15/24:10.0.2.2:8.8.8.8:8.8.4.4:web:example.org:x", -EINVAL);
	bad("10.0.2.15/24:10.0.2.2:8.8.8.8:8.8.4.4:"
	    "a234567890123456789012345678901234567890123456789012345678901234",
	    -EINVAL); /* a 64-character label */
	bad("10.0.2/24:10.0.2.2", -EINVAL);
	bad("10.0.2.256/24:10.0.2.2", -EINVAL);
	bad("10.0.2.15/24:10.0.2.2:8.8.8.8:x", -EINVAL);
	bad(" 10.0.2.15/24:10.0.2.2", -EINVAL);
	bad("10.0.2.15/+24:10.0.2.2", -EINVAL);
	bad("10.0.2.0015/24:10.0.2.2", -EINVAL);
	bad("10.0.2.15/24:gateway", -EINVAL);
	bad("10.0.2.15/33:10.0.2.2", -ERANGE);
	bad("10.0.2.15/0:10.0.2.2", -ERANGE);
	bad("0.0.0.0/24:10.0.2.2", -ERANGE);
	bad("10.0.2.15/999:10.0.2.2", -EINVAL);
	km_ipconf_format_addr(inet_addr("10.0.2.15"), buf);
	expect(strcmp(buf, "10.0.2.15") == 0, "formats", buf);
	km_ipconf_format_addr(inet_addr("255.255.255.255"), buf);
	expect(strcmp(buf, "255.255.255.255") == 0, "formats", buf);
	printf("%d tests, %d failures\n", tests, failures);
	return failures != 0;
}
