/* Compatibility forward: the console API lives in libtock/interface/console.h (asynchronous),
 * libtock/interface/syscalls/console_syscalls.h and libtock-sync/interface/console.h
 * (blocking), as in upstream libtock-c. New code includes those directly.
 */
#ifndef TOCKPP_APPS_LIBTOCK_CONSOLE_H_
#define TOCKPP_APPS_LIBTOCK_CONSOLE_H_

#include "libtock-sync/interface/console.h"
#include "libtock/interface/console.h"
#include "libtock/interface/syscalls/console_syscalls.h"

#endif /* TOCKPP_APPS_LIBTOCK_CONSOLE_H_ */
