// Tracer: tockd's --trace FILE, one JSON object per line for every syscall (with its return),
// upcall delivery, fault, process state change, console output and peripheral event, stamped
// with the active clock (ns). The format is documented in hostkernel/runtime/TRACE.md. With
// virtual time and a fixed seed the file is byte-identical across runs unless a wall-clock
// preemption happened.
//
// TracingBoundary sits between the kernel and a HostProcess (it is the process's
// UserspaceKernelBoundary) so the tracer sees exactly the returns and upcalls the app gets.
#ifndef TOCKPP_HOSTKERNEL_RUNTIME_TRACER_H_
#define TOCKPP_HOSTKERNEL_RUNTIME_TRACER_H_

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "hostkernel/peripherals/host_clock.h"
#include "hostkernel/process/host_process.h"
#include "kernel/kernel.h"

namespace tock::hostkernel {

class Tracer {
 public:
  // Opens `path` for writing; nullptr-like (disabled) when path is empty.
  static absl::StatusOr<std::unique_ptr<Tracer>> Open(const std::string& path,
                                                      const HostClock& clock);
  ~Tracer();

  void Syscall(const tock::Process& p, const HostProcess::Trap& trap,
               const std::optional<tock::EncodedReturn>& ret);
  void Upcall(const tock::Process& p, uint32_t fn, const tock::SyscallRegisters& args);
  void Fault(const tock::Process& p, absl::string_view cause);
  void Console(absl::string_view text);
  void Note(absl::string_view event, absl::string_view detail);
  // An event line a host peripheral published through the PeripheralRegistry ("led 0 on").
  void Peripheral(absl::string_view peripheral, absl::string_view line);
  // A process's state changed.
  void State(const tock::Process& p);

 private:
  Tracer(FILE* file, const HostClock& clock) : file_(file), clock_(clock) {}
  void Begin(const char* event);
  void Process(const tock::Process& p);
  void End();

  FILE* file_;
  const HostClock& clock_;
  std::string line_;
};

// The kernel's boundary for one process: forwards to the HostProcess and records what the
// app will see, for the tracer.
class TracingBoundary final : public tock::UserspaceKernelBoundary {
 public:
  void Bind(HostProcess& host, const tock::Process& process, Tracer* tracer) {
    host_ = &host;
    process_ = &process;
    tracer_ = tracer;
  }
  tock::Result<void> InitializeProcess(uint32_t entry_pc,
                                       const tock::SyscallRegisters& args) override {
    return host_->InitializeProcess(entry_pc, args);
  }
  void SetSyscallReturn(const tock::EncodedReturn& ret) override {
    last_return_ = ret;
    host_->SetSyscallReturn(ret);
  }
  void SetUpcall(uint32_t fn, const tock::SyscallRegisters& args) override {
    if (tracer_ != nullptr) {
      tracer_->Upcall(*process_, fn, args);
    }
    host_->SetUpcall(fn, args);
  }
  void ProcessTerminated() override { host_->ProcessTerminated(); }
  // The return set by the last syscall, consumed by the tracer.
  std::optional<tock::EncodedReturn> TakeLastReturn() {
    std::optional<tock::EncodedReturn> r = last_return_;
    last_return_.reset();
    return r;
  }

 private:
  HostProcess* host_ = nullptr;
  const tock::Process* process_ = nullptr;
  Tracer* tracer_ = nullptr;
  std::optional<tock::EncodedReturn> last_return_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_RUNTIME_TRACER_H_
