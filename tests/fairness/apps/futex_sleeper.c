/* Attacker: announces itself, then sleeps in FUTEX_WAIT on its channel's kernel_seq word
 * (the one futex the seccomp filter allows) without posting a request, forever. It uses no
 * CPU, so a timeslice that counts only CPU time never ends its turn.
 */
#include <stdint.h>

#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/launcher/linux_syscall.h"
#include "libtock/arch/host/host_channel.h"
#include "libtock/printf.h"

int main(void) {
  printf("futex_sleeper: sleeping\n");
  volatile struct tock_channel* ch = (volatile struct tock_channel*)TOCK_HOST_CHANNEL_ADDR;
  for (;;) {
    /* kernel_seq moves only when tockd answers a request, and none is posted: the wait
     * returns only on a signal (then it sleeps again). */
    uint32_t seq = __atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE);
    (void)tock_host_linux_syscall(LINUX_NR_futex, (uint32_t)(uintptr_t)&ch->kernel_seq,
                                  LINUX_FUTEX_WAIT, seq, 0);
  }
}
