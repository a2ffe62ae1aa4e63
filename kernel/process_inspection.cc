// Read-only walks over a process's grant table, grant blocks and upcall queue; see
// process_inspection.h. Every block is bounds-checked against the process's RAM before it is
// read, and slot counts are checked against the recorded block size, so a damaged kernel region
// yields fewer entries, never an out-of-range read.
#include "kernel/process_inspection.h"

#include "kernel/grant.h"
#include "kernel/upcall_queue.h"

namespace tock {
namespace {

using internal::AllowSlot;
using internal::GrantBlock;
using internal::GrantHeader;

uint32_t SlotAreaBytes(const GrantHeader& h) {
  return static_cast<uint32_t>(sizeof(GrantHeader)) +
         8u * (static_cast<uint32_t>(h.num_upcalls) + h.num_read_only + h.num_read_write +
               h.num_userspace_readable);
}

}  // namespace

const char* AllowedBufferKindName(AllowedBufferKind kind) {
  switch (kind) {
    case AllowedBufferKind::kReadOnly:
      return "ro";
    case AllowedBufferKind::kReadWrite:
      return "rw";
    case AllowedBufferKind::kUserspaceReadable:
      return "userspace";
  }
  return "?";
}

namespace {

// A grant block the inspector may read: its header is in RAM, and its slots fit its size.
struct InspectedBlock {
  GrantUsageInfo info;
  uint8_t* base;
};

std::optional<InspectedBlock> BlockAt(const Process& p, const GrantTableEntry& entry) {
  if (entry.address == 0) {
    return std::nullopt;
  }
  uint8_t* head = p.RamPointer(entry.address, sizeof(GrantHeader));
  if (head == nullptr) {
    return std::nullopt;
  }
  const GrantHeader& h = GrantBlock(head).header();
  const uint32_t size = static_cast<uint32_t>(h.size_words) * 8u;
  if (size < SlotAreaBytes(h) || p.RamPointer(entry.address, size) == nullptr) {
    return std::nullopt;
  }
  return InspectedBlock{GrantUsageInfo{entry.driver_num, entry.address, size}, head};
}

}  // namespace

size_t ProcessInspector::grant_count() const {
  const Process& p = *process_;
  if (p.ram_ == nullptr) {
    return 0;
  }
  size_t n = 0;
  const GrantTableEntry* table = p.grant_table();
  for (size_t i = 0; i < p.num_grants(); ++i) {
    n += BlockAt(p, table[i]).has_value() ? 1 : 0;
  }
  return n;
}

std::optional<GrantUsageInfo> ProcessInspector::grant(size_t i) const {
  const Process& p = *process_;
  if (p.ram_ == nullptr) {
    return std::nullopt;
  }
  const GrantTableEntry* table = p.grant_table();
  for (size_t k = 0; k < p.num_grants(); ++k) {
    std::optional<InspectedBlock> b = BlockAt(p, table[k]);
    if (!b) {
      continue;
    }
    if (i == 0) {
      return b->info;
    }
    --i;
  }
  return std::nullopt;
}

uint32_t ProcessInspector::grant_bytes() const {
  uint32_t total = 0;
  ForEachGrant([&total](const GrantUsageInfo& g) { total += g.size; });
  return total;
}

uint32_t ProcessInspector::grant_bytes(uint32_t driver_num) const {
  uint32_t bytes = 0;
  ForEachGrant([&](const GrantUsageInfo& g) {
    if (g.driver_num == driver_num) {
      bytes = g.size;
    }
  });
  return bytes;
}

size_t ProcessInspector::pending_upcall_count() const {
  const Process& p = *process_;
  if (p.ram_ == nullptr) {
    return 0;
  }
  const size_t n = p.queue().size();
  return n < kUpcallQueueCapacity ? n : kUpcallQueueCapacity;
}

std::optional<QueuedUpcall> ProcessInspector::pending_upcall(size_t i) const {
  if (i >= pending_upcall_count()) {
    return std::nullopt;
  }
  return process_->queue().At(i);
}

template <typename V>
size_t ProcessInspector::VisitAllowed(V&& visit) const {
  const Process& p = *process_;
  if (p.ram_ == nullptr) {
    return 0;
  }
  size_t visited = 0;
  const GrantTableEntry* table = p.grant_table();
  for (size_t k = 0; k < p.num_grants(); ++k) {
    std::optional<InspectedBlock> b = BlockAt(p, table[k]);
    if (!b) {
      continue;
    }
    const GrantBlock block(b->base);
    const GrantHeader& h = block.header();
    struct Group {
      AllowedBufferKind kind;
      const AllowSlot* slots;
      uint32_t count;
    };
    const Group groups[] = {
        {AllowedBufferKind::kReadOnly, block.read_only(), h.num_read_only},
        {AllowedBufferKind::kReadWrite, block.read_write(), h.num_read_write},
        {AllowedBufferKind::kUserspaceReadable, block.userspace_readable(),
         h.num_userspace_readable},
    };
    for (const Group& g : groups) {
      for (uint32_t n = 0; n < g.count; ++n) {
        const AllowSlot s = g.slots[n];
        if (s.address == 0 && s.length == 0) {
          continue;
        }
        ++visited;
        if (!visit(AllowedBufferInfo{g.kind, b->info.driver_num, n, s.address, s.length})) {
          return visited;
        }
      }
    }
  }
  return visited;
}

size_t ProcessInspector::allowed_buffer_count() const {
  return VisitAllowed([](const AllowedBufferInfo&) { return true; });
}

std::optional<AllowedBufferInfo> ProcessInspector::allowed_buffer(size_t i) const {
  std::optional<AllowedBufferInfo> found;
  VisitAllowed([&](const AllowedBufferInfo& a) {
    if (i == 0) {
      found = a;
      return false;
    }
    --i;
    return true;
  });
  return found;
}

}  // namespace tock
