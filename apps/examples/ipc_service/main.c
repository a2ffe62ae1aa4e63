/* IPC service "org.tockos.examples.ipc_upper": a client shares a buffer holding a
 * NUL-terminated string and notifies; the service upper-cases it in place and notifies the
 * client back. When a client has gone (the notify fails), it says so and keeps serving. */
#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>
#include <libtock/tock.h>
#include <stdbool.h>
#include <stdio.h>

static int served = 0;
static bool client_gone = false;

static void on_request(int client, int len, int buf, void* ud) {
  (void)ud;
  char* text = (char*)buf;
  for (int i = 0; i < len && text[i] != '\0'; ++i) {
    if (text[i] >= 'a' && text[i] <= 'z') text[i] = (char)(text[i] - 'a' + 'A');
  }
  ++served;
  int rc = ipc_notify_client((size_t)client);
  if (rc != RETURNCODE_SUCCESS) {
    printf("ipc service: client %d gone: %s\n", client, tock_strrcode(rc));
    client_gone = true;
  }
}

int main(void) {
  int rc = ipc_register_service_callback("org.tockos.examples.ipc_upper", on_request, NULL);
  if (rc != RETURNCODE_SUCCESS) {
    printf("ipc service: cannot register: %s\n", tock_strrcode(rc));
    return 1;
  }
  printf("ipc service: ready\n");
  while (1) {
    yield();
    if (client_gone) {
      client_gone = false;
      /* Still scheduled after its client died: a turn of its own, then the next request. */
      libtocksync_alarm_delay_ms(1);
      printf("ipc service: still running after %d requests\n", served);
    }
  }
}
