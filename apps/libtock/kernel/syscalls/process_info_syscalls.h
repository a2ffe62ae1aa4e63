/* Process info driver (0x10002), thin layer: one read-write allow (0) that commands 2-5 fill;
 * no upcalls. Command numbers as upstream capsules/extra/src/process_info_driver.rs. */
#ifndef TOCKPP_APPS_LIBTOCK_KERNEL_SYSCALLS_PROCESS_INFO_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_KERNEL_SYSCALLS_PROCESS_INFO_SYSCALLS_H_

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_PROCESS_INFO 0x10002

bool libtock_process_info_driver_exists(void);

/* Read-write allow 0: where commands 2-5 write their answer. */
returncode_t libtock_process_info_set_allow_readwrite_info_buffer(uint8_t* buffer, uint32_t length);

/* 1: processes on the board. 2/3: fill the buffer with their ids / ShortIds (u32 each, as many
 * as fit), return the count. 4: name of `process_id` (as much as fits), returns its length.
 * 5: four u32s for `process_id`. 6: change its state (1 start, 2 stop, 3 fault, 4 terminate,
 * 5 boot). */
returncode_t libtock_process_info_command_get_process_count(uint32_t* count);
returncode_t libtock_process_info_command_get_process_ids(uint32_t* count);
returncode_t libtock_process_info_command_get_short_ids(uint32_t* count);
returncode_t libtock_process_info_command_get_process_name(uint32_t process_id, uint32_t* name_len);
returncode_t libtock_process_info_command_get_process_stats(uint32_t process_id);
returncode_t libtock_process_info_command_set_process_state(uint32_t process_id, uint32_t state);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_KERNEL_SYSCALLS_PROCESS_INFO_SYSCALLS_H_ */
