// Ring-buffer upcall queue; see upcall_queue.h. Touches only its own storage.
#include "kernel/upcall_queue.h"

namespace tock {

void UpcallQueue::Reset() {
  head_ = 0;
  count_ = 0;
  dropped_ = 0;
}

bool UpcallQueue::Push(const QueuedUpcall& entry) {
  if (full()) {
    if (dropped_ != 0xFFFF) {
      ++dropped_;
    }
    return false;
  }
  entries_[Slot(count_)] = entry;
  ++count_;
  return true;
}

void UpcallQueue::RemoveAt(size_t i) {
  // Shift the later entries forward one place to keep FIFO order.
  for (size_t k = i; k + 1 < count_; ++k) {
    entries_[Slot(k)] = entries_[Slot(k + 1)];
  }
  --count_;
}

size_t UpcallQueue::RemoveAll(UpcallId id) {
  size_t removed = 0;
  size_t i = 0;
  while (i < count_) {
    if (entries_[Slot(i)].id == id) {
      RemoveAt(i);
      ++removed;
    } else {
      ++i;
    }
  }
  return removed;
}

std::optional<QueuedUpcall> UpcallQueue::Pop() {
  if (count_ == 0) {
    return std::nullopt;
  }
  QueuedUpcall out = entries_[head_];
  head_ = static_cast<uint8_t>(Slot(1));
  --count_;
  return out;
}

std::optional<QueuedUpcall> UpcallQueue::PopMatching(UpcallId id) {
  for (size_t i = 0; i < count_; ++i) {
    if (entries_[Slot(i)].id == id) {
      QueuedUpcall out = entries_[Slot(i)];
      RemoveAt(i);
      return out;
    }
  }
  return std::nullopt;
}

bool UpcallQueue::Contains(UpcallId id) const {
  for (size_t i = 0; i < count_; ++i) {
    if (entries_[Slot(i)].id == id) {
      return true;
    }
  }
  return false;
}

bool UpcallQueue::HasDeliverable() const {
  for (size_t i = 0; i < count_; ++i) {
    if (!entries_[Slot(i)].upcall.IsNull()) {
      return true;
    }
  }
  return false;
}

std::optional<QueuedUpcall> UpcallQueue::PopDeliverable() {
  if (!HasDeliverable()) {
    return std::nullopt;
  }
  while (true) {
    std::optional<QueuedUpcall> e = Pop();
    if (!e->upcall.IsNull()) {
      return e;
    }
  }
}

}  // namespace tock
