/* button: every function of libtock/interface/button.h, its syscalls/ layer and
 * libtock-sync/interface/button.h (+ syscalls/). The test presses and releases buttons through
 * the control socket after each "button: press N" / "button: release N" line.
 */
#include <libtock-sync/interface/button.h>
#include <libtock-sync/interface/syscalls/button_syscalls.h>
#include <libtock/interface/button.h>
#include <libtock/interface/syscalls/button_syscalls.h>

#include "libtock/printf.h"

static int callbacks;
static void on_change(returncode_t rc, int button, bool pressed) {
  printf("button: callback rc=%d button=%d pressed=%d\n", rc, button, pressed);
  ++callbacks;
}

static bool raw_done;
static int raw_args[3];
static void raw_upcall(int a0, int a1, int a2, void* opaque) {
  raw_args[0] = a0;
  raw_args[1] = a1;
  raw_args[2] = a2;
  raw_done = opaque == &raw_done;
}

int main(void) {
  printf("button: exists %d %d %d\n", libtock_button_exists(), libtock_button_driver_exists(),
         libtocksync_button_exists());
  int count = -1, count2 = -1, count3 = -1;
  int rc = libtock_button_count(&count);
  int rc2 = libtock_button_command_count(&count2);
  int rc3 = libtocksync_button_count(&count3);
  printf("button: count %d %d %d = %d %d %d\n", rc, rc2, rc3, count, count2, count3);
  int value = -1;
  rc = libtock_button_read(0, &value);
  printf("button: read(0) rc=%d value=%d\n", rc, value);
  printf("button: out of range %d %d %d %d\n", libtock_button_read(count, &value),
         libtock_button_command_enable_interrupt(count),
         libtock_button_command_disable_interrupt(-1), libtock_button_notify_on_press(count, NULL));

  /* Blocking wait for a press of button 0 (enabled first so a press right after the prompt
   * is not missed; wait_for_press enables it again). */
  rc = libtock_button_command_enable_interrupt(0);
  printf("button: press 0 (enable rc=%d)\n", rc);
  rc = libtocksync_button_wait_for_press(0);
  int v1 = -1, v2 = -1;
  rc2 = libtock_button_read(0, &v1);
  rc3 = libtocksync_button_read(0, &v2);
  int rc4 = libtock_button_command_read(0, &value);
  printf("button: wait_for_press rc=%d read %d %d %d = %d %d %d\n", rc, rc2, rc3, rc4, v1, v2,
         value);
  rc = libtock_button_command_disable_interrupt(0);
  printf("button: release 0 (disable rc=%d)\n", rc);

  /* Callback on press and on release of button 1. */
  rc = libtock_button_notify_on_press(1, on_change);
  printf("button: press 1 (notify rc=%d)\n", rc);
  while (callbacks < 1) yield();
  printf("button: release 1\n");
  while (callbacks < 2) yield();
  rc = libtock_button_command_disable_interrupt(1);
  printf("button: callbacks done (disable rc=%d)\n", rc);

  /* Buttons 2 and 3 where the board has them (tockd, nRF52840-DK); the MPS2 board has two,
   * so there the same steps use buttons 0 and 1 again. */
  const int b2 = count > 2 ? 2 : 0, b3 = count > 3 ? 3 : 1;

  /* The subscribe layer: upcall arguments (button, pressed, 0) as the kernel sends them. */
  rc = libtock_button_set_upcall(raw_upcall, &raw_done);
  rc |= libtock_button_command_enable_interrupt(b2);
  printf("button: press %d (raw rc=%d)\n", b2, rc);
  while (!raw_done) yield();
  rc = libtock_button_command_disable_interrupt(b2);
  printf("button: raw upcall=%d,%d,%d (disable rc=%d)\n", raw_args[0], raw_args[1], raw_args[2],
         rc);
  printf("button: release %d\n", b2);

  /* Yield-WaitFor primitive: no function runs, the arguments come back. */
  rc = libtock_button_set_upcall(TOCK_NULL_UPCALL, NULL);
  rc |= libtock_button_command_enable_interrupt(b3);
  printf("button: press %d (rc=%d)\n", b3, rc);
  int index = -1;
  bool pressed = false;
  rc = libtocksync_button_yield_wait_for(&index, &pressed);
  printf("button: yield_wait_for rc=%d index=%d pressed=%d\n", rc, index, pressed);
  printf("button: release %d\n", b3);
  rc = libtocksync_button_yield_wait_for(&index, &pressed);
  rc2 = libtock_button_command_disable_interrupt(b3);
  printf("button: yield_wait_for rc=%d index=%d pressed=%d (disable rc=%d)\n", rc, index, pressed,
         rc2);
  printf("button: done\n");
  tock_exit(0);
}
