// The portable process (upstream ProcessStandard): identity, the state machine, the memory
// regions and breaks, and the kernel-owned top of the process's RAM that holds its upcall queue
// and grant table. Platform specifics come in through ProcessMemory (where RAM is and how the
// kernel reaches it), UserspaceKernelBoundary (registers) and Mpu (protection).
// The process owns its state: every change is one ProcessEvent checked against one transition
// table (NextProcessState, upstream process_standard.rs's stop()/resume()/set_yielded_state()),
// applied by a private member only Kernel (trusted) calls; capsules see a ProcessId.
#ifndef TOCKPP_KERNEL_PROCESS_H_
#define TOCKPP_KERNEL_PROCESS_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "kernel/error_code.h"
#include "kernel/fault_policy.h"
#include "kernel/mpu.h"
#include "kernel/process_id.h"
#include "kernel/process_memory.h"
#include "kernel/syscall.h"
#include "kernel/tbf_description.h"
#include "kernel/upcall.h"
#include "kernel/upcall_queue.h"
#include "kernel/userspace_kernel_boundary.h"

namespace tock {

// reference drivers-and-memory.md §10; kUnused marks an empty slot of the process table.
enum class ProcessState : uint8_t {
  kUnused,
  kRunning,
  kYielded,
  kYieldedFor,
  kStoppedRunning,
  kStoppedYielded,
  kStoppedYieldedFor,
  kFaulted,
  kTerminated,
};

// Everything that changes a process's state. Legal edges (all others are rejected):
enum class ProcessEvent : uint8_t {
  kClaim,        // Unused -> Terminated: a load takes the slot
  kRelease,      // Terminated -> Unused: that load failed
  kStart,        // Terminated -> Running: entry call set (load, start, restart)
  kStartFailed,  // Terminated -> Faulted: a restart after a fault or exit-restart failed
  kYield,        // Running -> Yielded
  kYieldFor,     // Running -> YieldedFor
  kWake,         // Yielded, YieldedFor -> Running: an upcall or its values were delivered
  kStop,         // Running, Yielded, YieldedFor -> Stopped(that state)
  kResume,       // Stopped(s) -> s
  kFault,        // any alive state -> Faulted
  kTerminate,    // any alive state, Faulted -> Terminated
};
inline constexpr uint8_t kProcessEventCount = 11;

// The transition table: where `event` takes a process in state `from`, or why it may not:
// kOff (no live process: Unused, or a dead one for events that need a live one), kAlready (it
// is already there: stop while stopped, resume or wake while not stopped/blocked, start while
// not Terminated, fault while Faulted, terminate while Terminated), kBusy (claim of a used
// slot), kInval (any other illegal edge, e.g. yield while stopped).
Result<ProcessState> NextProcessState(ProcessState from, ProcessEvent event);

// The last system call a process made, as it trapped (upstream debug_syscall_last): the class
// number and r0-r3, kept raw so an unknown class is recorded too. Empty until the first system
// call after a (re)start.
struct SyscallRecord {
  static constexpr uint8_t kNone = 0xFF;
  uint8_t class_num = kNone;
  SyscallRegisters regs{};

  bool empty() const { return class_num == kNone; }
  // The call as the kernel decoded it; nullopt when empty or the class number is unknown.
  std::optional<Syscall> Decode() const {
    return empty() ? std::nullopt : DecodeSyscall(class_num, regs);
  }
};

// One entry of the per-process grant table (in the process's kernel-owned RAM).
struct GrantTableEntry {
  uint32_t driver_num;
  uint32_t address;  // app address of the grant block, 0 = not allocated
};

class Process {
 public:
  Process() = default;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  ProcessId id() const { return ProcessId(index_, identifier_); }
  ProcessState state() const { return state_.get(); }
  // Running, yielded (for) or stopped: the process exists and may be scheduled again.
  bool IsAlive() const;
  bool IsStopped() const;
  // Waiting in yield-wait-for: which upcall.
  UpcallId yield_for() const { return yield_for_; }
  uint32_t restart_count() const { return restart_count_; }
  // Exit completion code; valid when has_completion_code().
  bool has_completion_code() const { return has_completion_code_; }
  uint32_t completion_code() const { return completion_code_; }
  const char* name() const { return tbf_ == nullptr ? "" : tbf_->package_name; }
  uint32_t name_length() const { return tbf_ == nullptr ? 0 : tbf_->package_name_len; }
  const TbfDescription* tbf() const { return tbf_; }
  // AppID (kernel/app_id.h): fixed at load, kept across restarts. 0 = LocallyUnique.
  uint32_t short_id() const {
    return tbf_ == nullptr ? kShortIdLocallyUnique : tbf_->identity.short_id;
  }
  AppIdentity identity() const { return tbf_ == nullptr ? AppIdentity{} : tbf_->identity; }
  const FaultPolicy* fault_policy() const { return fault_policy_; }

