// Process accessors, app-address translation and the kernel-owned region at the top of the
// process's RAM:  ... kernel_break | grant blocks (grow down) | upcall queue | grant table | end
#include "kernel/process.h"

#include <new>

namespace tock {
namespace {

constexpr uint32_t AlignUp8(uint32_t v) { return (v + 7u) & ~7u; }

}  // namespace

bool Process::IsAlive() const {
  switch (state_) {
    case ProcessState::kRunning:
    case ProcessState::kYielded:
    case ProcessState::kYieldedFor:
    case ProcessState::kStoppedRunning:
    case ProcessState::kStoppedYielded:
    case ProcessState::kStoppedYieldedFor:
      return true;
    default:
      return false;
  }
}

bool Process::IsStopped() const {
  return state_ == ProcessState::kStoppedRunning || state_ == ProcessState::kStoppedYielded ||
         state_ == ProcessState::kStoppedYieldedFor;
}

uint32_t Process::dropped_upcall_count() const { return ram_ == nullptr ? 0 : queue().dropped(); }

size_t Process::allocated_grant_count() const {
  if (ram_ == nullptr) return 0;
  size_t n = 0;
  const GrantTableEntry* table = grant_table();
  for (size_t i = 0; i < num_grants_; ++i) n += table[i].address != 0 ? 1 : 0;
  return n;
}

size_t Process::pending_upcall_count() const { return ram_ == nullptr ? 0 : queue().size(); }

bool Process::InAppRam(uint32_t addr, uint32_t len) const {
  if (len == 0 || addr < memory_start_) return false;
  uint64_t end = static_cast<uint64_t>(addr) + len;
  return end <= app_break_;
}

bool Process::InReadableFlash(uint32_t addr, uint32_t len) const {
  if (tbf_ == nullptr || len == 0 || addr < flash_protected_end()) return false;
  uint64_t end = static_cast<uint64_t>(addr) + len;
  return end <= static_cast<uint64_t>(flash_start()) + tbf_->total_size;
}

uint8_t* Process::RamPointer(uint32_t addr, uint32_t len) const {
  if (ram_ == nullptr || addr < memory_start_) return nullptr;
  uint64_t end = static_cast<uint64_t>(addr) + len;
  if (end > static_cast<uint64_t>(memory_start_) + memory_len_) return nullptr;
  return ram_ + (addr - memory_start_);
}

const uint8_t* Process::FlashPointer(uint32_t addr, uint32_t len) const {
  if (flash_ == nullptr || tbf_ == nullptr || addr < flash_start()) return nullptr;
  uint64_t end = static_cast<uint64_t>(addr) + len;
  if (end > static_cast<uint64_t>(flash_start()) + tbf_->total_size) return nullptr;
  return flash_ + (addr - flash_start());
}

uint32_t Process::InitialKernelRegionSize(size_t num_grants) {
  return AlignUp8(static_cast<uint32_t>(num_grants * sizeof(GrantTableEntry))) +
         AlignUp8(sizeof(UpcallQueue));
}

GrantTableEntry* Process::grant_table() const {
  uint32_t table = AlignUp8(static_cast<uint32_t>(num_grants_ * sizeof(GrantTableEntry)));
  return std::launder(reinterpret_cast<GrantTableEntry*>(ram_ + memory_len_ - table));
}

UpcallQueue& Process::queue() const {
  uint32_t table = AlignUp8(static_cast<uint32_t>(num_grants_ * sizeof(GrantTableEntry)));
  uint32_t off = memory_len_ - table - AlignUp8(sizeof(UpcallQueue));
  return *std::launder(reinterpret_cast<UpcallQueue*>(ram_ + off));
}

GrantTableEntry* Process::FindGrantEntry(uint32_t driver_num) const {
  GrantTableEntry* table = grant_table();
  for (size_t i = 0; i < num_grants_; ++i) {
    if (table[i].driver_num == driver_num) return &table[i];
  }
  return nullptr;
}

Result<uint32_t> Process::AllocateKernelMemory(uint32_t size) {
  size = AlignUp8(size);
  if (size == 0 || size > kernel_break_ - memory_start_) return ErrorCode::kNoMem;
  uint32_t new_break = kernel_break_ - size;
  if (new_break < app_break_) return ErrorCode::kNoMem;
  if (!mpu_->UpdateBreaks(app_break_, new_break).ok()) return ErrorCode::kNoMem;
  kernel_break_ = new_break;
  return new_break;
}

}  // namespace tock
