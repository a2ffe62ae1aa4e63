// AppScript parsing and running; see app_script.h.
#include "tests/harness/app_script.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/harness/pattern.h"

namespace tock::harness {
namespace {

using Kind = ScriptStep::Kind;

struct KindName {
  std::string_view name;
  Kind kind;
};
constexpr KindName kKinds[] = {
    {"expect", Kind::kExpect},
    {"log", Kind::kLog},
    {"event", Kind::kEvent},
    {"control", Kind::kControl},
    {"control-error", Kind::kControlError},
    {"reply", Kind::kReply},
    {"press", Kind::kPress},
    {"release", Kind::kRelease},
    {"type", Kind::kType},
    {"tockd", Kind::kTockdFlag},
};

std::string_view NameOf(Kind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) {
      return k.name;
    }
  }
  return "?";
}

bool NeedsControl(Kind kind) {
  return kind == Kind::kControl || kind == Kind::kControlError || kind == Kind::kReply ||
         kind == Kind::kEvent || kind == Kind::kPress || kind == Kind::kRelease;
}

absl::StatusOr<ScriptStep> ParseLine(const std::string& line, int number) {
  const size_t colon = line.find(": ");
  if (colon == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", number, ": '", line, "' is not 'KIND: TEXT'"));
  }
  const std::string name = line.substr(0, colon);
  const std::string text = line.substr(colon + 2);
  for (const KindName& k : kKinds) {
    if (k.name != name) {
      continue;
    }
    if (text.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("line ", number, ": '", name, "' needs text"));
    }
    int button = 0;
    if ((k.kind == Kind::kPress || k.kind == Kind::kRelease) && !absl::SimpleAtoi(text, &button)) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", number, ": '", text, "' is not a button number"));
    }
    return ScriptStep{k.kind, text, number};
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "line ", number, ": unknown step '", name,
      "' (expect, log, event, control, control-error, reply, press, release, type, tockd)"));
}

}  // namespace

absl::StatusOr<AppScript> ParseAppScript(std::string_view text) {
  AppScript script;
  int number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (line.empty()) {
      continue;
    }
    absl::StatusOr<ScriptStep> step = ParseLine(std::string(line), number);
    if (!step.ok()) {
      return step.status();
    }
    script.needs_control = script.needs_control || NeedsControl(step->kind);
    if (step->kind == Kind::kTockdFlag) {
      script.tockd_flags.push_back(step->text);
    } else {
      script.steps.push_back(*std::move(step));
    }
  }
  return script;
}

::testing::AssertionResult AppScriptRunner::Run(const AppScript& script) {
  for (const ScriptStep& step : script.steps) {
    ::testing::AssertionResult result = RunStep(step);
    if (!result) {
      return ::testing::AssertionFailure()
             << "step on line " << step.line << " (" << NameOf(step.kind) << ": " << step.text
             << ") did not happen: " << result.message();
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult AppScriptRunner::RunStep(const ScriptStep& step) {
  switch (step.kind) {
    case Kind::kExpect:
      return WaitAfterCursor(Stream::kConsole, step.text);
    case Kind::kLog:
      return WaitAfterCursor(Stream::kLog, step.text);
    case Kind::kEvent:
      return WaitAfterCursor(Stream::kEvents, step.text);
    case Kind::kControl:
    case Kind::kControlError:
      return Control(step.text, step.kind == Kind::kControl);
    case Kind::kReply:
      if (!have_reply_) {
        return ::testing::AssertionFailure() << "'reply: " << step.text << "' before any control";
      }
      if (reply_ != step.text) {
        return ::testing::AssertionFailure()
               << "reply '" << reply_ << "', expected '" << step.text << "'";
      }
      return ::testing::AssertionSuccess();
    case Kind::kPress:
    case Kind::kRelease: {
      int button = 0;
      (void)absl::SimpleAtoi(step.text, &button);  // checked by ParseAppScript
      return step.kind == Kind::kPress ? tockd_.PressButton(button) : tockd_.ReleaseButton(button);
    }
    case Kind::kType:
      return tockd_.TypeConsole(step.text + "\n");
    case Kind::kTockdFlag:
      return ::testing::AssertionSuccess();  // applied at start
  }
  return ::testing::AssertionFailure() << "unknown step kind";
}

::testing::AssertionResult AppScriptRunner::WaitAfterCursor(Stream stream,
                                                            const std::string& text) {
  const Pattern pattern(text);
  size_t& cursor = cursor_[static_cast<int>(stream)];
  for (;;) {
    const std::string seen = tockd_.Text(stream);
    if (std::optional<Pattern::Span> match = pattern.Find(seen, cursor)) {
      cursor = match->end;
      return ::testing::AssertionSuccess();
    }
    // Not after the cursor yet: wait for one more match than this snapshot holds, then look
    // again (a match overlapping the previous one does not count).
    ::testing::AssertionResult more =
        tockd_.WaitFor(stream, pattern, pattern.Count(seen) + 1, tockd_.options().default_timeout);
    if (!more) {
      return more;
    }
  }
}

::testing::AssertionResult AppScriptRunner::Control(const std::string& command, bool must_succeed) {
  absl::StatusOr<std::vector<std::string>> reply = tockd_.control().Request(command);
  have_reply_ = true;
  reply_ = reply.ok() ? absl::StrJoin(*reply, "\n") : absl::StrCat(reply.status().message());
  if (reply.ok() != must_succeed) {
    return ::testing::AssertionFailure()
           << "'" << command << "' " << (must_succeed ? "failed: " : "succeeded: ") << reply_;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace tock::harness
