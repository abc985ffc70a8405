/*
 * Preloaded, with the sanitizers' runtimes, into the PHP that runs the phpt
 * suite against the extension built with -fsanitize=address,undefined
 * (scripts/test.sh). PHP opens extensions with dlopen(RTLD_DEEPBIND), which
 * ASan refuses ("incompatible with sanitizer runtime", google/sanitizers
 * issue 611) since a deep-bound library would bypass ASan's malloc. PHP drops
 * the flag only when PHP itself is built with ASan; Debian's is not. This
 * dlopen() comes first in the preload list, clears the flag and hands over to
 * the next dlopen(), ASan's. The extension has no symbol that PHP's could
 * shadow, so binding it the ordinary way changes nothing else.
 */
#define _GNU_SOURCE
#include <dlfcn.h>

void *dlopen(const char *file, int mode)
{
	static void *(*next)(const char *, int);
	if (!next) {
		next = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	}
	return next(file, mode & ~RTLD_DEEPBIND);
}
