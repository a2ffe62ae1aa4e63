/* Nonvolatile storage driver (0x50001), thin layer: the app's region of the board's storage. */
#ifndef TOCKPP_APPS_LIBTOCK_STORAGE_SYSCALLS_NONVOLATILE_STORAGE_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_STORAGE_SYSCALLS_NONVOLATILE_STORAGE_SYSCALLS_H_

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_NONVOLATILE_STORAGE 0x50001

bool libtock_nonvolatile_storage_driver_exists(void);

/* Upcall 0 (read done) and 1 (write done): (bytes transferred, 0, 0). */
returncode_t libtock_nonvolatile_storage_set_upcall_read_done(subscribe_upcall cb, void* opaque);
returncode_t libtock_nonvolatile_storage_set_upcall_write_done(subscribe_upcall cb, void* opaque);

/* Read-write allow 0: reads land here. Read-only allow 0: writes come from here. */
returncode_t libtock_nonvolatile_storage_set_allow_readwrite_read_buffer(uint8_t* buffer,
                                                                         uint32_t len);
returncode_t libtock_nonvolatile_storage_set_allow_readonly_write_buffer(uint8_t* buffer,
                                                                         uint32_t len);

returncode_t libtock_nonvolatile_storage_command_get_number_bytes(uint32_t* number_bytes);
returncode_t libtock_nonvolatile_storage_command_read(uint32_t offset, uint32_t length);
returncode_t libtock_nonvolatile_storage_command_write(uint32_t offset, uint32_t length);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_STORAGE_SYSCALLS_NONVOLATILE_STORAGE_SYSCALLS_H_
