// Inter-process communication (driver 0x10000), upstream Tock 2.x kernel/src/ipc.rs: a service
// is found by its package name, a client shares a buffer with it, and each side notifies the
// other with an upcall.
//
//   command 0  exists
//   command 1  discover: the package name in read-only allow 0 -> SuccessU32(process index);
//              NODEVICE if no process has that name, NOMEM if the caller's grant cannot exist
//   command 2  notify service `arg0` (a process index): upcall `arg0` (the service's own index)
//              in the service with (client index, buffer length, buffer address)
//   command 3  notify client `arg0`: upcall <service index> in the client, same arguments
//   subscribe  N = the index of the process whose notifications it receives (a service
//              subscribes at its own index); read-write allow N = the buffer shared with N
//   errors     INVAL: no process in slot arg0 or an upcall number >= kNumProcs; NODEVICE: the
//              process exists but is faulted or terminated; NOMEM: its upcall queue is full
// The shared buffer (the notifier's read-write allow at the notified process's index) is read
// when the upcall is delivered, as upstream resolves it when the IPC task runs. Where the
// platform gives the process an IPC window (Mpu::ipc_window, the host), the buffer is copied
// into it for that upcall (at most the window's size; the length passed says how much) and
// copied back at each system call the receiver makes, provided the owner is the same process
// and still allows the same buffer; the receiver's next yield closes the window (zeroed).
// Deviations from upstream: the notifier is named by its slot when the upcall is delivered
// (upstream keeps its ProcessId: a notifier restarted in between shares nothing there); a
// receiver beyond kNumProcs cannot be notified (INVAL; upstream sizes NUM_PROCS to the table);
// an IPC upcall also ends a yield-wait-for on it (upstream: todo!()).
//
// Wiring (board, statics):  Ipc<8>::GrantType grant(kernel, Ipc<8>::kDriverNum, mem_cap);
//   Ipc<8> ipc(kernel, grant); drivers.Register(Ipc<8>::kDriverNum, ipc); kernel.SetIpc(&ipc);
#ifndef TOCKPP_KERNEL_IPC_H_
#define TOCKPP_KERNEL_IPC_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

#include "kernel/command_return.h"
#include "kernel/grant.h"
#include "kernel/ipc_hook.h"
#include "kernel/kernel.h"
#include "kernel/process.h"
#include "kernel/syscall_driver.h"

namespace tock {

struct IpcData {};

// A buffer copied into a receiver's window and not yet given back.
struct IpcShare {
  ProcessId receiver;
  ProcessId owner;
  uint32_t owner_address = 0;
  uint32_t length = 0;  // bytes copied (<= the window)
  bool open = false;
};

template <size_t kNumProcs>
class Ipc final : public SyscallDriver, public IpcHook {
  static_assert(kNumProcs > 0 && kNumProcs < 256);

 public:
  static constexpr uint32_t kDriverNum = IpcHook::kDriverNum;
  static constexpr uint32_t kCommandDiscover = 1;
  static constexpr uint32_t kCommandNotifyService = 2;
  static constexpr uint32_t kCommandNotifyClient = 3;
  static constexpr uint32_t kAllowSearch = 0;
  using GrantType =
      Grant<IpcData, UpcallCount<kNumProcs>, AllowRoCount<1>, AllowRwCount<kNumProcs>>;

  Ipc(Kernel& kernel, GrantType& grant) : kernel_(kernel), grant_(grant) {}

  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t, ProcessId pid) override {
    switch (command_num) {
      case 0:
        return CommandReturn::Success();
      case kCommandDiscover:
        return Discover(pid);
      case kCommandNotifyService:
        return Notify(pid, arg0, /*to_service=*/true);
      case kCommandNotifyClient:
        return Notify(pid, arg0, /*to_service=*/false);
      default:
        return CommandReturn::Failure(ErrorCode::kNoSupport);
    }
  }

  Result<void> AllocateGrant(ProcessId pid) override { return grant_.Allocate(pid); }

  void BeforeDeliver(Process& target, QueuedUpcall& upcall) override {
    CloseShare(target);
    const uint32_t from = upcall.args[0];
    upcall.args[1] = 0;
    upcall.args[2] = 0;
    Process* owner = LiveAt(from);
    if (owner == nullptr || owner == &target) {
      return;
    }
    const uint32_t receiver_index = target.id().index();
    Mpu::IpcWindow window = target.mpu().ipc_window();
    static_cast<void>(grant_.Enter(owner->id(), [&](IpcData&, GrantKernelData& kd) {
      ReadWriteProcessBuffer buf = kd.GetReadWriteBuffer(receiver_index);
      if (buf.empty()) {
        return;
      }
      if (window.data == nullptr) {
        upcall.args[1] = static_cast<uint32_t>(buf.size());
        upcall.args[2] = buf.address();
        return;
      }
      const uint32_t n = std::min(static_cast<uint32_t>(buf.size()), window.size);
      static_cast<void>(buf.CopyOut(0, std::span<uint8_t>(window.data, n)));
      shares_[receiver_index] = IpcShare{target.id(), owner->id(), buf.address(), n, true};
      upcall.args[1] = n;
      upcall.args[2] = window.app_address;
    }));
  }

