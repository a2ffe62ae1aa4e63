// GuardedPlatform: see guarded_platform.h.
#include "tests/fuzz/guarded_platform.h"

#include <cstddef>
#include <cstring>

namespace tock::fuzz {
namespace {

constexpr uint32_t RoundUp(uint32_t v, uint32_t to) { return (v + to - 1) / to * to; }

// Compares and copies over the harness's own arenas (several per fuzz step) without ASan's
// memcmp/memcpy interceptors, whose shadow scans were the largest cost in the dispatch target's
// profile, and without UBSan, whose per-byte pointer checks kept the loops from vectorizing.
// There is nothing for either sanitizer to find in these arrays.
#define TOCK_FUZZ_RAW_MEMORY __attribute__((no_sanitize("address", "undefined")))

TOCK_FUZZ_RAW_MEMORY uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  __builtin_memcpy(&v, p, 8);
  return v;
}

TOCK_FUZZ_RAW_MEMORY bool SameBytes(const uint8_t* a, const uint8_t* b, size_t n) {
  uint64_t diff = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    diff |= Load64(a + i) ^ Load64(b + i);
  }
  for (; i < n; ++i) {
    diff |= static_cast<uint8_t>(a[i] ^ b[i]);
  }
  return diff == 0;
}

// The first index in [from, to) where a and b differ, or `to`. Skips equal 64-byte blocks.
TOCK_FUZZ_RAW_MEMORY size_t FirstDifference(const uint8_t* a, const uint8_t* b, size_t from,
                                            size_t to) {
  constexpr size_t kBlock = 64;
  size_t i = from;
  while (i + kBlock <= to && SameBytes(a + i, b + i, kBlock)) {
    i += kBlock;
  }
  for (; i < to; ++i) {
    if (a[i] != b[i]) {
      return i;
    }
  }
  return to;
}

TOCK_FUZZ_RAW_MEMORY void CopyBytes(uint8_t* dst, const uint8_t* src, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint64_t v = Load64(src + i);
    __builtin_memcpy(dst + i, &v, 8);
  }
  for (; i < n; ++i) {
    dst[i] = src[i];
  }
}

// Where a changed byte outside the process's RAM allocation sits, as a finding.
const char* ArenaDamage(size_t offset, size_t ram_end) {
  using A = GuardedPlatform;
  constexpr size_t kFlashAt = A::kGuardLen;
  constexpr size_t kRamAt = kFlashAt + A::kFlashLen + A::kGuardLen;
  if (offset < kFlashAt) {
    return "guard bytes below flash overwritten";
  }
  if (offset < kFlashAt + A::kFlashLen) {
    return "process flash was written";
  }
  if (offset < kRamAt) {
    return "guard bytes between flash and RAM overwritten";
  }
  if (offset >= ram_end && offset < kRamAt + A::kRamLen) {
    return "guard bytes past the end of the RAM allocation overwritten";
  }
  return "guard bytes above RAM overwritten";
}

}  // namespace

GuardedPlatform::GuardedPlatform(size_t slot, Observer& observer)
    : slot_(slot), observer_(observer) {
  std::memset(&arena_, kGuardByte, sizeof(arena_));
  std::memset(&ipc_, kGuardByte, sizeof(ipc_));
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
  static_assert(offsetof(Arena, ram) == kGuardLen + kFlashLen + kGuardLen);
  std::memcpy(&shadow_, &arena_, sizeof(arena_));
}

void GuardedPlatform::AppWrite(uint32_t addr, std::span<const uint8_t> bytes) {
  if (bytes.empty() || !InRamArena(addr, static_cast<uint32_t>(bytes.size()))) {
    return;
  }
  std::memcpy(&arena_.ram[addr - ram_base()], bytes.data(), bytes.size());
  std::memcpy(&shadow_.ram[addr - ram_base()], bytes.data(), bytes.size());
}

bool GuardedPlatform::InRamArena(uint32_t addr, uint32_t len) const {
  return addr >= ram_base() && len <= memory_len && addr - ram_base() <= memory_len - len;
}

const uint8_t* GuardedPlatform::RamPointer(uint32_t addr) const {
  return InRamArena(addr, 1) ? &arena_.ram[addr - ram_base()] : nullptr;
}