  uint32_t flash_start() const { return tbf_->flash_address; }
  uint32_t flash_end() const { return tbf_->flash_address + tbf_->total_size; }
  // First flash byte after header + protected trailer (read-only allow may start here).
  uint32_t flash_protected_end() const { return tbf_->flash_address + tbf_->protected_size(); }
  uint32_t memory_start() const { return memory_start_; }
  uint32_t memory_len() const { return memory_len_; }
  uint32_t memory_end() const { return memory_start_ + memory_len_; }
  uint32_t app_break() const { return app_break_; }
  uint32_t initial_app_break() const { return initial_app_break_; }
  // Lowest address of the kernel-owned region (memop 6).
  uint32_t kernel_memory_break() const { return kernel_break_; }
  uint32_t allow_high_water_mark() const { return allow_high_water_mark_; }
  // Bytes of the kernel-owned region in use (grant blocks + queue + grant table).
  uint32_t kernel_memory_used() const { return memory_end() - kernel_break_; }
  uint32_t debug_stack_start() const { return stack_start_; }
  uint32_t debug_heap_start() const { return heap_start_; }
  // Where the kernel-owned region started at load: below it the grant blocks, above it the
  // upcall queue and the grant table (upstream's "Grant Ptrs" and "Upcalls" rows).
  uint32_t kernel_memory_initial_break() const { return kernel_break_initial_; }
  uint32_t dropped_upcall_count() const;
  // Debug counters for the process console (reset when the process (re)starts).
  uint32_t syscall_count() const { return syscall_count_; }
  SyscallRecord last_syscall() const { return SyscallRecord{last_syscall_class_, last_syscall_}; }
  // The lowest stack pointer the process had at a system call since it (re)started (upstream
  // debug_min_stack_pointer), 0 while the platform has reported none.
  uint32_t min_stack_pointer() const { return min_stack_pointer_; }
  // The platform reports the app's stack pointer as it trapped (min_stack_pointer()).
  void RecordStackPointer(uint32_t sp) {
    if (sp != 0 && (min_stack_pointer_ == 0 || sp < min_stack_pointer_)) {
      min_stack_pointer_ = sp;
    }
  }
  uint32_t timeslice_expirations() const { return timeslice_expirations_; }
  // How many grants this process has allocated, of grant_table_size() registered.
  size_t allocated_grant_count() const;
  size_t grant_table_size() const { return num_grants_; }
  size_t pending_upcall_count() const;

  // Range checks in app addresses (overflow-safe). Empty ranges are never "inside".
  bool InAppRam(uint32_t addr, uint32_t len) const;         // [memory_start, app_break)
  bool InReadableFlash(uint32_t addr, uint32_t len) const;  // [protected_end, flash_end)
  // Kernel pointer for an app range inside the whole RAM allocation / flash image, or nullptr.
  uint8_t* RamPointer(uint32_t addr, uint32_t len) const;
  const uint8_t* FlashPointer(uint32_t addr, uint32_t len) const;

  UserspaceKernelBoundary& boundary() const { return *boundary_; }
  Mpu& mpu() const { return *mpu_; }

 private:
  friend class Kernel;
  friend class GrantBase;
  friend class GrantKernelData;
  friend class ProcessInspector;
  friend class ProcessTestPeer;

