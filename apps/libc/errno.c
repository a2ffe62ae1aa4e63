/* The one errno (apps are single-threaded). */
#include <errno.h>

#undef errno
int errno;
