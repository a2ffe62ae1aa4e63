// GuardedPlatform: the in-memory process platform the fuzz harness runs each process on. Flash
// and RAM are byte arrays framed by guard bytes (and RAM past the allocation is guard too); a
// shadow copy of both lets the harness find any byte that changed where nobody was allowed to
// write. The boundary reports upcalls, starts and terminations to an Observer. Host-only.
#ifndef TOCKPP_TESTS_FUZZ_GUARDED_PLATFORM_H_
#define TOCKPP_TESTS_FUZZ_GUARDED_PLATFORM_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "kernel/kernel.h"
#include "kernel/mpu.h"
#include "kernel/process_memory.h"
#include "kernel/syscall_return.h"
#include "kernel/tbf_description.h"
#include "kernel/userspace_kernel_boundary.h"

namespace tock::fuzz {

// A half-open app address range [start, end).
struct Window {
  uint32_t start = 0;
  uint32_t end = 0;
  bool Contains(uint32_t addr) const { return addr >= start && addr < end; }
};

class GuardedPlatform final : public ProcessMemory, public UserspaceKernelBoundary, public Mpu {
 public:
  static constexpr size_t kGuardLen = 64;
  static constexpr size_t kFlashLen = 512;
  static constexpr size_t kRamLen = 2048;
  static constexpr uint8_t kGuardByte = 0xA5;
  static constexpr uint32_t kHeaderSize = 64;
  static constexpr uint32_t kMinRam = 1280;
  static constexpr uint32_t kInitialBreak = 384;
  static constexpr uint32_t kMpuGranularity = 8;

  class Observer {
   public:
    virtual void OnUpcall(size_t slot, uint32_t fn, const SyscallRegisters& args) = 0;
    virtual void OnStart(size_t slot) = 0;
    virtual void OnTerminated(size_t slot) = 0;

   protected:
    ~Observer() = default;
  };

  // Each slot gets its own app addresses, so a buffer of one process is garbage to another.
  GuardedPlatform(size_t slot, Observer& observer);
  GuardedPlatform(const GuardedPlatform&) = delete;
  GuardedPlatform& operator=(const GuardedPlatform&) = delete;

  uint32_t flash_base() const { return 0x00040000u + static_cast<uint32_t>(slot_) * 0x1000u; }
  uint32_t ram_base() const { return 0x20000000u + static_cast<uint32_t>(slot_) * 0x10000u; }
  // Flash bytes [header, header + protected_trailer) are protected (not allowable).
  uint32_t protected_trailer() const { return slot_ == 1 ? 32u : 0u; }
  const TbfDescription& tbf() const { return tbf_; }
  ProcessPlatform platform() { return ProcessPlatform{*this, *this, *this}; }

  // "Userspace" writes its own RAM (keeps the shadow in step). addr must be inside the arena.
  void AppWrite(uint32_t addr, std::span<const uint8_t> bytes);
  bool InRamArena(uint32_t addr, uint32_t len) const;
  // Kernel-side pointer for an app RAM address (for grant placement checks), or nullptr.
  const uint8_t* RamPointer(uint32_t addr) const;

  // The first damage a scan found; id == nullptr when there was none.
  struct Damage {
    const char* id = nullptr;  // invariant: "guard-bytes", "flash-written" or "stray-write"
    const char* what = nullptr;
    uint32_t address = 0;  // app address of the changed RAM byte ("stray-write")
  };
  // Compares the whole arena with its shadow in one pass: guard bytes (also RAM past the
  // allocation) and flash must not have changed; a RAM byte in [from, to) that changed must lie
  // in one of `allowed`. Other RAM changes (the grant region) are taken into the shadow. After
  // damage is found the shadow is only partly taken (TakeAll finishes it).
  Damage Scan(uint32_t from, uint32_t to, std::span<const Window> allowed);
  // Takes the RAM allocation, resp. the whole arena, into the shadow as it is now.
  void Resync();
  void TakeAll();
  // Paints [from, to) with the platform's non-zero pattern (what crt0 and the app leave in
  // RAM), so that any later stray write -- even of 0 -- shows up. Updates the shadow.
  void Paint(uint32_t from, uint32_t to);

  // ---- ProcessMemory / UserspaceKernelBoundary / Mpu ----
  Result<MemoryAllocation> Allocate(const MemoryRequest& request) override;
  Result<void> InitializeProcess(uint32_t entry_pc, const SyscallRegisters& args) override;
  void SetSyscallReturn(const EncodedReturn& ret) override;
  void SetUpcall(uint32_t fn, const SyscallRegisters& args) override;
  void ProcessTerminated() override;
  Result<void> ConfigureProcess(const MpuLayout& layout) override;
  Result<void> UpdateBreaks(uint32_t app_break, uint32_t kernel_break) override;
  // An IPC window as tockd has one (kernel/ipc.h copies shared buffers in and out), framed by
  // guard bytes that Scan checks.
  IpcWindow ipc_window() override {
    return {kIpcWindowBase, ipc_.window, static_cast<uint32_t>(kIpcWindowLen)};
  }
  static constexpr uint32_t kIpcWindowBase = 0x0F001000;
  static constexpr size_t kIpcWindowLen = 128;

  // What the kernel returned for the last trap (see returns to tell whether it wrote one).
  EncodedReturn last_return;
  uint32_t returns = 0;
  uint32_t memory_len = 0;
  // Lowest kernel break the MPU agreed to since the harness last reset it (grant blocks are
  // written between it and the old break; a later restart raises the break again).
  uint32_t lowest_kernel_break = 0xFFFFFFFF;

 private:
  struct alignas(8) Arena {
    uint8_t guard0[kGuardLen];
    uint8_t flash[kFlashLen];
    uint8_t guard1[kGuardLen];
    uint8_t ram[kRamLen];
    uint8_t guard2[kGuardLen];
  };

  size_t slot_;
  Observer& observer_;
  TbfDescription tbf_;
  std::optional<MpuLayout> mpu_;
  Arena arena_;
  Arena shadow_;  // what arena_ should hold
  struct IpcArena {
    uint8_t guard_lo[kGuardLen];
    uint8_t window[kIpcWindowLen];
    uint8_t guard_hi[kGuardLen];
  };
  IpcArena ipc_;
};

}  // namespace tock::fuzz

#endif  // TOCKPP_TESTS_FUZZ_GUARDED_PLATFORM_H_
