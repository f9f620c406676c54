/* Test library API: greeter_greet() formats a greeting into @buf. */
#ifndef GREETER_H
#define GREETER_H
#include <stddef.h>
int greeter_greet(char *buf, size_t len);
/* Global in greeter's objects but not in exports.uk: must not link from outside. */
int greeter_internal(void);
#endif
