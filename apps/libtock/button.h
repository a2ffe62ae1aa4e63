/* Compatibility forward: the button API lives in libtock/interface/button.h,
 * libtock/interface/syscalls/button_syscalls.h and libtock-sync/interface/button.h, as in
 * upstream libtock-c.
 */
#ifndef TOCKPP_APPS_LIBTOCK_BUTTON_H_
#define TOCKPP_APPS_LIBTOCK_BUTTON_H_

#include "libtock-sync/interface/button.h"
#include "libtock/interface/button.h"
#include "libtock/interface/syscalls/button_syscalls.h"

#endif /* TOCKPP_APPS_LIBTOCK_BUTTON_H_ */
