// Result<T>: either a value or a tock::tbf::Error, returned by every fallible call of the TBF
// library. Freestanding: no heap, no exceptions. T must be default-constructible and copyable.
#ifndef TOCKPP_TBF_TOOLS_LIB_RESULT_H_
#define TOCKPP_TBF_TOOLS_LIB_RESULT_H_

#include <utility>

#include "tbf-tools/lib/error.h"

namespace tock::tbf {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : value_(value), ok_(true) {}        // NOLINT: implicit by design
  Result(T&& value) : value_(std::move(value)), ok_(true) {}  // NOLINT
  Result(const Error& error) : error_(error), ok_(false) {}   // NOLINT

  bool ok() const { return ok_; }
  const T& value() const { return value_; }
  T& value() { return value_; }
  const Error& error() const { return error_; }
  const T* operator->() const { return &value_; }
  const T& operator*() const { return value_; }

 private:
  T value_{};
  Error error_{ErrorKind::kTruncated, 0, ""};
  bool ok_;
};

// Result for operations with no value.
class [[nodiscard]] Status {
 public:
  Status() : ok_(true) {}
  Status(const Error& error) : error_(error), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_{ErrorKind::kTruncated, 0, ""};
  bool ok_;
};

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_RESULT_H_