  // ---- State changes (Kernel only). Each applies one ProcessEvent; an illegal edge changes
  // nothing and returns NextProcessState's error.
  Result<void> Apply(ProcessEvent event);
  // kClaim; a fresh identity: `identifier`, no restarts, no completion code, never started.
  Result<void> Claim(uint32_t identifier);
  // kRelease; the identifier is cleared.
  Result<void> Release();
  // kStart; debug counters reset, an execution context is live (released by the kernel).
  Result<void> MarkStarted();
  // kStartFailed.
  Result<void> FailStart();
  // Remembers a trapped system call (last_syscall()); class numbers above 254 are kept as 254.
  void RecordSyscall(uint32_t class_num, const SyscallRegisters& regs);
  Result<void> SetYielded();                // kYield
  Result<void> SetYieldedFor(UpcallId id);  // kYieldFor, remembering what it waits for
  Result<void> SetRunning();                // kWake
  Result<void> Stop();                      // kStop
  Result<void> Resume();                    // kResume
  Result<void> SetFaulted();                // kFault
  // kTerminate; a given completion code is stored, nullopt keeps the one stored before.
  Result<void> Terminate(std::optional<uint32_t> completion_code);
  // While Terminated: the next start is a new process (new identifier, one more restart) whose
  // completion code is `completion_code` (exit-restart passes its own on, as upstream).
  Result<void> Renew(uint32_t identifier, std::optional<uint32_t> completion_code);

  // Bytes at the top of RAM the kernel needs at load: grant table + upcall queue, 8-aligned.
  static uint32_t InitialKernelRegionSize(size_t num_grants);
  UpcallQueue& queue() const;
  GrantTableEntry* grant_table() const;
  // Moves the kernel break down by `size` (8-aligned) after the MPU agrees; returns the new
  // block's app address. kNoMem if it would meet the app break.
  Result<uint32_t> AllocateKernelMemory(uint32_t size);
  size_t num_grants() const { return num_grants_; }
  GrantTableEntry* FindGrantEntry(uint32_t driver_num) const;

  // Pointers first (8 bytes on the host, 4 on Cortex-M), then 32/16/8-bit fields, to keep the
  // object small: goal <= 136 bytes on a 64-bit host.
  const TbfDescription* tbf_ = nullptr;
  UserspaceKernelBoundary* boundary_ = nullptr;
  Mpu* mpu_ = nullptr;
  const FaultPolicy* fault_policy_ = nullptr;
  uint8_t* ram_ = nullptr;          // kernel view of memory_start
  const uint8_t* flash_ = nullptr;  // kernel view of flash_start
  uint32_t identifier_ = 0;
  uint32_t completion_code_ = 0;
  uint32_t memory_start_ = 0;
  uint32_t memory_len_ = 0;
  uint32_t app_break_ = 0;
  uint32_t initial_app_break_ = 0;
  uint32_t kernel_break_ = 0;
  uint32_t kernel_break_initial_ = 0;
  uint32_t allow_high_water_mark_ = 0;
  UpcallId yield_for_;
  uint32_t stack_start_ = 0;
  uint32_t heap_start_ = 0;
  uint32_t syscall_count_ = 0;
  uint32_t min_stack_pointer_ = 0;
  SyscallRegisters last_syscall_{};  // with last_syscall_class_: see SyscallRecord
  uint32_t timeslice_expirations_ = 0;
  uint32_t restart_count_ = 0;  // saturates at 2^32 - 1
  uint16_t index_ = 0;
  // Only Process writes the state: Kernel, a friend, can read it through get() only.
  class StateField {
   public:
    ProcessState get() const { return value_; }

   private:
    friend class Process;
    ProcessState value_ = ProcessState::kUnused;
  };
  StateField state_;
  uint8_t num_grants_ = 0;
  uint8_t last_syscall_class_ = SyscallRecord::kNone;
  bool has_completion_code_ = false;
  bool ever_started_ = false;
  bool context_live_ = false;  // boundary holds an execution context (until ProcessTerminated)
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_PROCESS_H_
