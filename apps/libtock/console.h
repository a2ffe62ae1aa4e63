/* Console driver (0x1): asynchronous primitives and blocking read/write built on them. */
#ifndef TOCKPP_APPS_LIBTOCK_CONSOLE_H_
#define TOCKPP_APPS_LIBTOCK_CONSOLE_H_

#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_CONSOLE 0x1u

bool libtock_console_exists(void);
/* Starts a write of `len` bytes of `buf`; completion upcall arg0 = bytes written. */
returncode_t libtock_console_write(const uint8_t* buf, uint32_t len, subscribe_upcall cb,
                                   void* userdata);
/* Starts a read of up to `len` bytes; upcall args (statuscode, bytes_read, 0). */
returncode_t libtock_console_read(uint8_t* buf, uint32_t len, subscribe_upcall cb, void* userdata);
returncode_t libtock_console_abort_read(void);

/* Blocking: writes all `len` bytes (several kernel writes if needed), yielding meanwhile. */
returncode_t libtocksync_console_write(const uint8_t* buf, uint32_t len, uint32_t* written);
/* Blocking: reads up to `len` bytes (at least one), yielding meanwhile. */
returncode_t libtocksync_console_read(uint8_t* buf, uint32_t len, uint32_t* read);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_CONSOLE_H_ */