  void OnSyscall(Process& process, bool is_yield) override {
    if (is_yield) {
      CloseShare(process);
    } else {
      GiveBack(process);
    }
  }

  const IpcShare& share(size_t index) const { return shares_[index]; }

 private:
  CommandReturn Discover(ProcessId pid) {
    Result<CommandReturn> r = grant_.Enter(pid, [&](IpcData&, GrantKernelData& kd) {
      ReadOnlyProcessBuffer search = kd.GetReadOnlyBuffer(kAllowSearch);
      for (Process& p : kernel_.processes()) {
        if (p.state() == ProcessState::kUnused || p.name_length() != search.size()) {
          continue;
        }
        bool same = true;
        for (size_t i = 0; i < search.size() && same; ++i) {
          Result<uint8_t> c = search.Get(i);
          same = c.ok() && c.value() == static_cast<uint8_t>(p.name()[i]);
        }
        if (same) {
          return CommandReturn::SuccessU32(p.id().index());
        }
      }
      return CommandReturn::Failure(ErrorCode::kNoDevice);
    });
    return r.ok() ? r.value() : CommandReturn::Failure(ErrorCode::kNoMem);
  }

  CommandReturn Notify(ProcessId from, uint32_t target_index, bool to_service) {
    if (target_index >= kernel_.processes().size()) {
      return CommandReturn::Failure(ErrorCode::kInval);
    }
    Process& target = kernel_.processes()[target_index];
    if (target.state() == ProcessState::kUnused) {
      return CommandReturn::Failure(ErrorCode::kInval);
    }
    if (!target.IsAlive()) {
      return CommandReturn::Failure(ErrorCode::kNoDevice);  // upstream enqueue_task
    }
    if (target_index == from.index()) {
      // Upstream queues the task and drops it at delivery (a process cannot notify itself).
      return CommandReturn::Success();
    }
    const uint32_t subscribe_num = to_service ? target_index : from.index();
    Result<Result<void>> r = grant_.Enter(target.id(), [&](IpcData&, GrantKernelData& kd) {
      return kd.ScheduleUpcall(subscribe_num, from.index(), 0, 0);
    });
    if (!r.ok()) {
      return CommandReturn::Failure(r.error() == ErrorCode::kNoMem ? ErrorCode::kNoMem
                                                                   : ErrorCode::kInval);
    }
    return CommandReturn::FromResult(r.value());
  }

  Process* LiveAt(uint32_t index) const {
    if (index >= kernel_.processes().size()) {
      return nullptr;
    }
    Process& p = kernel_.processes()[index];
    return p.IsAlive() ? &p : nullptr;
  }

  // Copies the receiver's window back into the owner's buffer if it is still the same one.
  void GiveBack(Process& receiver) {
    const size_t i = receiver.id().index();
    if (i >= kNumProcs || !shares_[i].open) {
      return;
    }
    IpcShare& s = shares_[i];
    if (s.receiver != receiver.id()) {
      s.open = false;  // a new instance of the receiver: the old copy is gone with it
      return;
    }
    Mpu::IpcWindow window = receiver.mpu().ipc_window();
    Process* owner = kernel_.ProcessFor(s.owner);
    if (owner == nullptr || !owner->IsAlive() || window.data == nullptr) {
      return;
    }
    static_cast<void>(grant_.Enter(s.owner, [&](IpcData&, GrantKernelData& kd) {
      ReadWriteProcessBuffer buf = kd.GetReadWriteBuffer(static_cast<uint32_t>(i));
      if (buf.address() == s.owner_address && buf.size() >= s.length) {
        static_cast<void>(buf.CopyIn(0, std::span<const uint8_t>(window.data, s.length)));
      }
    }));
  }

  void CloseShare(Process& receiver) {
    const size_t i = receiver.id().index();
    if (i >= kNumProcs || !shares_[i].open) {
      return;
    }
    GiveBack(receiver);
    Mpu::IpcWindow window = receiver.mpu().ipc_window();
    if (window.data != nullptr) {
      std::memset(window.data, 0, std::min(shares_[i].length, window.size));
    }
    shares_[i].open = false;
  }

  Kernel& kernel_;
  GrantType& grant_;
  std::array<IpcShare, kNumProcs> shares_{};
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_IPC_H_
