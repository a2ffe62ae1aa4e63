// JSON-lines trace writer; see tracer.h and TRACE.md.
#include "hostkernel/runtime/tracer.h"

#include <cinttypes>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "hostkernel/runtime/kernel_introspection.h"

namespace tock::hostkernel {
namespace {

const char* ClassName(uint32_t c) {
  static constexpr const char* kNames[] = {"yield",    "subscribe", "command", "allow_rw",
                                           "allow_ro", "memop",     "exit",    "allow_userspace"};
  return c < 8 ? kNames[c] : "invalid";
}

void AppendJsonString(std::string& out, absl::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          absl::StrAppendFormat(&out, "\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

}  // namespace

absl::StatusOr<std::unique_ptr<Tracer>> Tracer::Open(const std::string& path,
                                                     const HostClock& clock) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("--trace ", path, ": cannot open"));
  }
  return std::unique_ptr<Tracer>(new Tracer(f, clock));
}

Tracer::~Tracer() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

void Tracer::Begin(const char* event) {
  line_.clear();
  absl::StrAppendFormat(&line_, "{\"t\":%u,\"ev\":\"%s\"", clock_.NowNs(), event);
}

void Tracer::Process(const tock::Process& p) {
  absl::StrAppendFormat(&line_, ",\"pid\":%u,\"app\":", p.id().id());
  AppendJsonString(line_, absl::string_view(p.name(), p.name_length()));
}

void Tracer::End() {
  line_ += "}\n";
  std::fwrite(line_.data(), 1, line_.size(), file_);
  std::fflush(file_);
}

void Tracer::Syscall(const tock::Process& p, const HostProcess::Trap& trap,
                     const std::optional<tock::EncodedReturn>& ret) {
  Begin("syscall");
  Process(p);
  absl::StrAppendFormat(&line_, ",\"class\":\"%s\",\"args\":[%u,%u,%u,%u]",
                        ClassName(trap.syscall_class), trap.regs[0], trap.regs[1], trap.regs[2],
                        trap.regs[3]);
  if (ret) {
    line_ += ",\"ret\":[";
    bool first = true;
    for (int i = 0; i < 4; ++i) {
      if (!ret->Writes(i)) {
        continue;
      }
      absl::StrAppendFormat(&line_, "%s%u", first ? "" : ",", ret->regs[i]);
      first = false;
    }
    line_ += "]";
  }
  End();
}

void Tracer::Upcall(const tock::Process& p, uint32_t fn, const tock::SyscallRegisters& args) {
  Begin("upcall");
  Process(p);
  absl::StrAppendFormat(&line_, ",\"fn\":%u,\"args\":[%u,%u,%u,%u]", fn, args[0], args[1], args[2],
                        args[3]);
  End();
}

void Tracer::Fault(const tock::Process& p, absl::string_view cause) {
  Begin("fault");
  Process(p);
  line_ += ",\"cause\":";
  AppendJsonString(line_, cause);
  End();
}

void Tracer::Console(absl::string_view text) {
  Begin("console");
  line_ += ",\"text\":";
  AppendJsonString(line_, text);
  End();
}

void Tracer::Note(absl::string_view event, absl::string_view detail) {
  Begin("note");
  line_ += ",\"what\":";
  AppendJsonString(line_, event);
  line_ += ",\"detail\":";
  AppendJsonString(line_, detail);
  End();
}

void Tracer::Peripheral(absl::string_view peripheral, absl::string_view line) {
  Begin("peripheral");
  line_ += ",\"name\":";
  AppendJsonString(line_, peripheral);
  line_ += ",\"line\":";
  AppendJsonString(line_, line);
  End();
}

void Tracer::State(const tock::Process& p) {
  Begin("state");
  Process(p);
  line_ += ",\"state\":";
  AppendJsonString(line_, StateName(p.state()));
  absl::StrAppendFormat(&line_, ",\"restarts\":%u", p.restart_count());
  End();
}

}  // namespace tock::hostkernel
