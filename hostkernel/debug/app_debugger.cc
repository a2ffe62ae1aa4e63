// AppDebugger: --debug and `debug APP`; see app_debugger.h.
#include "hostkernel/debug/app_debugger.h"

#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "hostkernel/debug/gdb_command.h"
#include "hostkernel/runtime/escaped_name.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(std::string, debug, "",
          "APP[,APP...]: each named app waits before its first instruction until gdb attaches; "
          "tockd prints the gdb command (docs/debugging.md)");

namespace tock::hostkernel {
namespace {

std::string Escaped(absl::string_view app) {
  return EscapedName(std::string_view(app.data(), app.size()));
}

}  // namespace

AppDebugger::AppDebugger(std::span<HostProcess> hosts,
                         const std::vector<std::unique_ptr<AppImage>>& images,
                         std::function<void(const std::string&)> print)
    : hosts_(hosts), images_(images), print_(std::move(print)) {
  if (!print_) {
    print_ = [](const std::string& line) { spdlog::warn("{}", line); };
  }
  for (absl::string_view name :
       absl::StrSplit(absl::GetFlag(FLAGS_debug), ',', absl::SkipWhitespace())) {
    Mark(name);
  }
  for (HostProcess& host : hosts_) {
    host.set_debug_hook(this);
  }
  for (const std::string& name : UnknownNames()) {
    spdlog::warn("--debug names '{}', but no app has that name", EscapedName(name));
  }
}

AppDebugger::~AppDebugger() {
  for (HostProcess& host : hosts_) {
    host.set_debug_hook(nullptr);
  }
}

std::vector<std::string> AppDebugger::UnknownNames() const {
  std::vector<std::string> unknown;
  for (const std::string& name : wanted_) {
    bool found = false;
    for (const auto& image : images_) {
      found = found || image->name() == name;
    }
    if (!found) {
      unknown.push_back(name);
    }
  }
  return unknown;
}

std::string AppDebugger::Command(absl::string_view app, int pid) const {
  for (const auto& image : images_) {
    if (image->name() != app) {
      continue;
    }
    std::string looked_for;
    const std::string elf = ElfBesideTbf(image->source, &looked_for);
    if (!elf.empty()) {
      return GdbAttachCommand(pid, elf);
    }
    return absl::StrCat(GdbAttachCommand(pid, ""), "   (no symbols: no ELF at ", looked_for,
                        "; give gdb the app's ELF as its file)");
  }
  return absl::StrCat(GdbAttachCommand(pid, ""), "   (no symbols: unknown app source)");
}

std::string AppDebugger::HeldLine(absl::string_view app, int pid) const {
  return absl::StrCat(
      "app '", Escaped(app), "' (pid ", pid,
      ") waits for a debugger before its first instruction; attach with: ", Command(app, pid));
}

std::string AppDebugger::AttachLine(absl::string_view app, int pid) const {
  return absl::StrCat(
      "app '", Escaped(app), "' (pid ", pid,
      ") is running and now debuggable; attach (this stops it) with: ", Command(app, pid));
}

bool AppDebugger::WantsDebug(const HostProcess& host) {
  return wanted_.find(host.name()) != wanted_.end();
}

void AppDebugger::Held(const HostProcess& host, int pid) { print_(HeldLine(host.name(), pid)); }

absl::Status AppDebugger::Debug(absl::string_view app, std::vector<std::string>& out) {
  HostProcess* host = nullptr;
  for (HostProcess& h : hosts_) {
    if (h.memory() != nullptr && h.name() == app) {
      host = &h;
      break;
    }
  }
  if (host == nullptr) {
    return absl::NotFoundError(absl::StrCat("no app named '", Escaped(app), "'"));
  }
  Mark(app);
  if (host->held_for_debugger()) {
    out.push_back(HeldLine(app, host->pid()));
    return absl::OkStatus();
  }
  if (const int pid = host->DebugRunningChild(); pid > 0) {
    out.push_back(AttachLine(app, pid));
    print_(out.back());
    return absl::OkStatus();
  }
  if (host->phase() == ChildPhase::kSpawning) {
    out.push_back(absl::StrCat("app '", Escaped(app),
                               "' is starting: it waits for a debugger before its first "
                               "instruction, and tockd's log shows the command"));
    return absl::OkStatus();
  }
  out.push_back(absl::StrCat("app '", Escaped(app),
                             "' has no running process: its next start waits for a debugger "
                             "(tockctl start|restart ",
                             Escaped(app), "), and tockd prints the command"));
  return absl::OkStatus();
}

}  // namespace tock::hostkernel
