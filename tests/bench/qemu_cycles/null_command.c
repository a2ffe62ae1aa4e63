/* null_command: times N system calls that return at once, against the alarm counter, for
 * run_cycles.py (which converts ticks to QEMU instructions under -icount shift=0). Prints one
 * line per loop: "cycles: <name> n=<N> ticks=<T> hz=<Hz>". The baseline is the same loop with
 * no system call, subtracted by the runner. */
#include <stdint.h>
#include <stdio.h>

#include "libtock/peripherals/syscalls/alarm_syscalls.h"
#include "libtock/tock.h"

#define N 20000

static uint32_t hz;

static uint32_t now(void) {
  uint32_t t = 0;
  libtock_alarm_command_read(&t);
  return t;
}

static void report(const char* name, uint32_t start, uint32_t end) {
  printf("cycles: %s n=%d ticks=%lu hz=%lu\n", name, N, (unsigned long)(end - start),
         (unsigned long)hz);
}

int main(void) {
  libtock_alarm_command_get_frequency(&hz);
  uint32_t t0 = now();
  for (int i = 0; i < N; ++i) {
    asm volatile("" ::: "memory");
  }
  uint32_t t1 = now();
  report("baseline_loop", t0, t1);

  /* Command to a driver number nobody registered: the kernel answers NODEVICE at once. */
  t0 = now();
  for (int i = 0; i < N; ++i) {
    syscall_return_t r = command(0xdead, 0, 0, 0);
    asm volatile("" ::"r"(r.type) : "memory");
  }
  t1 = now();
  report("command_no_driver", t0, t1);

  /* Command 0 ("exists") to the alarm driver: the driver answers Success at once. */
  t0 = now();
  for (int i = 0; i < N; ++i) {
    syscall_return_t r = command(0, 0, 0, 0);
    asm volatile("" ::"r"(r.type) : "memory");
  }
  t1 = now();
  report("command_alarm_exists", t0, t1);

  /* yield-no-wait with no upcall pending: back to the same app. */
  t0 = now();
  for (int i = 0; i < N; ++i) {
    yield_no_wait();
  }
  t1 = now();
  report("yield_no_wait", t0, t1);
  printf("cycles: null_command done\n");
  return 0;
}
