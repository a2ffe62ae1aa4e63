/* Forward kept for older tockpp apps: memcpy, strlen, ... now come from the app C library
 * (apps/libc, <string.h>).
 */
#ifndef TOCKPP_APPS_LIBTOCK_LIBC_H_
#define TOCKPP_APPS_LIBTOCK_LIBC_H_

#include <string.h>

#endif /* TOCKPP_APPS_LIBTOCK_LIBC_H_ */
