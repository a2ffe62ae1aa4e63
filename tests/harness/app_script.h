// AppScript: an app's end-to-end test written as steps in its BUILD file (tock_app's
// `host_test = [...]`, apps/tock_app.bzl) and run on the real tockd by one generic test binary
// (app_script_main.cc). One step per line, `KIND: TEXT`:
//   expect: TEXT     the app's console shows TEXT after the previous `expect` match
//   log: TEXT        the kernel log shows TEXT after the previous `log` match
//   event: TEXT      a control-socket event shows TEXT after the previous `event` match
//   control: CMD     sends a tockctl command, which must succeed
//   control-error: CMD  sends a command, which must be refused
//   reply: TEXT      the last control command's reply (lines joined by "\n", or the error) is TEXT
//   press: N / release: N   button N (through the control socket)
//   type: TEXT       types TEXT and a newline on the app's console
//   tockd: FLAG      a tockd flag (all of them apply from the start, wherever they are written)
// Steps run in order; the first that does not happen within its wait's guard fails the test,
// naming its line and text. Waits are the harness's own (no sleeps).
#ifndef TOCKPP_TESTS_HARNESS_APP_SCRIPT_H_
#define TOCKPP_TESTS_HARNESS_APP_SCRIPT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::harness {

struct ScriptStep {
  enum class Kind {
    kExpect,
    kLog,
    kEvent,
    kControl,
    kControlError,
    kReply,
    kPress,
    kRelease,
    kType,
    kTockdFlag
  };
  Kind kind;
  std::string text;
  int line;  // 1-based, for messages
};

struct AppScript {
  std::vector<ScriptStep> steps;
  std::vector<std::string> tockd_flags;  // the `tockd:` steps
  bool needs_control = false;            // any control, reply, event, press or release step
};

// Parses a script; InvalidArgument naming the line for an unknown kind, a missing ": ", an
// empty text or a button that is not a number. Blank lines are skipped.
absl::StatusOr<AppScript> ParseAppScript(std::string_view text);

// Runs the steps on a started tockd (with `control` if the script needs it).
class AppScriptRunner {
 public:
  explicit AppScriptRunner(Tockd& tockd) : tockd_(tockd) {}
  ::testing::AssertionResult Run(const AppScript& script);

 private:
  ::testing::AssertionResult RunStep(const ScriptStep& step);
  // Waits for `text` on `stream` at or after the end of that stream's previous match.
  ::testing::AssertionResult WaitAfterCursor(Stream stream, const std::string& text);
  ::testing::AssertionResult Control(const std::string& command, bool must_succeed);

  Tockd& tockd_;
  size_t cursor_[3] = {0, 0, 0};  // by Stream
  std::string reply_;
  bool have_reply_ = false;
};

}  // namespace tock::harness

#endif  // TOCKPP_TESTS_HARNESS_APP_SCRIPT_H_
