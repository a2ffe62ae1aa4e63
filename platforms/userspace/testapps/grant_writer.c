/* grant_writer: a misbehaving app for the QEMU MPU test. It announces itself, then writes
 * into the kernel-owned grant region at the top of its own RAM (memop 6), which the MPU must
 * stop with a MemManage fault; the line after the write must never appear. */
#include <stdint.h>

#include "libtock/printf.h"
#include "libtock/tock.h"

int main(void) {
  memop_return_t grant = memop(6, 0);
  printf("grant_writer: writing into my grant region at 0x%08lx\n", (unsigned long)grant.data);
  volatile uint32_t* target = (volatile uint32_t*)(uintptr_t)grant.data;
  *target = 0xBADC0FFEu;
  printf("grant_writer: ERROR the write went through\n");
  return 0;
}
