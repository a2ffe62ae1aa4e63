// Grant registration, allocation in process RAM, and the kernel-data window for closures.
#include "kernel/grant.h"

#include <cstring>

#include "kernel/kernel.h"
#include "kernel/process.h"

namespace tock {

using internal::AllowSlot;
using internal::GrantBlock;
using internal::GrantHeader;

GrantBase::GrantBase(Kernel& kernel, uint32_t driver_num, internal::GrantShape shape,
                     Initializer init, const MemoryAllocationCapability&)
    : kernel_(kernel), driver_num_(driver_num), shape_(shape), init_(init) {
  kernel_.RegisterGrant(*this);
}

size_t GrantBase::process_slots() const { return kernel_.processes().size(); }

bool GrantBase::IsAllocated(ProcessId pid) const {
  Process* p = kernel_.ProcessFor(pid);
  if (p == nullptr || !p->IsAlive() || index_ >= p->num_grants()) {
    return false;
  }
  return p->grant_table()[index_].address != 0;
}

Result<GrantBase::Entry> GrantBase::Begin(ProcessId pid) {
  Process* p = kernel_.ProcessFor(pid);
  if (p == nullptr || !p->IsAlive()) {
    return ErrorCode::kInval;
  }
  if (index_ >= p->num_grants()) {
    return ErrorCode::kNoMem;  // created after the process loaded
  }
  GrantTableEntry& slot = p->grant_table()[index_];
  if (slot.address == 0) {
    const uint32_t size = shape_.BlockSize();
    Result<uint32_t> addr = p->AllocateKernelMemory(size);
    if (!addr.ok()) {
      return ErrorCode::kNoMem;
    }
    uint8_t* block = p->RamPointer(addr.value(), size);
    std::memset(block, 0, size);
    GrantHeader* h = new (block) GrantHeader{};
    h->num_upcalls = shape_.num_upcalls;
    h->num_read_only = shape_.num_read_only;
    h->num_read_write = shape_.num_read_write;
    h->num_userspace_readable = shape_.num_userspace_readable;
    h->size_words = static_cast<uint16_t>(size / 8u);
    init_(block + shape_.DataOffset());
    slot.address = addr.value();
  }
  uint8_t* block = p->RamPointer(slot.address, shape_.BlockSize());
  GrantHeader& h = GrantBlock(block).header();
  if (h.entered != 0) {
    return ErrorCode::kBusy;
  }
  h.entered = 1;
  return Entry{p, block};
}

Result<GrantBase::Entry> GrantBase::BeginExisting(size_t index) {
  if (index >= kernel_.processes().size()) {
    return ErrorCode::kInval;
  }
  Process& p = kernel_.processes()[index];
  if (!p.IsAlive() || index_ >= p.num_grants()) {
    return ErrorCode::kInval;
  }
  if (p.grant_table()[index_].address == 0) {
    return ErrorCode::kInval;
  }
  return Begin(p.id());
}

void GrantBase::End(const Entry& entry) { GrantBlock(entry.block).header().entered = 0; }

ProcessId GrantKernelData::process_id() const { return process_.id(); }

Result<void> GrantKernelData::ScheduleUpcall(uint32_t subscribe_num, uint32_t arg0, uint32_t arg1,
                                             uint32_t arg2) {
  if (subscribe_num >= block_.header().num_upcalls) {
    return ErrorCode::kInval;
  }
  QueuedUpcall entry;
  entry.id = UpcallId{driver_num_, subscribe_num};
  entry.upcall = block_.upcalls()[subscribe_num];
  entry.args[0] = arg0;
  entry.args[1] = arg1;
  entry.args[2] = arg2;
  if (!process_.queue().Push(entry)) {
    return ErrorCode::kNoMem;
  }
  return {};
}

bool GrantKernelData::IsSubscribed(uint32_t subscribe_num) const {
  if (subscribe_num >= block_.header().num_upcalls) {
    return false;
  }
  return !block_.upcalls()[subscribe_num].IsNull();
}

ReadOnlyProcessBuffer GrantKernelData::GetReadOnlyBuffer(uint32_t allow_num) const {
  if (allow_num >= block_.header().num_read_only) {
    return ReadOnlyProcessBuffer(0, 0, nullptr);
  }
  const AllowSlot& s = block_.read_only()[allow_num];
  if (s.length == 0) {
    return ReadOnlyProcessBuffer(0, 0, nullptr);
  }
  // Re-validate: RAM below the break or the readable part of flash.
  if (process_.InAppRam(s.address, s.length)) {
    return ReadOnlyProcessBuffer(s.address, s.length, process_.RamPointer(s.address, s.length));
  }
  if (process_.InReadableFlash(s.address, s.length)) {
    return ReadOnlyProcessBuffer(s.address, s.length, process_.FlashPointer(s.address, s.length));
  }
  return ReadOnlyProcessBuffer(0, 0, nullptr);
}

ReadWriteProcessBuffer GrantKernelData::GetReadWriteBuffer(uint32_t allow_num) const {
  if (allow_num >= block_.header().num_read_write) {
    return ReadWriteProcessBuffer(0, 0, nullptr);
  }
  const AllowSlot& s = block_.read_write()[allow_num];
  if (!process_.InAppRam(s.address, s.length)) {
    return ReadWriteProcessBuffer(0, 0, nullptr);
  }
  return ReadWriteProcessBuffer(s.address, s.length, process_.RamPointer(s.address, s.length));
}

UserspaceReadableProcessBuffer GrantKernelData::GetUserspaceReadableBuffer(
    uint32_t allow_num) const {
  if (allow_num >= block_.header().num_userspace_readable) {
    return UserspaceReadableProcessBuffer(0, 0, nullptr);
  }
  const AllowSlot& s = block_.userspace_readable()[allow_num];
  if (!process_.InAppRam(s.address, s.length)) {
    return UserspaceReadableProcessBuffer(0, 0, nullptr);
  }
  return UserspaceReadableProcessBuffer(s.address, s.length,
                                        process_.RamPointer(s.address, s.length));
}

}  // namespace tock
