#include "kv_syscalls.h"

returncode_t libtocksync_kv_yield_wait_for_get(int* length) {
  yield_waitfor_return_t r = yield_wait_for(DRIVER_NUM_KV, 0);
  returncode_t rc = tock_status_to_returncode((statuscode_t)r.data0);
  if (rc == RETURNCODE_SUCCESS) *length = (int)r.data1;
  return rc;
}

returncode_t libtocksync_kv_yield_wait_for_done(void) {
  yield_waitfor_return_t r = yield_wait_for(DRIVER_NUM_KV, 0);
  return tock_status_to_returncode((statuscode_t)r.data0);
}
