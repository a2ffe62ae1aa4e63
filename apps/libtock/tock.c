/* libtock raw syscall layer: packs TRD104 arguments, unpacks return variants into the
 * libtock-c return structs, and converts them to returncode_t. Target independent; traps
 * only through tock_arch_syscall (arch/syscall_backend.h).
 */
#include "libtock/tock.h"

#include "libtock/arch/syscall_backend.h"

/* Called when the kernel answers with a return variant the system call class cannot produce
 * (TRD104 fixes one success and one failure variant per class): as libtock-c, give up. */
static void bad_variant(void) __attribute__((noreturn));
static void bad_variant(void) { tock_exit(1); }

returncode_t tock_status_to_returncode(statuscode_t status) { return (returncode_t)(-(int)status); }

/* The command conversions share this: `expected` is the one success variant the caller can
 * unpack; plain Failure carries the status in data[0]; anything else is EBADRVAL. */
static int command_variant_to_returncode(syscall_return_t ret, syscall_rtype_t expected) {
  if (ret.type == expected) return RETURNCODE_SUCCESS;
  if (ret.type == TOCK_SYSCALL_FAILURE) {
    return tock_status_to_returncode((statuscode_t)ret.data[0]);
  }
  return RETURNCODE_EBADRVAL;
}

int tock_command_return_novalue_to_returncode(syscall_return_t ret) {
  return command_variant_to_returncode(ret, TOCK_SYSCALL_SUCCESS);
}

int tock_command_return_u32_to_returncode(syscall_return_t ret, uint32_t* value) {
  int rc = command_variant_to_returncode(ret, TOCK_SYSCALL_SUCCESS_U32);
  if (rc == RETURNCODE_SUCCESS) *value = ret.data[0];
  return rc;
}

int tock_command_return_u32_u32_to_returncode(syscall_return_t ret, uint32_t* value1,
                                              uint32_t* value2) {
  int rc = command_variant_to_returncode(ret, TOCK_SYSCALL_SUCCESS_U32_U32);
  if (rc == RETURNCODE_SUCCESS) {
    *value1 = ret.data[0];
    *value2 = ret.data[1];
  }
  return rc;
}

int tock_command_return_u64_to_returncode(syscall_return_t ret, uint64_t* value) {
  int rc = command_variant_to_returncode(ret, TOCK_SYSCALL_SUCCESS_U64);
  if (rc == RETURNCODE_SUCCESS) *value = ((uint64_t)ret.data[1] << 32) | ret.data[0];
  return rc;
}

int tock_subscribe_return_to_returncode(subscribe_return_t ret) {
  return ret.success ? RETURNCODE_SUCCESS : tock_status_to_returncode(ret.status);
}

int tock_allow_rw_return_to_returncode(allow_rw_return_t ret) {
  return ret.success ? RETURNCODE_SUCCESS : tock_status_to_returncode(ret.status);
}

int tock_allow_ro_return_to_returncode(allow_ro_return_t ret) {
  return ret.success ? RETURNCODE_SUCCESS : tock_status_to_returncode(ret.status);
}

int tock_allow_userspace_r_return_to_returncode(allow_userspace_r_return_t ret) {
  return ret.success ? RETURNCODE_SUCCESS : tock_status_to_returncode(ret.status);
}

/* ---- yield ---- */

void yield(void) {
  uint32_t regs[4] = {1, 0, 0, 0};
  tock_arch_syscall(TOCK_SYSCALL_CLASS_YIELD, regs);
}

int yield_no_wait(void) {
  /* The kernel writes 1 (an upcall ran) or 0 here because it lies in our RAM. */
  volatile uint8_t upcall_ran = 0;
  uint32_t regs[4] = {0, (uint32_t)(uintptr_t)&upcall_ran, 0, 0};
  tock_arch_syscall(TOCK_SYSCALL_CLASS_YIELD, regs);
  return upcall_ran != 0;
}

yield_waitfor_return_t yield_wait_for(uint32_t driver, uint32_t subscribe_num) {
  uint32_t regs[4] = {2, driver, subscribe_num, 0};
  tock_arch_syscall(TOCK_SYSCALL_CLASS_YIELD, regs);
  yield_waitfor_return_t out = {regs[0], regs[1], regs[2]};
  return out;
}

void yield_for(bool* cond) {
  while (!*(volatile bool*)cond) yield();
}

