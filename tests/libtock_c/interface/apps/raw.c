/* raw: every function of libtock/tock.h against the real kernel (console driver 1 as the
 * upcall source). One "raw: <what> <values>" line per check; raw_conformance_test asserts them.
 */
#include <libtock/interface/syscalls/console_syscalls.h>
#include <libtock/tock.h>

#include "libtock/printf.h"

static syscall_return_t make(syscall_rtype_t type, uint32_t a, uint32_t b, uint32_t c) {
  syscall_return_t r = {type, {a, b, c}};
  return r;
}

static int upcalls;
static int last_arg0;
static void counting_upcall(int a0, int a1, int a2, void* opaque) {
  (void)a1;
  (void)a2;
  last_arg0 = a0;
  upcalls += (int)(uintptr_t)opaque;
}

static bool write_done;
static void flag_upcall(int a0, int a1, int a2, void* opaque) {
  (void)a0;
  (void)a1;
  (void)a2;
  *(bool*)opaque = true;
}

static const uint8_t kText[] = "raw: async text\n";

int main(void) {
  /* ---- conversions (pure) ---- */
  printf("raw: status_to_returncode %d %d %d\n", tock_status_to_returncode(TOCK_STATUSCODE_SUCCESS),
         tock_status_to_returncode(TOCK_STATUSCODE_INVAL),
         tock_status_to_returncode(TOCK_STATUSCODE_NOACK));
  printf("raw: novalue %d %d %d %d\n",
         tock_command_return_novalue_to_returncode(make(TOCK_SYSCALL_SUCCESS, 0, 0, 0)),
         tock_command_return_novalue_to_returncode(make(TOCK_SYSCALL_FAILURE, 2, 0, 0)),
         tock_command_return_novalue_to_returncode(make(TOCK_SYSCALL_FAILURE_U32, 2, 5, 0)),
         tock_command_return_novalue_to_returncode(make(TOCK_SYSCALL_SUCCESS_U32, 1, 0, 0)));
  uint32_t v1 = 77, v2 = 88;
  int rc = tock_command_return_u32_to_returncode(make(TOCK_SYSCALL_SUCCESS_U32, 41, 0, 0), &v1);
  printf("raw: u32 ok %d %u\n", rc, (unsigned)v1);
  v1 = 77;
  printf("raw: u32 others %d %d %d %d untouched=%d\n",
         tock_command_return_u32_to_returncode(make(TOCK_SYSCALL_FAILURE, 6, 0, 0), &v1),
         tock_command_return_u32_to_returncode(make(TOCK_SYSCALL_FAILURE_U32, 6, 1, 0), &v1),
         tock_command_return_u32_to_returncode(make(TOCK_SYSCALL_SUCCESS, 0, 0, 0), &v1),
         tock_command_return_u32_to_returncode(make(TOCK_SYSCALL_SUCCESS_U32_U32, 1, 2, 0), &v1),
         v1 == 77);
  rc = tock_command_return_u32_u32_to_returncode(make(TOCK_SYSCALL_SUCCESS_U32_U32, 5, 6, 0), &v1,
                                                 &v2);
  printf("raw: u32_u32 ok %d %u %u\n", rc, (unsigned)v1, (unsigned)v2);
  printf(
      "raw: u32_u32 others %d %d %d\n",
      tock_command_return_u32_u32_to_returncode(make(TOCK_SYSCALL_FAILURE, 9, 0, 0), &v1, &v2),
      tock_command_return_u32_u32_to_returncode(make(TOCK_SYSCALL_FAILURE_U32_U32, 9, 1, 2), &v1,
                                                &v2),
      tock_command_return_u32_u32_to_returncode(make(TOCK_SYSCALL_SUCCESS_U32, 1, 0, 0), &v1, &v2));
  uint64_t v64 = 0;
  rc = tock_command_return_u64_to_returncode(
      make(TOCK_SYSCALL_SUCCESS_U64, 0x89abcdefu, 0x01234567u, 0), &v64);
  printf("raw: u64 ok %d %08x%08x\n", rc, (unsigned)(v64 >> 32), (unsigned)v64);
  printf("raw: u64 others %d %d %d\n",
         tock_command_return_u64_to_returncode(make(TOCK_SYSCALL_FAILURE, 3, 0, 0), &v64),
         tock_command_return_u64_to_returncode(make(TOCK_SYSCALL_FAILURE_U64, 3, 1, 2), &v64),
         tock_command_return_u64_to_returncode(make(TOCK_SYSCALL_SUCCESS_U32_U64, 1, 2, 3), &v64));
  printf("raw: variants %d %d %d\n", TOCK_SYSCALL_SUCCESS_U32_U64, TOCK_SYSCALL_FAILURE_U64,
         TOCK_SYSCALL_SUCCESS_U32_U32_U32);
  subscribe_return_t sr = {false, NULL, NULL, TOCK_STATUSCODE_NOMEM};
  allow_rw_return_t rw = {false, NULL, 0, TOCK_STATUSCODE_BUSY};
  allow_ro_return_t ro = {true, NULL, 0, TOCK_STATUSCODE_SUCCESS};
  allow_userspace_r_return_t ur = {false, NULL, 0, TOCK_STATUSCODE_NOSUPPORT};
  printf("raw: struct conversions %d %d %d %d\n", tock_subscribe_return_to_returncode(sr),
         tock_allow_rw_return_to_returncode(rw), tock_allow_ro_return_to_returncode(ro),
         tock_allow_userspace_r_return_to_returncode(ur));

  /* ---- command / driver_exists ---- */
  syscall_return_t c = command(DRIVER_NUM_CONSOLE, 0, 0, 0);
  printf("raw: command console exists type=%d\n", c.type);
  c = command(0x12345, 0, 0, 0);
  printf("raw: command missing type=%d status=%u\n", c.type, (unsigned)c.data[0]);
  c = command(DRIVER_NUM_CONSOLE, 99, 0, 0);
  printf("raw: command unknown rc=%d\n", tock_command_return_novalue_to_returncode(c));
  printf("raw: driver_exists %d %d\n", driver_exists(DRIVER_NUM_CONSOLE), driver_exists(0x12345));

  /* ---- subscribe: the previous upcall comes back ---- */
  subscribe_return_t s1 = subscribe(DRIVER_NUM_CONSOLE, 1, counting_upcall, (void*)1);
  subscribe_return_t s2 = subscribe(DRIVER_NUM_CONSOLE, 1, TOCK_NULL_UPCALL, NULL);
  printf("raw: subscribe %d %d previous=%d\n", s1.success, s2.success,
         s2.callback == counting_upcall && s2.userdata == (void*)1);
  subscribe_return_t s3 = subscribe(DRIVER_NUM_CONSOLE, 99, counting_upcall, (void*)1);
  printf("raw: subscribe bad number success=%d rc=%d echoed=%d\n", s3.success,
         tock_subscribe_return_to_returncode(s3), s3.callback == counting_upcall);

  /* ---- allows: the previous buffer comes back ---- */
  static uint8_t area[16];
  allow_ro_return_t a1 = allow_readonly(DRIVER_NUM_CONSOLE, 1, area, sizeof area);
  allow_ro_return_t a2 = allow_readonly(DRIVER_NUM_CONSOLE, 1, NULL, 0);
  printf("raw: allow_readonly %d %d previous=%d\n", a1.success, a2.success,
         a2.ptr == area && a2.size == sizeof area);
  allow_rw_return_t b1 = allow_readwrite(DRIVER_NUM_CONSOLE, 1, area, sizeof area);
  allow_rw_return_t b2 = allow_readwrite(DRIVER_NUM_CONSOLE, 1, NULL, 0);
  printf("raw: allow_readwrite %d %d previous=%d\n", b1.success, b2.success,
         b2.ptr == area && b2.size == sizeof area);
  allow_rw_return_t b3 = allow_readwrite(DRIVER_NUM_CONSOLE, 1, (void*)0x40000000, 16);
  printf("raw: allow_readwrite outside rc=%d\n", tock_allow_rw_return_to_returncode(b3));
  allow_userspace_r_return_t u = allow_userspace_read(DRIVER_NUM_CONSOLE, 0, area, sizeof area);
  printf("raw: allow_userspace_read rc=%d\n", tock_allow_userspace_r_return_to_returncode(u));

  /* ---- yields, with a console write as the upcall ---- */
  printf("raw: yield_no_wait idle %d\n", yield_no_wait());
  rc = tock_subscribe_return_to_returncode(
      subscribe(DRIVER_NUM_CONSOLE, 1, counting_upcall, (void*)1));
  rc |= tock_allow_ro_return_to_returncode(
      allow_readonly(DRIVER_NUM_CONSOLE, 1, kText, sizeof kText - 1));
  rc |= tock_command_return_novalue_to_returncode(
      command(DRIVER_NUM_CONSOLE, 1, (int)sizeof kText - 1, 0));
  yield();
  printf("raw: yield ran upcall rc=%d upcalls=%d bytes=%d\n", rc, upcalls, last_arg0);
  /* printf shares its own buffer and un-shares it after: share kText again each time. */
  rc = tock_allow_ro_return_to_returncode(allow_readonly(DRIVER_NUM_CONSOLE, 1, kText, 4));
  rc |= tock_command_return_novalue_to_returncode(command(DRIVER_NUM_CONSOLE, 1, 4, 0));
  int ran = 0;
  while (!(ran = yield_no_wait())) {
  }
  printf("\nraw: yield_no_wait ran=%d upcalls=%d bytes=%d\n", ran, upcalls, last_arg0);
  rc = tock_subscribe_return_to_returncode(
      subscribe(DRIVER_NUM_CONSOLE, 1, flag_upcall, &write_done));
  rc |= tock_allow_ro_return_to_returncode(allow_readonly(DRIVER_NUM_CONSOLE, 1, kText, 5));
  rc |= tock_command_return_novalue_to_returncode(command(DRIVER_NUM_CONSOLE, 1, 5, 0));
  yield_for(&write_done);
  printf("raw: yield_for rc=%d done=%d\n", rc, write_done);
  rc = tock_allow_ro_return_to_returncode(allow_readonly(DRIVER_NUM_CONSOLE, 1, kText, 6));
  rc |= tock_command_return_novalue_to_returncode(command(DRIVER_NUM_CONSOLE, 1, 6, 0));
  yield_waitfor_return_t w = yield_wait_for(DRIVER_NUM_CONSOLE, 1);
  printf("raw: yield_wait_for rc=%d data=%u,%u,%u upcalls=%d\n", rc, (unsigned)w.data0,
         (unsigned)w.data1, (unsigned)w.data2, upcalls);
  a1 = allow_readonly(DRIVER_NUM_CONSOLE, 1, NULL, 0);
  s1 = subscribe(DRIVER_NUM_CONSOLE, 1, TOCK_NULL_UPCALL, NULL);
  printf("\nraw: cleanup %d %d\n", a1.success, s1.success);

  /* ---- memop and the app-memory helpers ---- */
  uint8_t* ram0 = tock_app_memory_begins_at();
  uint8_t* ram1 = tock_app_memory_ends_at();
  uint8_t* flash0 = tock_app_flash_begins_at();
  uint8_t* flash1 = tock_app_flash_ends_at();
  uint8_t* grant = tock_app_grant_begins_at();
  printf("raw: memory ordered=%d local_in_ram=%d main_in_flash=%d grant_in_ram=%d\n",
         ram0 != NULL && ram0 < ram1 && flash0 != NULL && flash0 < flash1,
         (uint8_t*)&ram0 >= ram0 && (uint8_t*)&ram0 < ram1,
         (uint8_t*)(uintptr_t)&main >= flash0 && (uint8_t*)(uintptr_t)&main<flash1, grant> ram0 &&
             grant <= ram1);
  printf("raw: writeable regions %d begin0=%d end0=%d\n", tock_app_number_writeable_flash_regions(),
         tock_app_writeable_flash_region_begins_at(0) == NULL,
         tock_app_writeable_flash_region_ends_at(0) == NULL);
  memop_return_t m = memop(2, 0);
  printf("raw: memop ram start ok=%d same=%d\n", m.status == TOCK_STATUSCODE_SUCCESS,
         (uint8_t*)m.data == ram0);
  m = memop(1, 0); /* sbrk(0): the current break */
  printf("raw: memop sbrk0 ok=%d in_ram=%d\n", m.status == TOCK_STATUSCODE_SUCCESS,
         (uint8_t*)m.data > ram0 && (uint8_t*)m.data <= ram1);
  m = memop(99, 0);
  printf("raw: memop unknown status=%d %s\n", m.status, tock_strerr(m.status));

  /* ---- strings and TOCK_EXPECT ---- */
  printf("raw: strrcode %s | %s | %s\n", tock_strrcode(RETURNCODE_SUCCESS),
         tock_strrcode(RETURNCODE_ENOACK), tock_strrcode((returncode_t)-77));
  printf("raw: strerr %s\n", tock_strerr(TOCK_STATUSCODE_BUSY));
  TOCK_EXPECT(RETURNCODE_SUCCESS, 0);
  tock_expect(3, 3, "raw.c", 1);
  printf("raw: expect passed\n");
  TOCK_EXPECT(RETURNCODE_SUCCESS, RETURNCODE_EINVAL); /* prints and ends the app with 1 */
  printf("raw: not reached\n");
  return 0;
}
