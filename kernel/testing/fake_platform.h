// An in-memory process platform for tests and fuzz harnesses: flash and RAM are byte arrays
// inside the object (app addresses kFlashBase / kRamBase), the boundary records every syscall
// return, upcall and entry call, and the MPU enforces a configurable granularity and can be
// told to fail. Host-only test support; never linked into a board.
#ifndef TOCKPP_KERNEL_TESTING_FAKE_PLATFORM_H_
#define TOCKPP_KERNEL_TESTING_FAKE_PLATFORM_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

#include "kernel/kernel.h"
#include "kernel/mpu.h"
#include "kernel/process_memory.h"
#include "kernel/syscall_return.h"
#include "kernel/tbf_description.h"
#include "kernel/userspace_kernel_boundary.h"

namespace tock::testing {

class FakeProcessPlatform final : public ProcessMemory, public UserspaceKernelBoundary, public Mpu {
 public:
  static constexpr uint32_t kFlashBase = 0x10000000;
  static constexpr uint32_t kRamBase = 0x20000000;
  static constexpr size_t kFlashCapacity = size_t{16} * 1024;
  static constexpr size_t kRamCapacity = size_t{32} * 1024;

  struct Options {
    uint32_t initial_break_bytes = 256;  // app break at load = memory_start + this
    uint32_t mpu_granularity = 8;        // app region rounded up to this (power of two)
    uint32_t ram_round = 8;              // allocation length rounded up to this
  };

  FakeProcessPlatform() : FakeProcessPlatform(Options{}) {}
  explicit FakeProcessPlatform(Options options);

  // The three interfaces, for Kernel::LoadProcess.
  ProcessPlatform platform() { return ProcessPlatform{*this, *this, *this}; }

  // Writes a minimal image into the fake flash and describes it: `total_size` bytes, header of
  // `header_size` (contents irrelevant to the kernel), entry at header + init_fn_offset.
  struct ImageSpec {
    const char* name = "app";
    uint32_t total_size = 1024;
    uint32_t header_size = 64;
    uint32_t protected_trailer_size = 0;
    uint32_t init_fn_offset = 0;
    uint32_t minimum_ram_size = 4096;
    bool enabled = true;
  };
  const TbfDescription& MakeImage(const ImageSpec& spec);
  const TbfDescription& tbf() const { return tbf_; }
  TbfDescription& mutable_tbf() { return tbf_; }

  // Direct access to app memory by app address (test-side "userspace").
  uint8_t* Ram(uint32_t app_addr) { return &ram_[app_addr - kRamBase]; }
  uint8_t* Flash(uint32_t app_addr) { return &flash_[app_addr - kFlashBase]; }
  void WriteRam(uint32_t app_addr, std::span<const uint8_t> bytes) {
    std::memcpy(Ram(app_addr), bytes.data(), bytes.size());
  }

  // ---- ProcessMemory ----
  Result<MemoryAllocation> Allocate(const MemoryRequest& request) override;
  // ---- UserspaceKernelBoundary ----
  Result<void> InitializeProcess(uint32_t entry_pc, const SyscallRegisters& args) override;
  void SetSyscallReturn(const EncodedReturn& ret) override;
  void SetUpcall(uint32_t fn, const SyscallRegisters& args) override;
  void ProcessTerminated() override;
  // ---- Mpu ----
  Result<void> ConfigureProcess(const MpuLayout& layout) override;
  Result<void> UpdateBreaks(uint32_t app_break, uint32_t kernel_break) override;
  // A small IPC window as the host has one (off: the owner's address is passed on).
  IpcWindow ipc_window() override {
    if (!ipc_window_enabled) {
      return {};
    }
    return {kIpcWindowBase, ipc_window_bytes.data(), static_cast<uint32_t>(kIpcWindowCapacity)};
  }
  static constexpr uint32_t kIpcWindowBase = 0x0F001000;
  static constexpr size_t kIpcWindowCapacity = 64;
  bool ipc_window_enabled = true;
  std::array<uint8_t, kIpcWindowCapacity> ipc_window_bytes{};

  // ---- What the kernel did ----
  struct Upcall {
    uint32_t fn;
    SyscallRegisters args;
  };
  struct Entry {
    uint32_t pc;
    SyscallRegisters args;
  };
  // The registers as the app would see them after the last SetSyscallReturn (unwritten
  // registers keep the values the frame held: the last trap's arguments, see set_frame()).
  const SyscallRegisters& frame() const { return frame_; }
  void set_frame(const SyscallRegisters& regs) { frame_ = regs; }
  std::optional<EncodedReturn> last_return;
  std::optional<Upcall> last_upcall;
  std::optional<Entry> last_entry;
  int returns = 0;
  int upcalls = 0;
  int entries = 0;
  int terminations = 0;
  // MPU state and knobs.
  std::optional<MpuLayout> mpu_layout;
  bool fail_allocate = false;
  bool fail_initialize = false;
  bool fail_mpu_configure = false;
  bool fail_mpu_update = false;
  // Clears the recorded returns/upcalls/entries (not memory).
  void ClearRecords();

 private:
  Options options_;
  TbfDescription tbf_;
  SyscallRegisters frame_{};
  alignas(8) std::array<uint8_t, kFlashCapacity> flash_{};
  alignas(8) std::array<uint8_t, kRamCapacity> ram_{};
};

}  // namespace tock::testing

#endif  // TOCKPP_KERNEL_TESTING_FAKE_PLATFORM_H_
