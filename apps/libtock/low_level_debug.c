/* Low-level debug driver (0x8) wrappers: commands 1 (alert), 2 (print), 3 (print two). */
#include "libtock/low_level_debug.h"

returncode_t libtock_lldb_alert_code(uint32_t code) {
  return tock_command_return_novalue_to_returncode(
      command(DRIVER_NUM_LOW_LEVEL_DEBUG, 1, (int)code, 0));
}

returncode_t libtock_lldb_print_u32(uint32_t value) {
  return tock_command_return_novalue_to_returncode(
      command(DRIVER_NUM_LOW_LEVEL_DEBUG, 2, (int)value, 0));
}

returncode_t libtock_lldb_print_u32_u32(uint32_t a, uint32_t b) {
  return tock_command_return_novalue_to_returncode(
      command(DRIVER_NUM_LOW_LEVEL_DEBUG, 3, (int)a, (int)b));
}
