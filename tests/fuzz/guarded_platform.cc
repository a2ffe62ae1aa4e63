// GuardedPlatform: see guarded_platform.h.
#include "tests/fuzz/guarded_platform.h"

#include <cstring>

namespace tock::fuzz {
namespace {

constexpr uint32_t RoundUp(uint32_t v, uint32_t to) { return (v + to - 1) / to * to; }

const uint8_t* GuardPattern() {
  static const auto pattern = [] {
    std::array<uint8_t, GuardedPlatform::kRamLen> p{};
    p.fill(GuardedPlatform::kGuardByte);
    return p;
  }();
  return pattern.data();
}

// Byte-wise equality without ASan's memcmp interceptor, whose shadow scans of these arenas
// (several per fuzz step) were the largest cost in the dispatch target's profile. The arenas are
// the harness's own, so there is nothing for ASan to find here.
__attribute__((no_sanitize("address"))) bool SameBytes(const uint8_t* a, const uint8_t* b,
                                                       size_t n) {
  uint8_t diff = 0;
  for (size_t i = 0; i < n; ++i) diff |= static_cast<uint8_t>(a[i] ^ b[i]);
  return diff == 0;
}

bool AllGuard(const uint8_t* p, size_t n) { return SameBytes(p, GuardPattern(), n); }

}  // namespace

GuardedPlatform::GuardedPlatform(size_t slot, Observer& observer)
    : slot_(slot), observer_(observer) {
  std::memset(&arena_, kGuardByte, sizeof(arena_));
  for (size_t i = 0; i < kFlashLen; ++i) {
    arena_.flash[i] = static_cast<uint8_t>(i * 7 + 1 + slot);
  }
  tbf_.image = arena_.flash;
  tbf_.flash_address = flash_base();
  tbf_.total_size = kFlashLen;
  tbf_.header_size = kHeaderSize;
  tbf_.protected_trailer_size = protected_trailer();
  tbf_.init_fn_offset = protected_trailer();
  tbf_.minimum_ram_size = kMinRam;
  static constexpr const char* kNames[] = {"alpha", "beta", "gamma", "delta"};
  tbf_.package_name = kNames[slot % 4];
  tbf_.package_name_len = static_cast<uint32_t>(std::strlen(tbf_.package_name));
  tbf_.enabled = true;
  std::memcpy(flash_shadow_.data(), arena_.flash, kFlashLen);
}

void GuardedPlatform::AppWrite(uint32_t addr, std::span<const uint8_t> bytes) {
  if (bytes.empty() || !InRamArena(addr, static_cast<uint32_t>(bytes.size()))) return;
  std::memcpy(&arena_.ram[addr - ram_base()], bytes.data(), bytes.size());
  std::memcpy(&ram_shadow_[addr - ram_base()], bytes.data(), bytes.size());
}

bool GuardedPlatform::InRamArena(uint32_t addr, uint32_t len) const {
  return addr >= ram_base() && len <= memory_len && addr - ram_base() <= memory_len - len;
}

const uint8_t* GuardedPlatform::RamPointer(uint32_t addr) const {
  return InRamArena(addr, 1) ? &arena_.ram[addr - ram_base()] : nullptr;
}

const char* GuardedPlatform::CheckGuards() const {
  if (!AllGuard(arena_.guard0, kGuardLen)) return "guard bytes below flash overwritten";
  if (!AllGuard(arena_.guard1, kGuardLen)) return "guard bytes between flash and RAM overwritten";
  if (!AllGuard(arena_.guard2, kGuardLen)) return "guard bytes above RAM overwritten";
  if (!AllGuard(arena_.ram + memory_len, kRamLen - memory_len)) {
    return "guard bytes past the end of the RAM allocation overwritten";
  }
  return nullptr;
}

const char* GuardedPlatform::CheckFlash() const {
  if (!SameBytes(arena_.flash, flash_shadow_.data(), kFlashLen)) {
    return "process flash was written";
  }
  return nullptr;
}

std::optional<uint32_t> GuardedPlatform::FirstStrayWrite(uint32_t from, uint32_t to,
                                                         std::span<const Window> allowed) const {
  if (from < ram_base()) from = ram_base();
  if (to > ram_base() + memory_len) to = ram_base() + memory_len;
  if (from >= to) return std::nullopt;
  const size_t lo = from - ram_base();
  const size_t hi = to - ram_base();
  if (SameBytes(&arena_.ram[lo], &ram_shadow_[lo], hi - lo)) return std::nullopt;
  for (size_t i = lo; i < hi; ++i) {
    if (arena_.ram[i] == ram_shadow_[i]) continue;
    const uint32_t addr = ram_base() + static_cast<uint32_t>(i);
    bool ok = false;
    for (const Window& w : allowed) ok = ok || w.Contains(addr);
    if (!ok) return addr;
  }
  return std::nullopt;
}

void GuardedPlatform::Resync() { std::memcpy(ram_shadow_.data(), arena_.ram, memory_len); }

void GuardedPlatform::Paint(uint32_t from, uint32_t to) {
  // One precomputed period per slot; never 0, so a stray 0 shows.
  static const auto patterns = [] {
    std::array<std::array<uint8_t, kRamLen>, 4> p{};
    for (size_t s = 0; s < p.size(); ++s) {
      for (size_t i = 0; i < kRamLen; ++i)
        p[s][i] = static_cast<uint8_t>(0x80 | ((i * 29 + s * 101) & 0x7F));
    }
    return p;
  }();
  if (from < ram_base()) from = ram_base();
  if (to > ram_base() + memory_len) to = ram_base() + memory_len;
  if (from >= to) return;
  const size_t i = from - ram_base();
  std::memcpy(&arena_.ram[i], &patterns[slot_ % 4][i], to - from);
  std::memcpy(&ram_shadow_[i], &patterns[slot_ % 4][i], to - from);
}

Result<MemoryAllocation> GuardedPlatform::Allocate(const MemoryRequest& request) {
  const uint64_t want = static_cast<uint64_t>(request.min_app_ram) + request.kernel_ram;
  if (want > kRamLen) return ErrorCode::kNoMem;
  memory_len = RoundUp(static_cast<uint32_t>(want), 8);
  Paint(ram_base(), ram_base() + memory_len);
  MemoryAllocation a;
  a.memory_start = ram_base();
  a.memory_len = memory_len;
  a.initial_app_break = ram_base() + kInitialBreak;
  a.ram = arena_.ram;
  a.flash = arena_.flash;
  return a;
}

Result<void> GuardedPlatform::InitializeProcess(uint32_t, const SyscallRegisters&) {
  observer_.OnStart(slot_);
  return {};
}

void GuardedPlatform::SetSyscallReturn(const EncodedReturn& ret) {
  last_return = ret;
  ++returns;
}

void GuardedPlatform::SetUpcall(uint32_t fn, const SyscallRegisters& args) {
  observer_.OnUpcall(slot_, fn, args);
}

void GuardedPlatform::ProcessTerminated() { observer_.OnTerminated(slot_); }

Result<void> GuardedPlatform::ConfigureProcess(const MpuLayout& layout) {
  if (RoundUp(layout.app_break - layout.memory_start, kMpuGranularity) + layout.memory_start >
      layout.kernel_break) {
    return ErrorCode::kNoMem;
  }
  mpu_ = layout;
  return {};
}

Result<void> GuardedPlatform::UpdateBreaks(uint32_t app_break, uint32_t kernel_break) {
  if (!mpu_) return ErrorCode::kNoMem;
  const uint64_t reach = static_cast<uint64_t>(mpu_->memory_start) +
                         RoundUp(app_break - mpu_->memory_start, kMpuGranularity);
  if (reach > kernel_break) return ErrorCode::kNoMem;
  if (kernel_break < lowest_kernel_break) lowest_kernel_break = kernel_break;
  mpu_->app_break = app_break;
  mpu_->kernel_break = kernel_break;
  return {};
}

}  // namespace tock::fuzz
