// Early returns for absl::Status in host-only code, the host counterpart of the portable
// TOCK_TRY (kernel/error_code.h):
//
//   absl::StatusOr<std::string> path = DataPath(app);
//   TOCKPP_RETURN_IF_ERROR(path.status());
//   TOCKPP_RETURN_IF_ERROR(WriteFile(*path, text));
//
// The enclosing function returns absl::Status or any absl::StatusOr<T>.
#ifndef TOCKPP_HOSTKERNEL_STATUS_STATUS_MACROS_H_
#define TOCKPP_HOSTKERNEL_STATUS_STATUS_MACROS_H_

#include "absl/status/status.h"

#define TOCKPP_RETURN_IF_ERROR(expr)              \
  do {                                            \
    const ::absl::Status tockpp_status_ = (expr); \
    if (!tockpp_status_.ok()) {                   \
      return tockpp_status_;                      \
    }                                             \
  } while (false)

#endif  // TOCKPP_HOSTKERNEL_STATUS_STATUS_MACROS_H_
