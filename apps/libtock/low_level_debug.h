/* Low-level debug driver (0x8): alert codes and numbers printed by the kernel. */
#ifndef TOCKPP_APPS_LIBTOCK_LOW_LEVEL_DEBUG_H_
#define TOCKPP_APPS_LIBTOCK_LOW_LEVEL_DEBUG_H_

#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_LOW_LEVEL_DEBUG 0x8u
#define LIBTOCK_LOW_LEVEL_DEBUG_ALERT_PANIC 0x01u
#define LIBTOCK_LOW_LEVEL_DEBUG_ALERT_WRONG_LOCATION 0x02u

returncode_t libtock_lldb_alert_code(uint32_t code);
returncode_t libtock_lldb_print_u32(uint32_t value);
returncode_t libtock_lldb_print_u32_u32(uint32_t a, uint32_t b);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_LOW_LEVEL_DEBUG_H_ */
