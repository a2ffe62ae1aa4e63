// TakeCell: a slot holding an exclusive reference (typically a static buffer) that code takes
// out, uses and puts back (upstream kernel::utilities::cells::TakeCell). While taken, nobody
// else can reach it; that is how a split-phase buffer travels down with a call and comes back
// in the completion callback. Single-threaded (kernel context); no locking.
#ifndef TOCKPP_KERNEL_TAKE_CELL_H_
#define TOCKPP_KERNEL_TAKE_CELL_H_

#include <span>
#include <utility>

namespace tock {

template <typename T>
class TakeCell {
 public:
  constexpr TakeCell() = default;
  explicit constexpr TakeCell(T* value) : value_(value) {}
  TakeCell(const TakeCell&) = delete;
  TakeCell& operator=(const TakeCell&) = delete;

  bool IsEmpty() const { return value_ == nullptr; }
  bool IsSome() const { return value_ != nullptr; }
  // Removes and returns the reference (nullptr if empty).
  T* Take() { return std::exchange(value_, nullptr); }
  // Stores `value` (the previous content, if any, is returned).
  T* Replace(T* value) { return std::exchange(value_, value); }
  void Put(T* value) { value_ = value; }
  // Runs fn(T&) with the value taken out for the duration (re-entrant Map sees it empty),
  // then puts it back. Returns false if the cell was empty.
  template <typename F>
  bool Map(F&& fn) {
    T* v = Take();
    if (v == nullptr) {
      return false;
    }
    fn(*v);
    if (value_ == nullptr) {
      value_ = v;
    }
    return true;
  }

 private:
  T* value_ = nullptr;
};

// TakeCell<T[]>: the same for a buffer with its length (upstream TakeCell<'static, [u8]>).
// A HIL hands the buffer back as a pointer; the owner puts back the whole span it took.
template <typename T>
class TakeCell<T[]> {
 public:
  constexpr TakeCell() = default;
  explicit constexpr TakeCell(std::span<T> value) : value_(value) {}
  TakeCell(const TakeCell&) = delete;
  TakeCell& operator=(const TakeCell&) = delete;

  bool IsEmpty() const { return value_.data() == nullptr; }
  bool IsSome() const { return value_.data() != nullptr; }
  // Removes and returns the buffer (an empty span with no data if the cell is empty).
  std::span<T> Take() { return std::exchange(value_, std::span<T>{}); }
  void Put(std::span<T> value) { value_ = value; }

 private:
  std::span<T> value_;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_TAKE_CELL_H_