GuardedPlatform::Damage GuardedPlatform::Scan(uint32_t from, uint32_t to,
                                              std::span<const Window> allowed) {
  for (size_t i = 0; i < kGuardLen; ++i) {
    if (ipc_.guard_lo[i] != kGuardByte || ipc_.guard_hi[i] != kGuardByte) {
      return Damage{"guard-bytes", "guard bytes around the IPC window overwritten", 0};
    }
  }
  if (from < ram_base()) {
    from = ram_base();
  }
  if (to > ram_base() + memory_len) {
    to = ram_base() + memory_len;
  }
  constexpr size_t kRamAt = offsetof(Arena, ram);
  const size_t ram_end = kRamAt + memory_len;
  const size_t lo = kRamAt + (from - ram_base());
  const size_t hi = to > from ? kRamAt + (to - ram_base()) : lo;
  const auto* live = reinterpret_cast<const uint8_t*>(&arena_);
  auto* shadow = reinterpret_cast<uint8_t*>(&shadow_);
  constexpr size_t kEnd = sizeof(Arena);
  // One pass: find each changed byte, then blame it or take it into the shadow.
  for (size_t i = FirstDifference(live, shadow, 0, kEnd); i < kEnd;
       i = FirstDifference(live, shadow, i, kEnd)) {
    if (i < kRamAt || i >= ram_end) {
      const bool flash = i >= kGuardLen && i < kGuardLen + kFlashLen;
      return Damage{flash ? "flash-written" : "guard-bytes", ArenaDamage(i, ram_end), 0};
    }
    size_t next = i + 1;
    if (i >= lo && i < hi) {
      // Allowed: take everything up to the end of the furthest-reaching window holding it.
      const uint32_t addr = ram_base() + static_cast<uint32_t>(i - kRamAt);
      uint32_t end = addr;
      for (const Window& w : allowed) {
        if (w.Contains(addr) && w.end > end) {
          end = w.end;
        }
      }
      if (end == addr) {
        return Damage{"stray-write", "", addr};
      }
      next = kRamAt + (end - ram_base());
      if (next > ram_end) {
        next = ram_end;
      }
    }
    CopyBytes(shadow + i, live + i, next - i);
    i = next;
  }
  return Damage{};
}

void GuardedPlatform::Resync() { CopyBytes(shadow_.ram, arena_.ram, memory_len); }

void GuardedPlatform::TakeAll() {
  CopyBytes(reinterpret_cast<uint8_t*>(&shadow_), reinterpret_cast<const uint8_t*>(&arena_),
            sizeof(arena_));
}

void GuardedPlatform::Paint(uint32_t from, uint32_t to) {
  // One precomputed period per slot; never 0, so a stray 0 shows.
  static const auto patterns = [] {
    std::array<std::array<uint8_t, kRamLen>, 4> p{};
    for (size_t s = 0; s < p.size(); ++s) {
      for (size_t i = 0; i < kRamLen; ++i) {
        p[s][i] = static_cast<uint8_t>(0x80 | ((i * 29 + s * 101) & 0x7F));
      }
    }
    return p;
  }();
  if (from < ram_base()) {
    from = ram_base();
  }
  if (to > ram_base() + memory_len) {
    to = ram_base() + memory_len;
  }
  if (from >= to) {
    return;
  }
  const size_t i = from - ram_base();
  std::memcpy(&arena_.ram[i], &patterns[slot_ % 4][i], to - from);
  std::memcpy(&shadow_.ram[i], &patterns[slot_ % 4][i], to - from);
}

Result<MemoryAllocation> GuardedPlatform::Allocate(const MemoryRequest& request) {
  const uint64_t want = static_cast<uint64_t>(request.min_app_ram) + request.kernel_ram;
  if (want > kRamLen) {
    return ErrorCode::kNoMem;
  }
  memory_len = RoundUp(static_cast<uint32_t>(want), 8);
  // RAM past the allocation is guard, also where an earlier, larger allocation reached.
  std::memset(arena_.ram + memory_len, kGuardByte, kRamLen - memory_len);
  std::memset(shadow_.ram + memory_len, kGuardByte, kRamLen - memory_len);
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
  if (!mpu_) {
    return ErrorCode::kNoMem;
  }
  const uint64_t reach = static_cast<uint64_t>(mpu_->memory_start) +
                         RoundUp(app_break - mpu_->memory_start, kMpuGranularity);
  if (reach > kernel_break) {
    return ErrorCode::kNoMem;
  }
  if (kernel_break < lowest_kernel_break) {
    lowest_kernel_break = kernel_break;
  }
  mpu_->app_break = app_break;
  mpu_->kernel_break = kernel_break;
  return {};
}

}  // namespace tock::fuzz
