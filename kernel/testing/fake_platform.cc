// FakeProcessPlatform: see fake_platform.h.
#include "kernel/testing/fake_platform.h"

namespace tock::testing {
namespace {

constexpr uint32_t RoundUp(uint32_t v, uint32_t to) { return (v + to - 1) / to * to; }

}  // namespace

FakeProcessPlatform::FakeProcessPlatform(Options options) : options_(options) {}

const TbfDescription& FakeProcessPlatform::MakeImage(const ImageSpec& spec) {
  tbf_ = TbfDescription{};
  tbf_.image = flash_.data();
  tbf_.flash_address = kFlashBase;
  tbf_.total_size = spec.total_size;
  tbf_.header_size = spec.header_size;
  tbf_.protected_trailer_size = spec.protected_trailer_size;
  tbf_.init_fn_offset = spec.init_fn_offset;
  tbf_.minimum_ram_size = spec.minimum_ram_size;
  tbf_.package_name = spec.name;
  tbf_.package_name_len = static_cast<uint32_t>(std::strlen(spec.name));
  tbf_.enabled = spec.enabled;
  for (uint32_t i = 0; i < spec.total_size && i < kFlashCapacity; ++i) {
    flash_[i] = static_cast<uint8_t>(i * 7 + 1);
  }
  return tbf_;
}

Result<MemoryAllocation> FakeProcessPlatform::Allocate(const MemoryRequest& request) {
  if (fail_allocate) {
    return ErrorCode::kNoMem;
  }
  uint64_t len = static_cast<uint64_t>(request.min_app_ram) + request.kernel_ram;
  len = RoundUp(static_cast<uint32_t>(len), options_.ram_round);
  if (len > kRamCapacity) {
    return ErrorCode::kNoMem;
  }
  MemoryAllocation a;
  a.memory_start = kRamBase;
  a.memory_len = static_cast<uint32_t>(len);
  a.initial_app_break = kRamBase + options_.initial_break_bytes;
  a.ram = ram_.data();
  a.flash = flash_.data();
  return a;
}

Result<void> FakeProcessPlatform::InitializeProcess(uint32_t entry_pc,
                                                    const SyscallRegisters& args) {
  if (fail_initialize) {
    return ErrorCode::kFail;
  }
  last_entry = Entry{entry_pc, args};
  ++entries;
  return {};
}

void FakeProcessPlatform::SetSyscallReturn(const EncodedReturn& ret) {
  last_return = ret;
  ret.ApplyTo(frame_);
  ++returns;
}

void FakeProcessPlatform::SetUpcall(uint32_t fn, const SyscallRegisters& args) {
  last_upcall = Upcall{fn, args};
  ++upcalls;
}

void FakeProcessPlatform::ProcessTerminated() { ++terminations; }

Result<void> FakeProcessPlatform::ConfigureProcess(const MpuLayout& layout) {
  if (fail_mpu_configure) {
    return ErrorCode::kNoMem;
  }
  if (RoundUp(layout.app_break - layout.memory_start, options_.mpu_granularity) +
          layout.memory_start >
      layout.kernel_break) {
    return ErrorCode::kNoMem;
  }
  mpu_layout = layout;
  return {};
}

Result<void> FakeProcessPlatform::UpdateBreaks(uint32_t app_break, uint32_t kernel_break) {
  if (fail_mpu_update || !mpu_layout) {
    return ErrorCode::kNoMem;
  }
  const uint64_t reach = static_cast<uint64_t>(mpu_layout->memory_start) +
                         RoundUp(app_break - mpu_layout->memory_start, options_.mpu_granularity);
  if (reach > kernel_break) {
    return ErrorCode::kNoMem;
  }
  mpu_layout->app_break = app_break;
  mpu_layout->kernel_break = kernel_break;
  return {};
}

void FakeProcessPlatform::ClearRecords() {
  last_return.reset();
  last_upcall.reset();
  last_entry.reset();
  returns = upcalls = entries = terminations = 0;
}

}  // namespace tock::testing
