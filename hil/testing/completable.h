// Completable: what a fake HIL exposes so a generic driver (the syscall fuzz harness, a test's
// "finish everything" loop) can complete its outstanding requests without knowing its type.
// A fake says whether a request is pending and completes one when asked; `choice` is an
// arbitrary word the fake turns into the outcome (success or which error, the value read, how
// many words), so any word is a legal completion. Host-only test support.
#ifndef TOCKPP_HIL_TESTING_COMPLETABLE_H_
#define TOCKPP_HIL_TESTING_COMPLETABLE_H_

#include <cstdint>

namespace tock::hil::testing {

class Completable {
 public:
  // A request is outstanding that Complete() would finish (or advance).
  virtual bool HasPending() const = 0;
  // Completes one pending request (no-op if none); `choice` picks the outcome.
  virtual void Complete(uint32_t choice) = 0;

 protected:
  ~Completable() = default;
};

}  // namespace tock::hil::testing

#endif  // TOCKPP_HIL_TESTING_COMPLETABLE_H_
