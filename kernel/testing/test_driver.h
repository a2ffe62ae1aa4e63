// A small SyscallDriver with a grant of every kind (3 upcalls, 2 RO, 2 RW, 1 URO allows), for
// kernel tests and as a template for capsule tests. Commands:
//   0 exists; 1 count++ (SuccessU32 count); 2 schedule upcall arg0 with (arg1, 2, 3);
//   3 size of RO allow arg0 (SuccessU32); 4 size of RW allow arg0; other NOSUPPORT.
#ifndef TOCKPP_KERNEL_TESTING_TEST_DRIVER_H_
#define TOCKPP_KERNEL_TESTING_TEST_DRIVER_H_

#include <cstdint>

#include "kernel/command_return.h"
#include "kernel/grant.h"
#include "kernel/kernel.h"
#include "kernel/syscall_driver.h"

namespace tock::testing {

struct TestApp {
  uint32_t count = 0;
  uint32_t scratch[4] = {0, 0, 0, 0};
};

class TestDriver final : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNum = 0x90100;
  TestDriver(Kernel& kernel, const MemoryAllocationCapability& cap, uint32_t num = kDriverNum)
      : grant(kernel, num, cap) {}

  CommandReturn Command(uint32_t cmd, uint32_t a0, uint32_t a1, ProcessId pid) override {
    ++commands;
    last_pid = pid;
    switch (cmd) {
      case 0:
        return CommandReturn::Success();
      case 1: {
        auto r = grant.Enter(pid, [](TestApp& app, GrantKernelData&) { return ++app.count; });
        return r.ok() ? CommandReturn::SuccessU32(r.value()) : CommandReturn::Failure(r.error());
      }
      case 2: {
        auto r = grant.Enter(
            pid, [&](TestApp&, GrantKernelData& kd) { return kd.ScheduleUpcall(a0, a1, 2, 3); });
        if (!r.ok()) {
          return CommandReturn::Failure(r.error());
        }
        return CommandReturn::FromResult(r.value());
      }
      case 3: {
        auto r = grant.Enter(pid, [&](TestApp&, GrantKernelData& kd) {
          return static_cast<uint32_t>(kd.GetReadOnlyBuffer(a0).size());
        });
        return CommandReturn::FromResult(r);
      }
      case 4: {
        auto r = grant.Enter(pid, [&](TestApp&, GrantKernelData& kd) {
          return static_cast<uint32_t>(kd.GetReadWriteBuffer(a0).size());
        });
        return CommandReturn::FromResult(r);
      }
      default:
        return CommandReturn::Failure(ErrorCode::kNoSupport);
    }
  }

  Result<void> AllocateGrant(ProcessId pid) override {
    ++allocate_calls;
    if (refuse_allocate) {
      return ErrorCode::kNoMem;
    }
    return grant.Enter(pid, [](TestApp&, GrantKernelData&) {});
  }

  Grant<TestApp, UpcallCount<3>, AllowRoCount<2>, AllowRwCount<2>, AllowUrCount<1>> grant;
  int commands = 0;
  int allocate_calls = 0;
  bool refuse_allocate = false;
  ProcessId last_pid;
};

}  // namespace tock::testing

#endif  // TOCKPP_KERNEL_TESTING_TEST_DRIVER_H_
