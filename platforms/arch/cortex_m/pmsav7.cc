// PMSAv7 region arithmetic.
#include "platforms/arch/cortex_m/pmsav7.h"

#include <bit>

namespace tockpp::cortex_m {
namespace {

uint32_t Attributes(MpuPermissions perms) {
  switch (perms) {
    case MpuPermissions::kReadWriteOnly:
      return (Rasr::kAp.Val(Rasr::kApFullAccess) + Rasr::kXn.Set() + Rasr::kC.Set() +
              Rasr::kS.Set())
          .value;
    case MpuPermissions::kReadExecuteOnly:
      return (Rasr::kAp.Val(Rasr::kApReadOnly) + Rasr::kC.Set()).value;
    case MpuPermissions::kReadOnly:
      return (Rasr::kAp.Val(Rasr::kApReadOnly) + Rasr::kXn.Set() + Rasr::kC.Set()).value;
  }
  return 0;
}

// log2 of a power of two >= 32.
uint32_t SizeField(uint64_t region_size) {
  return static_cast<uint32_t>(std::countr_zero(region_size)) - 1;
}

MpuRegion MakeRegion(uint32_t base, uint64_t region_size, uint8_t disabled_subregions,
                     MpuPermissions perms) {
  MpuRegion r;
  r.rbar = base;
  r.rasr = Attributes(perms) | Rasr::kSize.Val(SizeField(region_size)).value |
           Rasr::kSrd.Val(disabled_subregions).value | Rasr::kEnable.Set().value;
  return r;
}

// Mask of disabled subregions so that subregions [first, last) are enabled.
uint8_t SrdFor(unsigned first, unsigned last) {
  uint32_t enabled = ((1u << last) - 1) & ~((1u << first) - 1);
  return static_cast<uint8_t>(~enabled);
}

uint64_t CeilPow2(uint64_t v) { return std::bit_ceil(v < 32 ? uint64_t{32} : v); }

}  // namespace

bool MpuRegion::Covers(uint32_t addr) const {
  if (!enabled()) return false;
  uint64_t sz = size();
  if (addr < base() || addr - uint64_t{base()} >= sz) return false;
  if (sz < kMinSubregionRegion) return true;
  unsigned sub = static_cast<unsigned>((addr - uint64_t{base()}) / (sz / 8));
  return (Rasr::kSrd.Read(rasr) & (1u << sub)) == 0;
}

std::optional<MpuRegion> ExactRegion(uint32_t start, uint32_t size, MpuPermissions perms) {
  if (size == 0) return std::nullopt;
  uint64_t end = uint64_t{start} + size;
  for (uint64_t s = CeilPow2(size); s <= (uint64_t{1} << 32); s <<= 1) {
    uint64_t base = start & ~(s - 1);
    if (end > base + s) continue;
    if (base == start && end == base + s) return MakeRegion(start, s, 0, perms);
    uint64_t sub = s / 8;
    if (s < kMinSubregionRegion || (start - base) % sub != 0 || (end - base) % sub != 0) {
      continue;
    }
    return MakeRegion(static_cast<uint32_t>(base), s,
                      SrdFor(static_cast<unsigned>((start - base) / sub),
                             static_cast<unsigned>((end - base) / sub)),
                      perms);
  }
  return std::nullopt;
}

bool SetFlashRegion(uint32_t start, uint32_t size, MpuConfig& config) {
  // Exact fit first; otherwise the smallest larger span that still starts at `start` (apps are
  // normally placed at power-of-two boundaries, so this rarely widens anything).
  for (uint64_t span = (uint64_t{size} + 31) & ~uint64_t{31}; span <= (uint64_t{1} << 32) - start;
       span += 32) {
    if (auto r =
            ExactRegion(start, static_cast<uint32_t>(span), MpuPermissions::kReadExecuteOnly)) {
      config.regions[kFlashRegion] = *r;
      ++config.id;
      return true;
    }
    if (span > 4 * uint64_t{size} + 256) break;
  }
  return false;
}

std::optional<AppMemoryLayout> AllocateAppMemory(uint32_t unallocated_start,
                                                 uint32_t unallocated_size, uint32_t min_size,
                                                 uint32_t initial_app_size,
                                                 uint32_t initial_kernel_size, MpuConfig& config) {
  uint64_t want = min_size;
  if (want < uint64_t{initial_app_size} + initial_kernel_size) {
    want = uint64_t{initial_app_size} + initial_kernel_size;
  }
  uint64_t limit = uint64_t{unallocated_start} + unallocated_size;
  for (uint64_t s = CeilPow2(want < kMinSubregionRegion ? kMinSubregionRegion : want);
       s <= (uint64_t{1} << 31); s <<= 1) {
    uint64_t sub = s / 8;
    uint64_t app = (initial_app_size + sub - 1) / sub * sub;
    if (app == 0) app = sub;
    if (app + initial_kernel_size > s) continue;
    uint64_t start = (uint64_t{unallocated_start} + s - 1) & ~(s - 1);
    if (start + s > limit) return std::nullopt;
    config.regions[kRamRegion] =
        MakeRegion(static_cast<uint32_t>(start), s, SrdFor(0, static_cast<unsigned>(app / sub)),
                   MpuPermissions::kReadWriteOnly);
    ++config.id;
    return AppMemoryLayout{static_cast<uint32_t>(start), static_cast<uint32_t>(s)};
  }
  return std::nullopt;
}

bool SetRamRegion(uint32_t memory_start, uint32_t memory_len, uint32_t app_break,
                  uint32_t kernel_break, MpuConfig& config) {
  if (memory_len < kMinSubregionRegion || !std::has_single_bit(memory_len) ||
      (memory_start & (memory_len - 1)) != 0) {
    return false;
  }
  MpuConfig candidate = config;
  candidate.regions[kRamRegion] =
      MakeRegion(memory_start, memory_len, 0, MpuPermissions::kReadWriteOnly);
  if (!UpdateAppMemory(app_break, kernel_break, candidate)) return false;
  config = candidate;
  return true;
}

bool UpdateAppMemory(uint32_t app_break, uint32_t kernel_break, MpuConfig& config) {
  MpuRegion& ram = config.regions[kRamRegion];
  if (!ram.enabled() || app_break > kernel_break) return false;
  uint64_t s = ram.size();
  uint64_t sub = s / 8;
  uint32_t start = ram.base();
  if (app_break < start || kernel_break > start + s) return false;
  uint64_t subs = (app_break - uint64_t{start} + sub - 1) / sub;
  if (subs == 0) subs = 1;
  if (start + subs * sub > kernel_break) return false;
  ram.rasr = (ram.rasr & ~Rasr::kSrd.Set().mask) |
             Rasr::kSrd.Val(SrdFor(0, static_cast<unsigned>(subs))).value;
  ++config.id;
  return true;
}

}  // namespace tockpp::cortex_m
