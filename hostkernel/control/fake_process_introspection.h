// FakeProcessIntrospection: a scripted ProcessIntrospection for control-socket and tockctl
// tests; records stop/start/restart requests. Host-only test helper.
#ifndef TOCKPP_HOSTKERNEL_CONTROL_FAKE_PROCESS_INTROSPECTION_H_
#define TOCKPP_HOSTKERNEL_CONTROL_FAKE_PROCESS_INTROSPECTION_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hostkernel/control/console_hook.h"
#include "hostkernel/control/process_introspection.h"

namespace tock::hostkernel {

class FakeProcessIntrospection final : public ProcessIntrospection {
 public:
  FakeProcessIntrospection() {
    ProcessInfo blink;
    blink.id = 0;
    blink.name = "blink";
    blink.state = "yielded";
    blink.restart_count = 1;
    blink.syscall_count = 42;
    blink.flash_start = 0x00030000;
    blink.flash_size = 0x2000;
    blink.ram_start = 0x20000000;
    blink.ram_size = 0x4000;
    blink.app_break = 0x20001000;
    blink.grant_start = 0x20003c00;
    blink.grant_size = 0x400;
    blink.grants.push_back({0x00002, 16});
    blink.pending_upcalls.push_back({0x00000, 0, {1, 2, 3}});
    blink.allowed_buffers.push_back({"rw", 0x00001, 1, 0x20000100, 64});
    ProcessInfo hello;
    hello.id = 1;
    hello.name = "hello";
    hello.state = "running";
    processes.push_back(blink);
    processes.push_back(hello);
  }

  std::vector<ProcessInfo> ListProcesses(bool details) override {
    std::vector<ProcessInfo> out = processes;
    if (!details) {
      for (ProcessInfo& p : out) {
        p.grants.clear();
        p.pending_upcalls.clear();
        p.allowed_buffers.clear();
      }
    }
    return out;
  }
  std::optional<ProcessInfo> FindProcess(absl::string_view app) override {
    for (const ProcessInfo& p : processes) {
      if (p.name == app) {
        return p;
      }
    }
    return std::nullopt;
  }
  absl::Status StopProcess(absl::string_view app) override { return Record("stop", app); }
  absl::Status StartProcess(absl::string_view app) override { return Record("start", app); }
  absl::Status RestartProcess(absl::string_view app) override { return Record("restart", app); }

  std::vector<ProcessInfo> processes;
  std::vector<std::string> requests;

 private:
  absl::Status Record(const char* what, absl::string_view app) {
    if (!FindProcess(app)) {
      return absl::NotFoundError(absl::StrCat("no process '", app, "'"));
    }
    requests.push_back(absl::StrCat(what, " ", app));
    return absl::OkStatus();
  }
};

// A ConsoleHook that records input and lets the test emit output.
class FakeConsoleHook final : public ConsoleHook {
 public:
  uint64_t AttachOutput(Sink sink) override {
    sinks.emplace(next, std::move(sink));
    return next++;
  }
  void DetachOutput(uint64_t id) override { sinks.erase(id); }
  void SendInput(std::string_view bytes) override { input.append(bytes); }
  void Emit(std::string_view bytes) {
    auto copy = sinks;
    for (auto& [id, s] : copy) {
      s(bytes);
    }
  }

  std::map<uint64_t, Sink> sinks;
  uint64_t next = 1;
  std::string input;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_CONTROL_FAKE_PROCESS_INTROSPECTION_H_
