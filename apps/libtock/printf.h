/* Forward kept for older tockpp apps: the printf family now lives in the app C library
 * (apps/libc, <stdio.h>).
 */
#ifndef TOCKPP_APPS_LIBTOCK_PRINTF_H_
#define TOCKPP_APPS_LIBTOCK_PRINTF_H_

#include <stdio.h>

#endif /* TOCKPP_APPS_LIBTOCK_PRINTF_H_ */
