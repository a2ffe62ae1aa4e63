/* kv_async: the asynchronous KV API (libtock/storage/kv.h, callbacks) and its raw syscall layer
 * (libtock/storage/syscalls/kv_syscalls.h) as upstream libtock-c apps use them: set, a get into
 * a buffer too small (ESIZE with the value's whole length), a full get, delete, GC. */
#include <libtock/storage/kv.h>
#include <libtock/storage/syscalls/kv_syscalls.h>
#include <stdio.h>

static bool done;
static returncode_t status;
static int got_length;

static void on_done(returncode_t rc) {
  status = rc;
  done = true;
}

static void on_get(returncode_t rc, int length) {
  status = rc;
  got_length = length;
  done = true;
}

static void wait(void) {
  yield_for(&done);
  done = false;
}

int main(void) {
  static const uint8_t key[] = "async-key";
  static const uint8_t value[] = "split-phase";
  static uint8_t small[4], whole[32];
  printf("kv_async: driver %s\n", libtock_kv_driver_exists() ? "present" : "missing");

  returncode_t rc = libtock_kv_set(key, sizeof key - 1, value, sizeof value - 1, on_done);
  if (rc == RETURNCODE_SUCCESS) wait();
  printf("kv_async: set: %s\n", tock_strrcode(rc == RETURNCODE_SUCCESS ? status : rc));

  rc = libtock_kv_get(key, sizeof key - 1, small, sizeof small, on_get);
  if (rc == RETURNCODE_SUCCESS) wait();
  printf("kv_async: small get: %s, length %d, starts %c%c%c%c\n", tock_strrcode(status), got_length,
         small[0], small[1], small[2], small[3]);

  rc = libtock_kv_get(key, sizeof key - 1, whole, sizeof whole - 1, on_get);
  if (rc == RETURNCODE_SUCCESS) wait();
  whole[got_length > 0 && got_length < 32 ? got_length : 0] = '\0';
  printf("kv_async: get: %s, %s\n", tock_strrcode(status), (const char*)whole);

  rc = libtock_kv_delete(key, sizeof key - 1, on_done);
  if (rc == RETURNCODE_SUCCESS) wait();
  printf("kv_async: delete: %s\n", tock_strrcode(status));

  rc = libtock_kv_garbage_collect(on_done);
  if (rc == RETURNCODE_SUCCESS) wait();
  printf("kv_async: garbage collect: %s\n", tock_strrcode(rc == RETURNCODE_SUCCESS ? status : rc));
  return 0;
}
