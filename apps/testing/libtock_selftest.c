/* libtock self-test app: exercises the raw API's return-struct mapping, conversions, yields,
 * brk/sbrk and snprintf, printing one "name: value" line per check; app_run_test compares the
 * whole transcript under FakeKernel.
 */
#include "libtock/alarm.h"
#include "libtock/console.h"
#include "libtock/memory.h"
#include "libtock/printf.h"
#include "libtock/tock.h"

static int upcalls;
static void count_upcall(int a, int b, int c, void* ud) {
  (void)a;
  (void)b;
  (void)c;
  upcalls += (int)(uintptr_t)ud;
}

static int initialized_data = 42; /* .data: crt0 must copy it from flash */
static const char* initialized_ptr = "from .data";

// A driver number no board registers (not in upstream's list either).
static const uint32_t kMissingDriver = 0x9fff0;

int main(void) {
  char buf[64];
  printf("data: %d %s\n", initialized_data, initialized_ptr);
  initialized_data = 43;
  snprintf(buf, sizeof buf, "[%d|%5d|%-4d|%05d|%u|%x|%X|%08x|%c|%s|%%]", -42, 7, 3, -12,
           4000000000u, 0xbeefu, 0xbeefu, 0x1234u, 'z', "ok");
  printf("format: %s\n", buf);
  printf("truncate: %d %s\n", snprintf(buf, 5, "abcdefgh"), buf);
  printf("pointer: %p\n", (void*)0x20000010);

  printf("exists: console=%d missing=%d\n", driver_exists(1), driver_exists(kMissingDriver));
  syscall_return_t c = command(kMissingDriver, 1, 0, 0);
  printf("command nodevice: type=%d rc=%d\n", c.type, tock_command_return_novalue_to_returncode(c));
  uint32_t v = 0;
  printf("u32 on novalue: %d\n", tock_command_return_u32_to_returncode(command(1, 0, 0, 0), &v));

  subscribe_return_t s = subscribe(kMissingDriver, 0, count_upcall, (void*)1);
  printf("subscribe nodevice: success=%d status=%d echoed=%d\n", s.success, s.status,
         s.callback == count_upcall && s.userdata == (void*)1);
  s = subscribe(0, 0, count_upcall, (void*)5);
  subscribe_return_t s2 = subscribe(0, 0, TOCK_NULL_UPCALL, NULL);
  printf("subscribe previous: first=%d second=%d\n", s.callback == NULL,
         s2.callback == count_upcall && s2.userdata == (void*)5);

  allow_rw_return_t a = allow_readwrite(1, 1, (void*)0x40000000, 16);
  printf("allow outside ram: success=%d rc=%d ptr=%p size=%u\n", a.success,
         tock_allow_rw_return_to_returncode(a), a.ptr, (unsigned)a.size);
  static uint8_t area[8];
  allow_ro_return_t r1 = allow_readonly(1, 1, area, sizeof area);
  allow_ro_return_t r2 = allow_readonly(1, 1, NULL, 0);
  printf("allow swap: %d %d\n", r1.success, r2.ptr == area && r2.size == sizeof area);
  allow_userspace_r_return_t u = allow_userspace_read(1, 1, area, sizeof area);
  printf("allow userspace: %d rc=%d\n", u.success, tock_allow_userspace_r_return_to_returncode(u));

  printf("yield_no_wait idle: %d\n", yield_no_wait());
  uint32_t expiration = 0;
  int rc = libtock_alarm_set_upcall(count_upcall, (void*)3);
  rc |= libtock_alarm_command_set_relative(10, &expiration);
  yield();
  printf("yield ran alarm upcall: rc=%d upcalls=%d\n", rc, upcalls);
  subscribe_return_t unsub = subscribe(0, 0, TOCK_NULL_UPCALL, NULL);
  (void)unsub;
  rc = libtock_alarm_command_set_relative(20, &expiration);
  yield_waitfor_return_t w = yield_wait_for(0, 0);
  printf("yield_wait_for alarm: rc=%d fired_at_expiration=%d upcalls=%d\n", rc,
         w.data1 == expiration, upcalls);

  void* old = tock_sbrk(256);
  void* now = tock_sbrk(0);
  printf("sbrk: grew=%d\n", (uint8_t*)now - (uint8_t*)old);
  ((volatile uint8_t*)old)[255] = 1;
  printf("sbrk huge: %d\n", tock_sbrk(0x7fffffff) == (void*)-1);
  printf("brk back: %d\n", tock_brk(old));
  memop_return_t m = memop(99, 0);
  printf("memop unknown: %s\n", tock_strerr(m.status));
  printf("flash/ram: %p %p\n", tock_app_flash_begins_at(), tock_app_memory_begins_at());
  printf("strrcode: %s | %s\n", tock_strrcode(RETURNCODE_EBADRVAL), tock_strrcode(-77));
  tock_exit(7);
}
