/* GPIO conformance: libtock/peripherals/gpio.h (+ syscalls) and libtock-sync/peripherals/gpio.h.
 * Outputs are checked through tockd's control events; inputs are driven by the test through the
 * control socket after each "ready" line (interrupts are armed before the line is printed). */
#include <libtock-sync/peripherals/gpio.h>
#include <libtock-sync/peripherals/syscalls/gpio_syscalls.h>
#include <libtock/peripherals/gpio.h>
#include <libtock/peripherals/syscalls/gpio_syscalls.h>

#include "libtock/printf.h"

static int edges;
static uint32_t edge_pin;
static bool edge_high;

static void on_edge(uint32_t pin, bool high) {
  edge_pin = pin;
  edge_high = high;
  ++edges;
}

static int raw_upcalls;
/* A real function, so an upcall that comes before the wait is queued rather than dropped. */
static void raw_upcall(int a, int b, int c, void* opaque) {
  (void)a;
  (void)b;
  (void)c;
  (void)opaque;
  ++raw_upcalls;
}

int main(void) {
  printf("gpio: exists=%d driver_exists=%d sync_exists=%d\n", libtock_gpio_exists(),
         libtock_gpio_driver_exists(), libtocksync_gpio_exists());
  int count = 0, count2 = 0;
  uint32_t count3 = 0;
  int rc = libtock_gpio_count(&count);
  int rc2 = libtocksync_gpio_count(&count2);
  int rc3 = libtock_gpio_command_count(&count3);
  printf("gpio: count rc=%d %d %d at_least_3=%d same=%d\n", rc, rc2, rc3, count >= 3,
         count == count2 && (uint32_t)count == count3);

  /* Outputs: pin 0 via libtock, pin 1 via libtock-sync; levels read back. */
  int level = -1;
  int o0 = libtock_gpio_enable_output(0);
  int o1 = libtock_gpio_set(0);
  int o2 = libtock_gpio_read(0, &level);
  int l1 = level;
  int o3 = libtock_gpio_clear(0);
  int o4 = libtock_gpio_toggle(0);
  printf("gpio: out0 %d %d %d %d %d high=%d\n", o0, o1, o2, o3, o4, l1);
  int s0 = libtocksync_gpio_enable_output(1);
  int s1 = libtocksync_gpio_set(1);
  int s2 = libtocksync_gpio_clear(1);
  int s3 = libtocksync_gpio_toggle(1);
  int s4 = libtocksync_gpio_read(1, &level);
  printf("gpio: out1 %d %d %d %d %d high=%d\n", s0, s1, s2, s3, s4, level);

  /* Bad pin: INVAL. */
  printf("gpio: bad_pin=%d\n", libtock_gpio_set(9999));

  /* Input with an interrupt callback (rising edge on pin 2). */
  int i0 = libtock_gpio_set_interrupt_callback(on_edge);
  int i1 = libtock_gpio_enable_input(2, libtock_pull_down);
  int i2 = libtock_gpio_enable_interrupt(2, libtock_rising_edge);
  printf("gpio: ready rising %d %d %d\n", i0, i1, i2);
  while (edges == 0) yield();
  int lv = -1;
  libtock_gpio_read(2, &lv);
  printf("gpio: edge pin=%u high=%d read=%d\n", (unsigned)edge_pin, edge_high, lv);

  /* Blocking waits. The interrupt is armed (either edge) before each ready line, so the
   * test's drive is never lost; the wait then reconfigures the edge it wants. */
  libtock_gpio_enable_interrupt(2, libtock_change);
  printf("gpio: ready low\n");
  rc = libtocksync_gpio_wait_until_low(2, libtock_pull_none);
  printf("gpio: low rc=%d\n", rc);
  libtock_gpio_enable_interrupt(2, libtock_change);
  printf("gpio: ready high\n");
  rc = libtocksync_gpio_wait_until_high(2, libtock_pull_none);
  printf("gpio: high rc=%d\n", rc);
  libtock_gpio_enable_interrupt(2, libtock_change);
  printf("gpio: ready changed\n");
  rc = libtocksync_gpio_wait_until_changed(2, libtock_pull_none);
  int sv = -1;
  int sr = libtocksync_gpio_enable_input(2, libtock_pull_none);
  libtocksync_gpio_read(2, &sv);
  printf("gpio: changed rc=%d input=%d level=%d\n", rc, sr, sv);

  /* The raw layer by hand, then shut everything down. */
  int r0 = libtock_gpio_set_upcall(raw_upcall, NULL);
  int r1 = libtock_gpio_command_enable_input(2, 0);
  int r2 = libtock_gpio_command_enable_interrupt(2, 0);
  printf("gpio: ready raw %d %d %d\n", r0, r1, r2);
  uint32_t wp = 0;
  bool wv = true;
  int r3 = libtocksync_gpio_yield_wait_for(&wp, &wv);
  uint32_t rv = 9;
  int r4 = libtock_gpio_command_read(2, &rv);
  printf("gpio: raw wait=%d pin=%u high=%d read=%d level=%u\n", r3, (unsigned)wp, wv, r4,
         (unsigned)rv);
  int d0 = libtock_gpio_disable_interrupt(2);
  int d1 = libtock_gpio_command_disable_interrupt(2);
  int d2 = libtock_gpio_disable(2);
  int d3 = libtock_gpio_command_disable(0);
  int d4 = libtock_gpio_command_set(1);
  int d5 = libtock_gpio_command_clear(1);
  int d6 = libtock_gpio_command_toggle(1);
  int d7 = libtock_gpio_command_enable_output(1);
  printf("gpio: shutdown %d %d %d %d %d %d %d %d\n", d0, d1, d2, d3, d4, d5, d6, d7);
  printf("gpio: done\n");
  tock_exit(0);
}
