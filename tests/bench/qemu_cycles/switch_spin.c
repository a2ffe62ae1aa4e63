/* switch_spin: two copies (switch_a, switch_b) share the CPU by timeslice preemption. Each
 * repeats: read the alarm counter, spin 8000 instructions. A step between two reads much longer
 * than usual is a gap: the other app ran in between. For run_cycles.py each app prints the
 * number and tick sums of its gaps, of its runs between two gaps (first read to last read) and
 * of its ordinary steps:
 *   cycles: switch <name> gaps=<n> gap_ticks=<sum> runs=<n> run_ticks=<sum> steps=<n>
 *           step_ticks=<sum> hz=<Hz>
 * A gap is: the rest of this app's step after its last read, a switch, the other app's run
 * (its span plus, on average, one step), a switch, this app's step up to its next read. So on
 * average gap = 2 * switch + other run + 2 * step, which the runner solves for the switch. */
#include <stdint.h>
#include <stdio.h>

#include "libtock/app_info.h"
#include "libtock/peripherals/syscalls/alarm_syscalls.h"
#include "libtock/tock.h"

#define WARMUP_GAPS 2 /* the other app may still be starting */
#define GAPS 40
#define SPIN_ITERATIONS 100 /* subs + bne: two instructions each */

static uint32_t now(void) {
  uint32_t t = 0;
  libtock_alarm_command_read(&t);
  return t;
}

static void spin(void) {
  uint32_t n = SPIN_ITERATIONS;
  asm volatile("1: subs %0, %0, #1\n bne 1b" : "+r"(n) : : "cc");
}

int main(void) {
  uint32_t hz = 0;
  libtock_alarm_command_get_frequency(&hz);
  char name[16];
  if (libtock_app_package_name(name, sizeof name) <= 0) snprintf(name, sizeof name, "?");
  /* A slice is 10 ms = 250,000 ticks at 25 MHz; a step ~1,000 instructions = ~40 ticks. */
  const uint32_t threshold = hz / 2000; /* 0.5 ms */
  const uint32_t give_up = hz / 20;     /* 50 ms without a gap: the other app has finished */
  uint32_t gaps = 0, runs = 0, steps = 0, seen = 0;
  uint64_t gap_ticks = 0, run_ticks = 0, step_ticks = 0;
  uint32_t prev = now(), run_start = prev, last_gap = prev;
  while (gaps < GAPS) {
    spin();
    const uint32_t t = now();
    const uint32_t d = t - prev;
    if (d > threshold) {
      ++seen;
      if (seen > WARMUP_GAPS) {
        if (gaps > 0) {  // the run before this gap lay between two counted gaps
          ++runs;
          run_ticks += prev - run_start;
        }
        ++gaps;
        gap_ticks += d;
      }
      run_start = t;
      last_gap = t;
    } else {
      ++steps;
      step_ticks += d;
      if (t - last_gap > give_up && seen > 0) break;
    }
    prev = t;
  }
  printf(
      "cycles: switch %s gaps=%lu gap_ticks=%lu runs=%lu run_ticks=%lu steps=%lu "
      "step_ticks=%lu hz=%lu\n",
      name, (unsigned long)gaps, (unsigned long)gap_ticks, (unsigned long)runs,
      (unsigned long)run_ticks, (unsigned long)steps, (unsigned long)step_ticks, (unsigned long)hz);
  return 0;
}
