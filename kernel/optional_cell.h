// OptionalCell: an optional small copyable value that can be set, read and cleared through a
// shared reference (upstream OptionalCell) — e.g. a capsule's "client" pointer or the process
// currently owning a peripheral. Single-threaded (kernel context).
#ifndef TOCKPP_KERNEL_OPTIONAL_CELL_H_
#define TOCKPP_KERNEL_OPTIONAL_CELL_H_

#include <optional>
#include <type_traits>

namespace tock {

template <typename T>
class OptionalCell {
  static_assert(std::is_trivially_copyable_v<T>, "OptionalCell holds small copyable values");

 public:
  constexpr OptionalCell() = default;
  explicit constexpr OptionalCell(T value) : value_(value) {}

  bool IsSome() const { return value_.has_value(); }
  bool IsNone() const { return !value_.has_value(); }
  void Set(T value) { value_ = value; }
  void Clear() { value_.reset(); }
  std::optional<T> Get() const { return value_; }
  T GetOr(T fallback) const { return value_.value_or(fallback); }
  std::optional<T> Take() {
    std::optional<T> out = value_;
    value_.reset();
    return out;
  }
  bool Contains(const T& v) const { return value_.has_value() && *value_ == v; }
  // Runs fn(T) on a copy if set; returns whether it ran.
  template <typename F>
  bool Map(F&& fn) const {
    if (!value_) {
      return false;
    }
    fn(*value_);
    return true;
  }

 private:
  std::optional<T> value_;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_OPTIONAL_CELL_H_
