// DebugControl: what the control socket's `debug APP` command asks of tockd (implemented by
// hostkernel/debug's AppDebugger; see docs/debugging.md). Host-only.
#ifndef TOCKPP_HOSTKERNEL_CONTROL_DEBUG_CONTROL_H_
#define TOCKPP_HOSTKERNEL_CONTROL_DEBUG_CONTROL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tock::hostkernel {

class DebugControl {
 public:
  virtual ~DebugControl() = default;
  // Marks `app` for debugging; appends the lines to show (the gdb command to run, or what
  // happens at the app's next start). NotFound if no loaded app has that name.
  virtual absl::Status Debug(absl::string_view app, std::vector<std::string>& out) = 0;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_CONTROL_DEBUG_CONTROL_H_
