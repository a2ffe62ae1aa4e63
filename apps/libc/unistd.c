/* The program break over memop brk (0) / sbrk (1) (syscall-abi.md §7). The kernel zeroes
 * newly exposed memory and, on the host, maps it before the call returns.
 */
#include <errno.h>
#include <unistd.h>

#include "libtock/memory.h"
#include "libtock/tock.h"

void* sbrk(ptrdiff_t increment) {
  memop_return_t r = memop(1, (int)increment);
  if (r.status != TOCK_STATUSCODE_SUCCESS) {
    errno = ENOMEM;
    return (void*)-1;
  }
  return (void*)(uintptr_t)r.data;
}

int brk(void* addr) {
  memop_return_t r = memop(0, (int)(uintptr_t)addr);
  if (r.status != TOCK_STATUSCODE_SUCCESS) {
    errno = ENOMEM;
    return -1;
  }
  return 0;
}

/* tockpp's older names (libtock/memory.h). */
returncode_t tock_brk(void* addr) {
  memop_return_t r = memop(0, (int)(uintptr_t)addr);
  return tock_status_to_returncode(r.status);
}

void* tock_sbrk(int32_t increment) { return sbrk(increment); }

void* _sbrk(int increment) { return sbrk(increment); }
