// A process's bounded FIFO of pending upcalls (upstream CALLBACK_LEN = 10). Full -> the new
// entry is dropped and counted. The storage is a plain standard-layout struct placed in the
// kernel-owned top of the process's own RAM, so its size costs the process, not the kernel.
#ifndef TOCKPP_KERNEL_UPCALL_QUEUE_H_
#define TOCKPP_KERNEL_UPCALL_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "kernel/upcall.h"

namespace tock {

inline constexpr size_t kUpcallQueueCapacity = 10;

class UpcallQueue {
 public:
  // Empties the queue and the dropped counter.
  void Reset();

  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  bool full() const { return count_ == kUpcallQueueCapacity; }
  uint32_t dropped() const { return dropped_; }
  // The i-th entry in FIFO order (0 = oldest); i < size().
  const QueuedUpcall& At(size_t i) const { return entries_[Slot(i)]; }

  // Appends; false (and dropped() + 1) when full.
  bool Push(const QueuedUpcall& entry);
  // Removes every entry for `id` (subscribe swap); returns how many.
  size_t RemoveAll(UpcallId id);
  // Oldest entry, removed.
  std::optional<QueuedUpcall> Pop();
  // Oldest entry for `id`, removed; the others keep their order (yield-wait-for).
  std::optional<QueuedUpcall> PopMatching(UpcallId id);
  bool Contains(UpcallId id) const;
  // Oldest entry with a non-null function, removed, after discarding the value-only (null
  // upcall) entries in front of it (yield-wait). Null entries behind it stay.
  std::optional<QueuedUpcall> PopDeliverable();
  bool HasDeliverable() const;

 private:
  size_t Slot(size_t i) const { return (head_ + i) % kUpcallQueueCapacity; }
  void RemoveAt(size_t i);

  uint8_t head_ = 0;
  uint8_t count_ = 0;
  uint16_t dropped_ = 0;
  QueuedUpcall entries_[kUpcallQueueCapacity];
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_UPCALL_QUEUE_H_
