/* nvcount: keeps a boot counter in nonvolatile storage (driver 0x50001): reads the 4-byte
 * counter at offset 0, prints "nvcount: boot N", writes N + 1 back, prints "nvcount: saved".
 * Run twice against the same tockd --flash-file and the count goes up. */
#include "libtock/printf.h"
#include "libtock/tock.h"

#define NV_DRIVER 0x50001

static volatile int done;

static void on_done(int length, int unused1, int unused2, void* userdata) {
  (void)length;
  (void)unused1;
  (void)unused2;
  (void)userdata;
  done = 1;
}

static int transfer(uint32_t command_num, uint32_t upcall, uint32_t length) {
  done = 0;
  subscribe_return_t s = subscribe(NV_DRIVER, upcall, on_done, 0);
  if (!s.success) return -1;
  syscall_return_t r = command(NV_DRIVER, command_num, 0, length);
  if (r.type != TOCK_SYSCALL_SUCCESS) return -1;
  while (!done) yield();
  return 0;
}

int main(void) {
  static uint32_t counter;
  allow_rw_return_t rw = allow_readwrite(NV_DRIVER, 0, &counter, sizeof(counter));
  if (!rw.success) return 1;
  if (transfer(2, 0, sizeof(counter)) != 0) {
    printf("nvcount: read failed\n");
    return 1;
  }
  rw = allow_readwrite(NV_DRIVER, 0, 0, 0);
  if (counter == 0xFFFFFFFFu) counter = 0; /* erased flash */
  printf("nvcount: boot %u\n", (unsigned)counter);
  counter += 1;
  allow_ro_return_t ro = allow_readonly(NV_DRIVER, 0, &counter, sizeof(counter));
  if (!ro.success) return 1;
  if (transfer(3, 1, sizeof(counter)) != 0) {
    printf("nvcount: write failed\n");
    return 1;
  }
  printf("nvcount: saved\n");
  return 0;
}
