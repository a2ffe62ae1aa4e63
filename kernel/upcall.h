// Upcall identities and queued upcall entries (TRD104 §5/§6). An upcall is named by
// (driver number, subscribe number); the subscribed function and userdata live in the driver's
// grant; a queued entry snapshots them with the three driver-supplied arguments.
#ifndef TOCKPP_KERNEL_UPCALL_H_
#define TOCKPP_KERNEL_UPCALL_H_

#include <cstdint>

namespace tock {

struct UpcallId {
  uint32_t driver_num = 0;
  uint32_t subscribe_num = 0;
  friend constexpr bool operator==(UpcallId a, UpcallId b) {
    return a.driver_num == b.driver_num && a.subscribe_num == b.subscribe_num;
  }
};

// What subscribe stores: fn 0 is the Null Upcall (never invoked).
struct SubscribedUpcall {
  uint32_t fn = 0;
  uint32_t userdata = 0;
  constexpr bool IsNull() const { return fn == 0; }
};

// One entry of a process's task queue (upstream Task::FunctionCall from a driver).
struct QueuedUpcall {
  UpcallId id;
  SubscribedUpcall upcall;  // snapshot at schedule time; fn 0 = value-only entry
  uint32_t args[3] = {0, 0, 0};
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_UPCALL_H_
