/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dlfcn.h - dynamic loading, which a static Kumiki image does not do
 * (lib/newlib/posix_misc.c, as musl's static library): dlopen returns
 * NULL, dlsym NULL, dlclose non-zero; dlerror then says why, once.
 */
#ifndef KM_NEWLIB_DLFCN_H
#define KM_NEWLIB_DLFCN_H

#define RTLD_LAZY     1
#define RTLD_NOW      2
#define RTLD_NOLOAD   4
#define RTLD_NODELETE 4096
#define RTLD_GLOBAL   256
#define RTLD_LOCAL    0
#define RTLD_NEXT     ((void *)-1)
#define RTLD_DEFAULT  ((void *)0)

#ifdef __cplusplus
extern "C" {
#endif
void *dlopen(const char *file, int mode);
void *dlsym(void *__restrict handle, const char *__restrict name);
int dlclose(void *handle);
char *dlerror(void);
#ifdef __cplusplus
}
#endif
#endif
