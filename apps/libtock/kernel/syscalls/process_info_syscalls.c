#include "process_info_syscalls.h"

bool libtock_process_info_driver_exists(void) { return driver_exists(DRIVER_NUM_PROCESS_INFO); }

returncode_t libtock_process_info_set_allow_readwrite_info_buffer(uint8_t* buffer,
                                                                  uint32_t length) {
  return tock_allow_rw_return_to_returncode(
      allow_readwrite(DRIVER_NUM_PROCESS_INFO, 0, (void*)buffer, length));
}

static returncode_t u32_command(uint32_t number, uint32_t a, uint32_t b, uint32_t* value) {
  return tock_command_return_u32_to_returncode(command(DRIVER_NUM_PROCESS_INFO, number, a, b),
                                               value);
}

static returncode_t plain_command(uint32_t number, uint32_t a, uint32_t b) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_PROCESS_INFO, number, a, b));
}

returncode_t libtock_process_info_command_get_process_count(uint32_t* count) {
  return u32_command(1, 0, 0, count);
}

returncode_t libtock_process_info_command_get_process_ids(uint32_t* count) {
  return u32_command(2, 0, 0, count);
}

returncode_t libtock_process_info_command_get_short_ids(uint32_t* count) {
  return u32_command(3, 0, 0, count);
}

returncode_t libtock_process_info_command_get_process_name(uint32_t process_id,
                                                           uint32_t* name_len) {
  return u32_command(4, process_id, 0, name_len);
}

returncode_t libtock_process_info_command_get_process_stats(uint32_t process_id) {
  return plain_command(5, process_id, 0);
}

returncode_t libtock_process_info_command_set_process_state(uint32_t process_id, uint32_t state) {
  return plain_command(6, process_id, state);
}
