// ErrorCode (upstream Tock 2.x numbering, TRD104 §3.4) and the small Result<T> value type that
// every fallible kernel, HIL and capsule call returns instead of throwing.
// Freestanding, header-only; may be used by any layer.
#ifndef TOCKPP_KERNEL_ERROR_CODE_H_
#define TOCKPP_KERNEL_ERROR_CODE_H_

#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

namespace tock {

// Values are ABI: they travel in r1 of every Failure return variant.
enum class ErrorCode : uint32_t {
  kFail = 1,
  kBusy = 2,
  kAlready = 3,
  kOff = 4,
  kReserve = 5,
  kInval = 6,
  kSize = 7,
  kCancel = 8,
  kNoMem = 9,
  kNoSupport = 10,
  kNoDevice = 11,
  kUninstalled = 12,
  kNoAck = 13,
};

constexpr uint32_t ToU32(ErrorCode e) { return static_cast<uint32_t>(e); }

// Either a T or an ErrorCode. Implicitly constructible from both so `return value;` and
// `return ErrorCode::kNoMem;` both work.
template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::remove_cv_t<T>, ErrorCode>, "Result<ErrorCode> is ambiguous");
  static_assert(!std::is_reference_v<T>, "Result<T&> is not supported; use Result<T*>");

 public:
  constexpr Result(const T& value) : ok_(true), value_(value) {}        // NOLINT
  constexpr Result(T&& value) : ok_(true), value_(std::move(value)) {}  // NOLINT
  constexpr Result(ErrorCode error) : ok_(false), error_(error) {}      // NOLINT
  Result(const Result& other) : ok_(other.ok_) {
    if (ok_) {
      new (&value_) T(other.value_);
    } else {
      error_ = other.error_;
    }
  }
  Result(Result&& other) noexcept : ok_(other.ok_) {
    if (ok_) {
      new (&value_) T(std::move(other.value_));
    } else {
      error_ = other.error_;
    }
  }
  Result& operator=(const Result& other) {
    if (this != &other) {
      this->~Result();
      new (this) Result(other);
    }
    return *this;
  }
  Result& operator=(Result&& other) noexcept {
    if (this != &other) {
      this->~Result();
      new (this) Result(std::move(other));
    }
    return *this;
  }
  ~Result() {
    if (ok_) {
      value_.~T();
    }
  }

  constexpr bool ok() const { return ok_; }
  // Precondition: ok(). Calling it on an error is a bug (no checking in release builds).
  constexpr T& value() & { return value_; }
  constexpr const T& value() const& { return value_; }
  constexpr T&& value() && { return std::move(value_); }
  constexpr T value_or(T fallback) const { return ok_ ? value_ : fallback; }
  // Precondition: !ok().
  constexpr ErrorCode error() const { return error_; }

 private:
  bool ok_;
  union {
    T value_;
    ErrorCode error_;
  };
};

template <>
class [[nodiscard]] Result<void> {
 public:
  constexpr Result() : ok_(true), error_(ErrorCode::kFail) {}
  constexpr Result(ErrorCode error) : ok_(false), error_(error) {}  // NOLINT
  static constexpr Result Ok() { return Result(); }

  constexpr bool ok() const { return ok_; }
  constexpr ErrorCode error() const { return error_; }

 private:
  bool ok_;
  ErrorCode error_;
};

// StatusCode as passed in upcall arguments: 0 on success, the ErrorCode value otherwise.
constexpr uint32_t ToStatusCode(const Result<void>& r) { return r.ok() ? 0 : ToU32(r.error()); }

}  // namespace tock

// TOCK_TRY(expr): `expr` is a Result; when it holds an error, the enclosing function returns
// that ErrorCode (its return type is a Result, which converts from ErrorCode). The freestanding
// counterpart of Rust's `?`.
#define TOCK_TRY(expr)                     \
  do {                                     \
    const auto& tock_try_result_ = (expr); \
    if (!tock_try_result_.ok()) {          \
      return tock_try_result_.error();     \
    }                                      \
  } while (false)

#endif  // TOCKPP_KERNEL_ERROR_CODE_H_
