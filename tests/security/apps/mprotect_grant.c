/* Attack: mprotect(READ|WRITE) the page holding this app's grant region, through the same
 * system call entry libtock uses, then write to it. tockd must not approve it: expect a fault
 * (SIGSYS if the call is refused by killing, else SIGSEGV on the write), never access.
 */
#include <stdint.h>

#include "hostkernel/launcher/linux_syscall.h"
#include "libtock/arch/host/host_channel.h"
#include "libtock/printf.h"
#include "libtock/tock.h"

int main(void) {
  uint32_t grant = (uint32_t)(uintptr_t)tock_app_grant_begins_at();
  uint32_t page = grant & ~(TOCK_HOST_PAGE_SIZE - 1u);
  printf("mprotect_grant: mprotect(0x%x, 4096, RW) on grant at 0x%x\n", page, grant);
  int32_t ret = tock_host_linux_syscall(LINUX_NR_mprotect, page, TOCK_HOST_PAGE_SIZE,
                                        LINUX_PROT_READ | LINUX_PROT_WRITE, 0);
  printf("mprotect_grant: mprotect returned %d, writing\n", ret);
  *(volatile uint32_t*)(uintptr_t)grant = 0xdeadbeefu;
  printf("mprotect_grant: ESCAPED\n");
  return 0;
}
