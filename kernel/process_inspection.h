// ProcessInspector: a read-only, trusted window into one process for debugging tools (tockctl
// inspect, the process console): its allocated grants with driver number and block size, its
// pending upcalls in queue order, and the buffers allowed through each grant's allow slots.
// Values are copied out; no pointer into process memory or mutable kernel state is exposed.
// Trusted: making one takes a ProcessManagementCapability. Reads only the process's kernel region.
#ifndef TOCKPP_KERNEL_PROCESS_INSPECTION_H_
#define TOCKPP_KERNEL_PROCESS_INSPECTION_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include "kernel/capabilities.h"
#include "kernel/process.h"
#include "kernel/upcall.h"

namespace tock {

// One allocated grant: the driver it belongs to and its block in the process's kernel region
// (header, subscribe and allow tables, and the capsule's data), in bytes.
struct GrantUsageInfo {
  uint32_t driver_num = 0;
  uint32_t address = 0;
  uint32_t size = 0;
};

enum class AllowedBufferKind : uint8_t { kReadOnly, kReadWrite, kUserspaceReadable };

// Lower-case short name: "ro", "rw", "userspace".
const char* AllowedBufferKindName(AllowedBufferKind kind);

// One allow slot that currently holds a buffer (non-zero address or length).
struct AllowedBufferInfo {
  AllowedBufferKind kind = AllowedBufferKind::kReadOnly;
  uint32_t driver_num = 0;
  uint32_t allow_num = 0;
  uint32_t address = 0;
  uint32_t length = 0;
};

class ProcessInspector {
 public:
  ProcessInspector(const Process& process, const ProcessManagementCapability&)
      : process_(&process) {}

  const Process& process() const { return *process_; }

  // Allocated grants in grant-table (registration) order; i < grant_count().
  size_t grant_count() const;
  std::optional<GrantUsageInfo> grant(size_t i) const;
  // Sum of the allocated grant blocks (excludes the upcall queue and the grant table).
  uint32_t grant_bytes() const;
  // Bytes of `driver_num`'s grant, 0 if it is not allocated.
  uint32_t grant_bytes(uint32_t driver_num) const;

  // Pending upcalls, 0 = oldest (delivered first); i < pending_upcall_count().
  size_t pending_upcall_count() const;
  std::optional<QueuedUpcall> pending_upcall(size_t i) const;

  // Allow slots holding a buffer: grant by grant (as grant()), then read-only, read-write and
  // userspace-readable slots in number order; i < allowed_buffer_count().
  size_t allowed_buffer_count() const;
  std::optional<AllowedBufferInfo> allowed_buffer(size_t i) const;

  // fn(const GrantUsageInfo&), fn(const QueuedUpcall&), fn(const AllowedBufferInfo&) in order.
  template <typename F>
  void ForEachGrant(F&& fn) const {
    for (size_t i = 0; i < grant_count(); ++i) {
      if (auto g = grant(i)) {
        fn(*g);
      }
    }
  }
  template <typename F>
  void ForEachPendingUpcall(F&& fn) const {
    for (size_t i = 0; i < pending_upcall_count(); ++i) {
      if (auto u = pending_upcall(i)) {
        fn(*u);
      }
    }
  }
  template <typename F>
  void ForEachAllowedBuffer(F&& fn) const {
    for (size_t i = 0; i < allowed_buffer_count(); ++i) {
      if (auto a = allowed_buffer(i)) {
        fn(*a);
      }
    }
  }

 private:
  // Visits allowed buffers until visit returns false; returns how many were visited.
  template <typename V>
  size_t VisitAllowed(V&& visit) const;

  const Process* process_;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_PROCESS_INSPECTION_H_
