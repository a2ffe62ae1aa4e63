/* Buttons, asynchronous layer: the callback travels as the upcall's userdata. */
#include "button.h"

#include "syscalls/button_syscalls.h"

static void state_changed(int button_num, int pressed, int unused, void* opaque) {
  (void)unused;
  libtock_button_callback cb = (libtock_button_callback)opaque;
  cb(RETURNCODE_SUCCESS, button_num, pressed == 1);
}

bool libtock_button_exists(void) { return libtock_button_driver_exists(); }

returncode_t libtock_button_read(int button_num, int* button_value) {
  return libtock_button_command_read(button_num, button_value);
}

returncode_t libtock_button_count(int* count) { return libtock_button_command_count(count); }

returncode_t libtock_button_notify_on_press(int button_num, libtock_button_callback cb) {
  returncode_t rc = libtock_button_set_upcall(state_changed, (void*)cb);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtock_button_command_enable_interrupt(button_num);
}