/* ---- exit ---- */

void tock_exit(uint32_t completion_code) {
  uint32_t regs[4] = {0, completion_code, 0, 0};
  tock_arch_syscall(TOCK_SYSCALL_CLASS_EXIT, regs);
  /* Only an unknown exit number returns; a kernel that did return leaves us idle. */
  for (;;) yield();
}

void tock_restart(uint32_t completion_code) {
  uint32_t regs[4] = {1, completion_code, 0, 0};
  tock_arch_syscall(TOCK_SYSCALL_CLASS_EXIT, regs);
  for (;;) yield();
}

/* ---- subscribe / command / allow ---- */

subscribe_return_t subscribe(uint32_t driver, uint32_t subscribe_num, subscribe_upcall uc,
                             void* userdata) {
  uint32_t regs[4] = {driver, subscribe_num, (uint32_t)(uintptr_t)uc,
                      (uint32_t)(uintptr_t)userdata};
  tock_arch_syscall(TOCK_SYSCALL_CLASS_SUBSCRIBE, regs);
  subscribe_return_t out;
  if (regs[0] == TOCK_SYSCALL_SUCCESS_U32_U32) {
    out.success = true;
    out.callback = (subscribe_upcall*)(uintptr_t)regs[1];
    out.userdata = (void*)(uintptr_t)regs[2];
    out.status = TOCK_STATUSCODE_SUCCESS;
  } else if (regs[0] == TOCK_SYSCALL_FAILURE_U32_U32) {
    out.success = false;
    out.callback = (subscribe_upcall*)(uintptr_t)regs[2];
    out.userdata = (void*)(uintptr_t)regs[3];
    out.status = (statuscode_t)regs[1];
  } else {
    bad_variant();
  }
  return out;
}

syscall_return_t command(uint32_t driver, uint32_t command_num, int arg1, int arg2) {
  uint32_t regs[4] = {driver, command_num, (uint32_t)arg1, (uint32_t)arg2};
  tock_arch_syscall(TOCK_SYSCALL_CLASS_COMMAND, regs);
  syscall_return_t out = {(syscall_rtype_t)regs[0], {regs[1], regs[2], regs[3]}};
  return out;
}

/* The three allow classes share one return shape: (success, ptr, size, status). */
typedef struct {
  bool success;
  uint32_t ptr;
  uint32_t size;
  statuscode_t status;
} allow_raw_t;

static allow_raw_t allow_raw(uint32_t cls, uint32_t driver, uint32_t allow, uint32_t ptr,
                             uint32_t size) {
  uint32_t regs[4] = {driver, allow, ptr, size};
  tock_arch_syscall(cls, regs);
  allow_raw_t out;
  if (regs[0] == TOCK_SYSCALL_SUCCESS_U32_U32) {
    out.success = true;
    out.ptr = regs[1];
    out.size = regs[2];
    out.status = TOCK_STATUSCODE_SUCCESS;
  } else if (regs[0] == TOCK_SYSCALL_FAILURE_U32_U32) {
    out.success = false;
    out.ptr = regs[2];
    out.size = regs[3];
    out.status = (statuscode_t)regs[1];
  } else {
    bad_variant();
  }
  return out;
}

allow_rw_return_t allow_readwrite(uint32_t driver, uint32_t allow, void* ptr, size_t size) {
  allow_raw_t r = allow_raw(TOCK_SYSCALL_CLASS_ALLOW_RW, driver, allow, (uint32_t)(uintptr_t)ptr,
                            (uint32_t)size);
  allow_rw_return_t out = {r.success, (void*)(uintptr_t)r.ptr, r.size, r.status};
  return out;
}

allow_ro_return_t allow_readonly(uint32_t driver, uint32_t allow, const void* ptr, size_t size) {
  allow_raw_t r = allow_raw(TOCK_SYSCALL_CLASS_ALLOW_RO, driver, allow, (uint32_t)(uintptr_t)ptr,
                            (uint32_t)size);
  allow_ro_return_t out = {r.success, (const void*)(uintptr_t)r.ptr, r.size, r.status};
  return out;
}

allow_userspace_r_return_t allow_userspace_read(uint32_t driver, uint32_t allow, void* ptr,
                                                size_t size) {
  allow_raw_t r = allow_raw(TOCK_SYSCALL_CLASS_ALLOW_URO, driver, allow, (uint32_t)(uintptr_t)ptr,
                            (uint32_t)size);
  allow_userspace_r_return_t out = {r.success, (void*)(uintptr_t)r.ptr, r.size, r.status};
  return out;
}

