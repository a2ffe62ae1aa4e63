// Deferred calls (upstream kernel::deferred_call): a capsule or chip driver that must call its
// client back "later" (never re-entrantly from inside the request) sets its DeferredCall; the
// kernel loop services pending ones one at a time. Static registry of kMaxDeferredCalls slots,
// filled as DeferredCall objects are constructed (statics at board wiring time).
#ifndef TOCKPP_KERNEL_DEFERRED_CALL_H_
#define TOCKPP_KERNEL_DEFERRED_CALL_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "kernel/capabilities.h"

namespace tock {

inline constexpr size_t kMaxDeferredCalls = 32;

class DeferredCallClient {
 public:
  virtual void HandleDeferredCall() = 0;

 protected:
  ~DeferredCallClient() = default;
};

class DeferredCall {
 public:
  // Takes the next registry slot. If the registry is full the call is inert (IsRegistered()
  // false, Set() does nothing); boards check with DeferredCall::AllRegistered().
  DeferredCall();
  DeferredCall(const DeferredCall&) = delete;
  DeferredCall& operator=(const DeferredCall&) = delete;

  void RegisterClient(DeferredCallClient& client);
  // Requests one HandleDeferredCall; setting it again before it runs has no extra effect.
  void Set();
  bool IsPending() const;
  bool IsRegistered() const { return index_ < kMaxDeferredCalls; }

  // ---- Kernel loop side ----
  static bool HasPending();
  // Runs the lowest-numbered pending call's client (clearing it first). False if none ran.
  static bool ServiceNext(const DeferredCallCapability& cap);
  // True if every constructed DeferredCall got a slot and a client.
  static bool AllRegistered();
  // Forget every registration (tests only; objects constructed before become inert).
  static void ResetForTesting(const DeferredCallCapability& cap);

 private:
  size_t index_;
  uint32_t generation_;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_DEFERRED_CALL_H_
