// Errors in every HIL are the kernel's: `ErrorCode` (upstream numbering) and `Result<void>`
// (ok or one ErrorCode). A split-phase call returns Result<void> for the *start* of an
// operation; completions report a Result<void> to the client. Header-only, freestanding.
#ifndef TOCKPP_HIL_ERROR_H_
#define TOCKPP_HIL_ERROR_H_

#include "kernel/error_code.h"

#endif  // TOCKPP_HIL_ERROR_H_
