// MapCell: owns a value in place and lends it out only through a closure (upstream MapCell).
// During the closure the cell reads as empty, so a re-entrant Map cannot alias it.
// Single-threaded (kernel context); no heap.
#ifndef TOCKPP_KERNEL_MAP_CELL_H_
#define TOCKPP_KERNEL_MAP_CELL_H_

#include <new>
#include <optional>
#include <utility>

namespace tock {

template <typename T>
class MapCell {
 public:
  constexpr MapCell() = default;
  explicit constexpr MapCell(T value) : value_(std::move(value)) {}
  MapCell(const MapCell&) = delete;
  MapCell& operator=(const MapCell&) = delete;

  bool IsSome() const { return value_.has_value() && !busy_; }
  bool IsNone() const { return !IsSome(); }
  // Stores a value (replacing any). Not allowed while mapped: returns false then.
  bool Put(T value) {
    if (busy_) {
      return false;
    }
    value_.emplace(std::move(value));
    return true;
  }
  // Moves the value out (nullopt if empty or mapped).
  std::optional<T> Take() {
    if (busy_ || !value_) {
      return std::nullopt;
    }
    std::optional<T> out(std::move(value_));
    value_.reset();
    return out;
  }
  // Runs fn(T&); false if empty or already mapped further up the stack.
  template <typename F>
  bool Map(F&& fn) {
    if (busy_ || !value_) {
      return false;
    }
    busy_ = true;
    fn(*value_);
    busy_ = false;
    return true;
  }

 private:
  std::optional<T> value_;
  bool busy_ = false;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_MAP_CELL_H_
