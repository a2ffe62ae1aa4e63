// AppDebugger: `tockd --debug=APP[,APP...]` and the control socket's `debug APP`.
//
// A debugged app's process is spawned debuggable and, once its launcher is ready, waits there
// before the app's first instruction until a debugger attaches (HostProcess::DebugHook); tockd
// then never sends it SIGSTOP/SIGCONT, so gdb sees only its own stops. Meanwhile the kernel and
// the other apps run on: the held or breakpoint-stopped app's turns end at the timeslice, and a
// stop is no fault. Each time a debugged process waits, one line says which gdb command attaches
// with the app's ELF (found beside its TBF; the line says so when there is none).
// `debug APP` on a running app debugs it from where it is (printing the command; attaching
// stops it); on an app with no running process, its next start waits (e.g. `tockctl restart
// APP`). Walkthrough: docs/debugging.md. Host-only; single-threaded (the event loop's thread).
#ifndef TOCKPP_HOSTKERNEL_DEBUG_APP_DEBUGGER_H_
#define TOCKPP_HOSTKERNEL_DEBUG_APP_DEBUGGER_H_

#include <functional>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "hostkernel/control/debug_control.h"
#include "hostkernel/process/host_process.h"
#include "hostkernel/runtime/app_image.h"

namespace tock::hostkernel {

class AppDebugger final : public HostProcess::DebugHook, public DebugControl {
 public:
  // Hooks every slot in `hosts` and marks the apps named by --debug. `images` gives each app's
  // source path (for its ELF); both must outlive this. `print` receives each line to show
  // (default: a warning in tockd's log).
  AppDebugger(std::span<HostProcess> hosts, const std::vector<std::unique_ptr<AppImage>>& images,
              std::function<void(const std::string&)> print = nullptr);
  ~AppDebugger() override;
  AppDebugger(const AppDebugger&) = delete;
  AppDebugger& operator=(const AppDebugger&) = delete;

  // Marks `app` for debugging (at its next start if it has no running process).
  void Mark(absl::string_view app) { wanted_.emplace(app.data(), app.size()); }
  // The names --debug gave that no loaded app has (for a warning).
  std::vector<std::string> UnknownNames() const;
  // The line printed for a process waiting at its entry / debugged where it is.
  std::string HeldLine(absl::string_view app, int pid) const;
  std::string AttachLine(absl::string_view app, int pid) const;

  // HostProcess::DebugHook
  bool WantsDebug(const HostProcess& host) override;
  void Held(const HostProcess& host, int pid) override;
  // DebugControl
  absl::Status Debug(absl::string_view app, std::vector<std::string>& out) override;

 private:
  std::string Command(absl::string_view app, int pid) const;

  std::span<HostProcess> hosts_;
  const std::vector<std::unique_ptr<AppImage>>& images_;
  std::function<void(const std::string&)> print_;
  std::set<std::string, std::less<>> wanted_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_DEBUG_APP_DEBUGGER_H_
