#include "isolated_nonvolatile_storage_syscalls.h"

returncode_t libtocksync_isolated_nonvolatile_storage_yield_wait_for_get_number_bytes(
    uint64_t* number_bytes) {
  yield_waitfor_return_t r = yield_wait_for(DRIVER_NUM_ISOLATED_NONVOLATILE_STORAGE, 0);
  returncode_t rc = tock_status_to_returncode((statuscode_t)r.data0);
  if (rc == RETURNCODE_SUCCESS) *number_bytes = (uint64_t)r.data1 | (uint64_t)r.data2 << 32;
  return rc;
}

returncode_t libtocksync_isolated_nonvolatile_storage_yield_wait_for_read(void) {
  yield_waitfor_return_t r = yield_wait_for(DRIVER_NUM_ISOLATED_NONVOLATILE_STORAGE, 1);
  return tock_status_to_returncode((statuscode_t)r.data0);
}

returncode_t libtocksync_isolated_nonvolatile_storage_yield_wait_for_write(void) {
  yield_waitfor_return_t r = yield_wait_for(DRIVER_NUM_ISOLATED_NONVOLATILE_STORAGE, 2);
  return tock_status_to_returncode((statuscode_t)r.data0);
}
