/* IPC client of "org.tockos.examples.ipc_upper" (apps/examples/ipc_service): shares a
 * buffer, sends three strings to be upper-cased and prints the answers; then sends a last one
 * and exits at once without waiting, so the service's answer finds it gone. */
#include <libtock/kernel/ipc.h>
#include <libtock/tock.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static char shared[64] __attribute__((aligned(64)));
static bool answered = false;

static void on_answer(int service, int len, int buf, void* ud) {
  (void)service;
  (void)len;
  (void)buf;
  (void)ud;
  answered = true;
}

int main(void) {
  size_t service = 0;
  int rc = RETURNCODE_ENODEVICE;
  /* The service may not have started yet: a yield lets it run first. */
  for (int tries = 0; tries < 100 && rc != RETURNCODE_SUCCESS; ++tries) {
    rc = ipc_discover("org.tockos.examples.ipc_upper", &service);
    if (rc != RETURNCODE_SUCCESS) yield_no_wait();
  }
  if (rc != RETURNCODE_SUCCESS) {
    printf("ipc client: no service: %s\n", tock_strrcode(rc));
    return 1;
  }
  ipc_register_client_callback(service, on_answer, NULL);
  ipc_share(service, shared, sizeof(shared));

  const char* words[] = {"hello", "tock ipc", "round 3"};
  for (int i = 0; i < 3; ++i) {
    strcpy(shared, words[i]);
    answered = false;
    rc = ipc_notify_service(service);
    if (rc != RETURNCODE_SUCCESS) {
      printf("ipc client: notify failed: %s\n", tock_strrcode(rc));
      return 1;
    }
    yield_for(&answered);
    printf("ipc client: %s -> %s\n", words[i], shared);
  }
  strcpy(shared, "bye");
  rc = ipc_notify_service(service);
  printf("ipc client: leaving (%s)\n", tock_strrcode(rc));
  tock_exit(0);
}
