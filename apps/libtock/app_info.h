/* What an app can learn about itself from its own TBF header (memop 4 = header start). */
#ifndef TOCKPP_APPS_LIBTOCK_APP_INFO_H_
#define TOCKPP_APPS_LIBTOCK_APP_INFO_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Copies the PackageName TLV (type 3) of this app's TBF header into name (NUL-terminated,
 * truncated to cap - 1). Returns the copied length, or -1 if there is no name. */
int libtock_app_package_name(char* name, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_APP_INFO_H_ */
