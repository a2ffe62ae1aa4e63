/* Attack: store into this app's own code (its flash, now a private copy-on-write mapping that a
 * debugger may write through ptrace), then try to make that page writable with mprotect.
 * Expect SIGSEGV on the store; with FLASH_WRITE_MPROTECT, the mprotect is refused (a kill by
 * tockd), never a write. Prints "flash_write: ESCAPED" if either got through.
 */
#include <stdint.h>

#include "hostkernel/launcher/linux_syscall.h"
#include "libtock/arch/host/host_channel.h"
#include "libtock/printf.h"

__attribute__((noinline)) int victim(void) { return 1; }

int main(void) {
  volatile uint8_t* code = (volatile uint8_t*)(uintptr_t)&victim;
#ifdef FLASH_WRITE_MPROTECT
  uint32_t page = (uint32_t)(uintptr_t)code & ~(TOCK_HOST_PAGE_SIZE - 1u);
  printf("flash_write: mprotect(0x%x, 4096, RWX) on own code\n", page);
  tock_host_linux_syscall(LINUX_NR_mprotect, page, TOCK_HOST_PAGE_SIZE,
                          LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC, 0);
#else
  printf("flash_write: writing to own code at %p\n", (void*)code);
#endif
  *code = 0xCC;
  printf("flash_write: ESCAPED\n");
  return victim();
}
