// GrantProbe: a small, correct reference driver the harness registers in every board (driver
// 0x90F00). It exercises every kind of grant slot through the real kernel and checks, each time
// it enters its grant, that the grant data lies inside the process's kernel-owned region and
// still holds the value it wrote (grant memory neither misplaced nor clobbered). Commands:
//   0 exists; 1 check grant; 2 schedule upcall arg0 (args arg1, count, 0); 3 fill RW allow 0
//   with arg0 (SuccessU32 size); 4 sum RO allow 0 (SuccessU32); 5 copy RO 0 -> RW 0
//   (SuccessU32 bytes); 6 set URO allow 0 byte arg0 % size to arg1. Errors: plain Failure.
#ifndef TOCKPP_TESTS_FUZZ_GRANT_PROBE_H_
#define TOCKPP_TESTS_FUZZ_GRANT_PROBE_H_

#include <cstdint>

#include "kernel/command_return.h"
#include "kernel/grant.h"
#include "kernel/kernel.h"
#include "kernel/syscall_driver.h"

namespace tock::fuzz {

struct ProbeApp {
  static constexpr uint32_t kMagic = 0x6A7E5EED;
  uint32_t magic = kMagic;
  uint32_t count = 0;
};

class GrantProbe final : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNum = 0x90F00;
  using GrantType =
      Grant<ProbeApp, UpcallCount<3>, AllowRoCount<1>, AllowRwCount<1>, AllowUrCount<1>>;
  // Answers whether [p, p + n) lies in pid's kernel-owned grant region (kernel pointers).
  using RegionCheck = bool (*)(void* context, ProcessId pid, const void* p, size_t n);
  // Reports a broken invariant (never returns).
  using Fail = void (*)(void* context, const char* what);

  GrantProbe(Kernel& kernel, const MemoryAllocationCapability& cap, RegionCheck check, Fail fail,
             void* context)
      : grant_(kernel, kDriverNum, cap), check_(check), fail_(fail), context_(context) {}

  CommandReturn Command(uint32_t cmd, uint32_t a0, uint32_t a1, ProcessId pid) override {
    if (cmd == 0) {
      return CommandReturn::Success();
    }
    auto r = grant_.Enter(pid, [&](ProbeApp& app, GrantKernelData& kd) -> CommandReturn {
      Verify(pid, app);
      ++app.count;
      switch (cmd) {
        case 1:
          return CommandReturn::Success();
        case 2: {
          Result<void> s = kd.ScheduleUpcall(a0, a1, app.count, 0);
          return s.ok() ? CommandReturn::Success() : CommandReturn::Failure(s.error());
        }
        case 3: {
          ReadWriteProcessBuffer rw = kd.GetReadWriteBuffer(0);
          rw.Fill(static_cast<uint8_t>(a0));
          return CommandReturn::SuccessU32(static_cast<uint32_t>(rw.size()));
        }
        case 4: {
          ReadOnlyProcessBuffer ro = kd.GetReadOnlyBuffer(0);
          uint32_t sum = 0;
          for (size_t i = 0; i < ro.size(); ++i) {
            sum += ro.Get(i).value();
          }
          return CommandReturn::SuccessU32(sum);
        }
        case 5: {
          ReadOnlyProcessBuffer ro = kd.GetReadOnlyBuffer(0);
          ReadWriteProcessBuffer rw = kd.GetReadWriteBuffer(0);
          size_t n = ro.size() < rw.size() ? ro.size() : rw.size();
          for (size_t i = 0; i < n; ++i) {
            static_cast<void>(rw.Set(i, ro.Get(i).value()));
          }
          return CommandReturn::SuccessU32(static_cast<uint32_t>(n));
        }
        case 6: {
          UserspaceReadableProcessBuffer uro = kd.GetUserspaceReadableBuffer(0);
          if (uro.empty()) {
            return CommandReturn::Failure(ErrorCode::kReserve);
          }
          static_cast<void>(uro.Set(a0 % uro.size(), static_cast<uint8_t>(a1)));
          return CommandReturn::Success();
        }
        default:
          return CommandReturn::Failure(ErrorCode::kNoSupport);
      }
    });
    return r.ok() ? r.value() : CommandReturn::Failure(r.error());
  }

  Result<void> AllocateGrant(ProcessId pid) override {
    auto r = grant_.Enter(pid, [&](ProbeApp& app, GrantKernelData&) { Verify(pid, app); });
    return r.ok() ? Result<void>{} : Result<void>(r.error());
  }

 private:
  void Verify(ProcessId pid, const ProbeApp& app) {
    if (!check_(context_, pid, &app, sizeof(app))) {
      fail_(context_, "grant data outside the process's grant region");
    }
    if (app.magic != ProbeApp::kMagic) {
      fail_(context_, "grant data clobbered");
    }
  }

  GrantType grant_;
  RegionCheck check_;
  Fail fail_;
  void* context_;
};

}  // namespace tock::fuzz

#endif  // TOCKPP_TESTS_FUZZ_GRANT_PROBE_H_
