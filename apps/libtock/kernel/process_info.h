/* Process info (driver 0x10002): list the board's processes, their ShortIds, names and
 * counters, and change their state. Upstream libtock-c's libtock/kernel/process_info.h API. */
#ifndef TOCKPP_APPS_LIBTOCK_KERNEL_PROCESS_INFO_H_
#define TOCKPP_APPS_LIBTOCK_KERNEL_PROCESS_INFO_H_

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

bool libtock_process_info_exists(void);

returncode_t libtock_process_info_get_process_count(uint32_t* count);

/* `buffer` receives little-endian u32 process ids, as many as fit; `count` all of them. */
returncode_t libtock_process_info_get_process_ids(uint8_t* buffer, size_t buffer_length,
                                                  uint32_t* count);

/* The same for ShortIds (0 = LocallyUnique). */
returncode_t libtock_process_info_get_short_ids(uint8_t* buffer, size_t buffer_length,
                                                uint32_t* count);

/* The name of `process_id`, NUL-terminated when it leaves room. */
returncode_t libtock_process_info_get_process_name(uint32_t process_id, uint8_t* buffer,
                                                   size_t buffer_length);

/* Four u32s: timeslice expirations, syscalls, restarts, state (0 running, 1 yielded,
 * 2 yielded-for, 3 stopped, 4 faulted, 5 terminated). */
returncode_t libtock_process_info_get_process_stats(uint32_t process_id, uint8_t* buffer,
                                                    size_t buffer_length);

/* 1 start, 2 stop, 3 fault, 4 terminate, 5 boot (only a terminated process). */
returncode_t libtock_process_info_set_process_state(uint32_t process_id, uint32_t state);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_KERNEL_PROCESS_INFO_H_ */
