/* The kernel reports write-done as (bytes_written, 0, 0) and read-done as
 * (statuscode, bytes_read, 0); both are turned into (returncode, count) here.
 */
#include "console_syscalls.h"

returncode_t libtocksync_console_yield_wait_for_write(uint32_t* bytes_written) {
  yield_waitfor_return_t done = yield_wait_for(DRIVER_NUM_CONSOLE, 1);
  *bytes_written = done.data0;
  return RETURNCODE_SUCCESS;
}

returncode_t libtocksync_console_yield_wait_for_read(uint32_t* bytes_read) {
  yield_waitfor_return_t done = yield_wait_for(DRIVER_NUM_CONSOLE, 2);
  *bytes_read = done.data1;
  return tock_status_to_returncode((statuscode_t)done.data0);
}
