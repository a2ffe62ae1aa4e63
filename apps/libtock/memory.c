/* brk/sbrk over memop 0/1 (syscall-abi.md §7). */
#include "libtock/memory.h"

returncode_t tock_brk(void* addr) {
  memop_return_t r = memop(0, (int)(uintptr_t)addr);
  return tock_status_to_returncode(r.status);
}

void* tock_sbrk(int32_t increment) {
  memop_return_t r = memop(1, (int)increment);
  if (r.status != TOCK_STATUSCODE_SUCCESS) return (void*)-1;
  return (void*)(uintptr_t)r.data;
}

void* _sbrk(int increment) { return tock_sbrk(increment); }
