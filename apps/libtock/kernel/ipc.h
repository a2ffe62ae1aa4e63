/* Inter-process communication (driver 0x10000), libtock-c's `libtock/kernel/ipc.h` API:
 * find a service by its package name, share a buffer with another app, notify it.
 * Service ids are process indices (what discovery returns and what callbacks receive). */
#ifndef TOCKPP_APPS_LIBTOCK_KERNEL_IPC_H_
#define TOCKPP_APPS_LIBTOCK_KERNEL_IPC_H_

#include <stdlib.h>
#include <string.h>

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IPC_DRIVER_NUM 0x10000

/* Looks up the app whose package name is `pkg_name`; its id goes to *svc_id. Returns
 * RETURNCODE_SUCCESS, or ENODEVICE when no app has that name. */
int ipc_discover(const char* pkg_name, size_t* svc_id);

/* Makes this app the service `pkg_name` (its own package name): `callback` runs for every
 * client notify with (client id, shared buffer length, shared buffer address, ud). */
int ipc_register_service_callback(const char* pkg_name, subscribe_upcall callback, void* ud);

/* `callback` runs when service `svc_id` notifies this app, with (service id, length and
 * address of the buffer the service shares with this app or 0, ud). */
int ipc_register_client_callback(size_t svc_id, subscribe_upcall callback, void* ud);

/* Notify the client `pid` / the service `pid`. ENODEVICE if it has died, EINVAL if no such
 * app, ENOMEM if its queue is full. */
int ipc_notify_client(size_t pid);
int ipc_notify_service(size_t pid);

/* Shares `len` bytes at `base` with app `pid` (service or client). On a Cortex-M board `base`
 * should be aligned to `len`, a power of two (MPU); tockd copies, so any buffer works there. */
int ipc_share(size_t pid, void* base, int len);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_KERNEL_IPC_H_ */
