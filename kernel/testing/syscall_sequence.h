// Drives a whole kernel (two processes on fake platforms, the TestDriver) with a sequence of
// events decoded from bytes — syscalls with biased register values, upcalls scheduled by the
// driver, scheduling steps, faults, management actions, capsule buffer accesses — and checks
// the kernel's memory invariants after every step. For randomized tests and libFuzzer targets:
//   extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
//     tock::testing::SyscallSequence s; s.Run({d, n}); return 0; }   // traps on a violation
#ifndef TOCKPP_KERNEL_TESTING_SYSCALL_SEQUENCE_H_
#define TOCKPP_KERNEL_TESTING_SYSCALL_SEQUENCE_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "kernel/fault_policy.h"
#include "kernel/testing/kernel_harness.h"
#include "kernel/testing/test_driver.h"

namespace tock::testing {

class SyscallSequence {
 public:
  using Harness = KernelHarness<2, 4>;
  // What to do when an invariant breaks (default: __builtin_trap, which fuzzers report).
  using ViolationHandler = void (*)(const char* what);

  explicit SyscallSequence(ViolationHandler on_violation = nullptr);

  // Runs every event encoded in `data`; returns the number of events executed.
  size_t Run(std::span<const uint8_t> data);

  Harness& harness() { return h_; }
  size_t syscalls() const { return syscalls_; }
  // Upcall functions the kernel arranged to run (on yield or when scheduling).
  size_t upcalls_delivered() const {
    return static_cast<size_t>(h_.platforms[0].upcalls) +
           static_cast<size_t>(h_.platforms[1].upcalls);
  }

 private:
  class Reader;
  // One event: the first byte picks the kind and the process, the kind's helper the rest.
  void Step(Reader& in);
  void StepSyscall(Reader& in, size_t which);
  void StepUpcall(Reader& in, ProcessId pid);
  void StepSchedule(Reader& in);
  void StepFault(Reader& in, Process& p);
  void StepManage(Reader& in, Process& p);
  void StepTouchBuffers(Reader& in, size_t which);
  uint32_t Value(Reader& in);
  void CheckInvariants();
  void Violation(const char* what);

  Harness h_;  // ~100 KB: keep SyscallSequence off small stacks
  TestDriver driver_;
  RestartFaultPolicy restart_policy_;
  ThresholdRestartFaultPolicy threshold_policy_{3};
  ProcessId pids_[2];
  ViolationHandler on_violation_;
  size_t syscalls_ = 0;
};

}  // namespace tock::testing

#endif  // TOCKPP_KERNEL_TESTING_SYSCALL_SEQUENCE_H_