/* ---- memop ---- */

memop_return_t memop(uint32_t op_type, uintptr_t arg1) {
  uint32_t regs[4] = {op_type, (uint32_t)arg1, 0, 0};
  tock_arch_syscall(TOCK_SYSCALL_CLASS_MEMOP, regs);
  memop_return_t out;
  if (regs[0] == TOCK_SYSCALL_SUCCESS) {
    out.status = TOCK_STATUSCODE_SUCCESS;
    out.data = 0;
  } else if (regs[0] == TOCK_SYSCALL_SUCCESS_U32) {
    out.status = TOCK_STATUSCODE_SUCCESS;
    out.data = regs[1];
  } else if (regs[0] == TOCK_SYSCALL_FAILURE) {
    out.status = (statuscode_t)regs[1];
    out.data = 0;
  } else {
    bad_variant();
  }
  return out;
}

static void* memop_address(uint32_t op, uintptr_t arg) {
  memop_return_t r = memop(op, arg);
  return r.status == TOCK_STATUSCODE_SUCCESS ? (void*)(uintptr_t)r.data : NULL;
}

void* tock_app_memory_begins_at(void) { return memop_address(2, 0); }
void* tock_app_memory_ends_at(void) { return memop_address(3, 0); }
void* tock_app_flash_begins_at(void) { return memop_address(4, 0); }
void* tock_app_flash_ends_at(void) { return memop_address(5, 0); }
void* tock_app_grant_begins_at(void) { return memop_address(6, 0); }

int tock_app_number_writeable_flash_regions(void) {
  memop_return_t r = memop(7, 0);
  return r.status == TOCK_STATUSCODE_SUCCESS ? (int)r.data : 0;
}

void* tock_app_writeable_flash_region_begins_at(int region_index) {
  return memop_address(8, (uintptr_t)region_index);
}

void* tock_app_writeable_flash_region_ends_at(int region_index) {
  return memop_address(9, (uintptr_t)region_index);
}

bool driver_exists(uint32_t driver) {
  syscall_return_t r = command(driver, 0, 0, 0);
  return r.type >= TOCK_SYSCALL_SUCCESS;
}

/* ---- strings (libtock-c wording, TRD104 error names) ---- */

const char* tock_strrcode(returncode_t returncode) {
  switch (returncode) {
    case RETURNCODE_SUCCESS:
      return "Success";
    case RETURNCODE_FAIL:
      return "Unknown Error";
    case RETURNCODE_EBUSY:
      return "Underlying system is busy; retry";
    case RETURNCODE_EALREADY:
      return "The state requested is already set";
    case RETURNCODE_EOFF:
      return "The component is powered down";
    case RETURNCODE_ERESERVE:
      return "Reservation required before use";
    case RETURNCODE_EINVAL:
      return "An invalid parameter was passed";
    case RETURNCODE_ESIZE:
      return "Parameter passed was too large";
    case RETURNCODE_ECANCEL:
      return "Operation cancelled by a call";
    case RETURNCODE_ENOMEM:
      return "Memory required not available";
    case RETURNCODE_ENOSUPPORT:
      return "Operation or command is unsupported";
    case RETURNCODE_ENODEVICE:
      return "Device does not exist";
    case RETURNCODE_EUNINSTALLED:
      return "Device is not physically installed";
    case RETURNCODE_ENOACK:
      return "Packet transmission not acknowledged";
    case RETURNCODE_EBADRVAL:
      return "Invalid SyscallReturn variant";
  }
  return "Invalid error number";
}

const char* tock_strerr(statuscode_t status) {
  return tock_strrcode(tock_status_to_returncode(status));
}

/* The C library's printf (declared here so the raw layer needs no header beyond its own). */
int printf(const char* format, ...);

void tock_expect(int expected, int actual, const char* file, unsigned line) {
  if (expected == actual) return;
  printf("TOCK_EXPECT failed at %s:%u: wanted %d, got %d (%s)\n", file, line, expected, actual,
         tock_strrcode((returncode_t)actual));
  /* libtock-c ends the app with exit(1); the C library's exit() ends in this syscall too. */
  tock_exit(1);
}
