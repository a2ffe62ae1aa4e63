// TBF discovery in flash and process loading, with one line per app that is not loaded.
#include "platforms/boards/common/flash_app_loader.h"

#include "kernel/kernel_version.h"
#include "kernel/printable_name.h"
#include "kernel/tbf_loading.h"
#include "platforms/arch/cortex_m/pmsav7.h"
#include "tbf-tools/lib/error.h"
#include "tbf-tools/lib/parser.h"
#include "tbf-tools/lib/process_load_info.h"

namespace tock::boards {
namespace {

// Freestanding line builder: text is cut (never overflows) if a line exceeds the buffer.
class Line {
 public:
  Line& Add(const char* s) {
    while (*s != '\0') {
      Put(*s++);
    }
    return *this;
  }
  Line& Add(const char* s, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      Put(s[i]);
    }
    return *this;
  }
  Line& Dec(uint32_t v) {
    char digits[10];
    size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) {
      Put(digits[--n]);
    }
    return *this;
  }
  Line& Hex(uint32_t v) {
    Add("0x");
    for (int i = 0; i < 8; ++i) {
      Put("0123456789abcdef"[(v >> (28 - 4 * i)) & 0xF]);
    }
    return *this;
  }
  void Send(LoadLog log) {
    Add("\r\n");
    if (log != nullptr) {
      log(text_, len_);
    }
  }

 private:
  void Put(char c) {
    if (len_ < sizeof(text_)) {
      text_[len_++] = c;
    }
  }
  char text_[200] = {};
  size_t len_ = 0;
};

// Start of the line for an app: "Loading process <name>" (name escaped: untrusted bytes), or
// "App at <address>" when the header is too broken to name it.
Line AppLine(uint32_t at, const char* name, size_t name_len) {
  Line line;
  if (name == nullptr || name_len == 0) {
    line.Add("App at ").Hex(at);
  } else {
    const tock::PrintableName printable(name, name_len);
    line.Add("Loading process ").Add(printable.view().data(), printable.view().size());
  }
  return line;
}

// The process RAM allocator, remembering whether (and why) the last request failed, so a
// failed load can say "not enough RAM" rather than a bare error code.
class RecordingMemory final : public tock::ProcessMemory {
 public:
  explicit RecordingMemory(cortex_m::AppMemoryAllocator& inner) : inner_(inner) {}
  tock::Result<tock::MemoryAllocation> Allocate(const tock::MemoryRequest& request) override {
    failed_ = false;
    auto r = inner_.Allocate(request);
    if (!r.ok()) {
      failed_ = true;
      error_ = r.error();
      kernel_ram_ = request.kernel_ram;
    }
    return r;
  }
  bool failed() const { return failed_; }
  tock::ErrorCode error() const { return error_; }
  uint32_t kernel_ram() const { return kernel_ram_; }

 private:
  cortex_m::AppMemoryAllocator& inner_;
  bool failed_ = false;
  tock::ErrorCode error_ = tock::ErrorCode::kFail;
  uint32_t kernel_ram_ = 0;
};

const char* ErrorWord(tock::ErrorCode e) {
  switch (e) {
    case tock::ErrorCode::kNoMem:
      return "out of memory";
    case tock::ErrorCode::kInval:
      return "invalid process layout";
    case tock::ErrorCode::kNoSupport:
      return "not supported on this board";
    case tock::ErrorCode::kBusy:
      return "busy";
    default:
      return "failed";
  }
}

// What LoadFlashApps loads into, passed to the per-app steps.
struct LoadTarget {
  tock::Kernel& kernel;
  cortex_m::AppMemoryAllocator& memory;
  std::span<cortex_m::CortexMProcess> processes;
  std::span<tock::TbfDescription> descriptions;
  const tock::FaultPolicy& policy;
  const tock::ProcessManagementCapability& cap;
  LoadLog log;
  size_t slots;  // usable process slots: the smaller of the two spans
};

// Checks an app that parsed, before the kernel sees it. Adds the reason to `line` and returns
// false if it cannot be loaded (no Main/Program, kernel version, no slot, MPU alignment).
bool CheckLoadable(const tock::tbf::TbfHeader& header, const tock::tbf::ProcessLoadInfo& info,
                   uint32_t flash_start, uint32_t total, size_t loaded, size_t slots, Line& line) {
  if (!header.main && !header.program) {
    line.Add(": not loaded: malformed TBF header (no Main or Program header)");
    return false;
  }
  if (info.has_kernel_version &&
      !tock::KernelVersionAccepts(info.kernel_major, info.kernel_minor)) {
    line.Add(": not loaded: needs kernel version ")
        .Dec(info.kernel_major)
        .Add(".")
        .Dec(info.kernel_minor)
        .Add(", this kernel is ")
        .Dec(tock::kKernelVersionMajor)
        .Add(".")
        .Dec(tock::kKernelVersionMinor);
    return false;
  }
  if (loaded >= slots) {
    line.Add(": not loaded: no free process slot (this board has ").Dec(slots).Add(")");
    return false;
  }
  // The MPU protects the app's flash with one power-of-two region aligned to its size.
  cortex_m::MpuConfig scratch;
  if (!cortex_m::SetFlashRegion(flash_start, total, scratch)) {
    line.Add(": not loaded: flash region ")
        .Hex(flash_start)
        .Add(" (")
        .Dec(total)
        .Add(" bytes) is not aligned for the MPU (needs a multiple of its power-of-two size)");
    return false;
  }
  return true;
}

// Adds to `line` why the kernel did not load the app described by `d`.
void ExplainLoadFailure(const RecordingMemory& recording, const tock::TbfDescription& d,
                        tock::ErrorCode error, const cortex_m::AppMemoryAllocator& memory,
                        Line& line) {
  if (recording.failed() && recording.error() == tock::ErrorCode::kNoSupport &&
      d.fixed_ram_address != tock::kNoFixedAddress) {
    line.Add(": not loaded: fixed RAM address ")
        .Hex(d.fixed_ram_address)
        .Add(" not supported on this board");
  } else if (recording.failed()) {
    line.Add(": not loaded: not enough RAM (needs ")
        .Dec(d.minimum_ram_size)
        .Add(" bytes + ")
        .Dec(recording.kernel_ram())
        .Add(" for the kernel; free process RAM starts at ")
        .Hex(memory.next_free())
        .Add(")");
  } else if (error == tock::ErrorCode::kNoMem) {
    // RAM was found, so the kernel had no slot or the MPU could not cover the process.
    line.Add(": not loaded: no free process slot or no MPU layout for its memory");
  } else {
    line.Add(": not loaded: the kernel refused it (").Add(ErrorWord(error)).Add(")");
  }
}

// Loads the app whose TBF (`total` bytes, parsed into `header`) starts at flash address `at`
// into the next free slot, and logs its line.
void LoadApp(uint32_t at, uint32_t total, std::span<const uint8_t> rest,
             const tock::tbf::TbfHeader& header, LoadTarget& target, LoadReport& report) {
  const tock::tbf::ProcessLoadInfo info = tock::tbf::MakeProcessLoadInfo(rest, header);
  Line line = AppLine(at, info.package_name, info.package_name_len);
  if (!CheckLoadable(header, info, at, total, report.loaded, target.slots, line)) {
    line.Send(target.log);
    return;
  }
  auto described = tock::DescribeTbf(rest, tock::kFlashAddressOfImage);
  if (!described.ok()) {
    line.Add(": not loaded: malformed TBF header").Send(target.log);
    return;
  }
  tock::TbfDescription& d = target.descriptions[report.loaded];
  cortex_m::CortexMProcess& proc = target.processes[report.loaded];
  d = described.value();
  RecordingMemory recording(target.memory);
  tock::ProcessPlatform platform{recording, proc, proc};
  auto loaded = target.kernel.LoadProcess(d, platform, target.policy, target.cap);
  if (loaded.ok()) {
    ++report.loaded;
  } else {
    ExplainLoadFailure(recording, d, loaded.error(), target.memory, line);
  }
  line.Send(target.log);
}

// A header that does not parse at all. Erased flash (0xFF) or zeros where a version would be
// are the quiet end of the apps; anything else is reported.
void ReportUnparsableBase(uint32_t at, const uint8_t* bytes, const tock::tbf::Error& error,
                          LoadLog log) {
  const uint16_t version = static_cast<uint16_t>(bytes[0] | bytes[1] << 8);
  if (version != 0 && version != 0xFFFF) {
    AppLine(at, nullptr, 0)
        .Add(": not loaded: malformed TBF header (")
        .Add(tock::tbf::ErrorKindName(error.kind))
        .Add("); the scan stops here")
        .Send(log);
  }
}

void ReportMalformed(uint32_t at, const tock::tbf::Error& error, bool can_skip, LoadLog log) {
  AppLine(at, nullptr, 0)
      .Add(": not loaded: malformed TBF header (")
      .Add(tock::tbf::ErrorKindName(error.kind))
      .Add(" at ")
      .Add(error.field)
      .Add(can_skip ? ")" : "); the scan stops here")
      .Send(log);
}

}  // namespace

LoadReport LoadFlashApps(uint32_t apps_start, uint32_t apps_end, tock::Kernel& kernel,
                         cortex_m::AppMemoryAllocator& memory,
                         std::span<cortex_m::CortexMProcess> processes,
                         std::span<tock::TbfDescription> descriptions,
                         const tock::FaultPolicy& policy,
                         const tock::ProcessManagementCapability& cap, LoadLog log) {
  LoadReport report;
  LoadTarget target{
      kernel,    memory,
      processes, descriptions,
      policy,    cap,
      log,       processes.size() < descriptions.size() ? processes.size() : descriptions.size()};
  uint32_t at = apps_start;
  while (at < apps_end && apps_end - at >= 16) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(static_cast<uintptr_t>(at));
    const std::span<const uint8_t> rest(bytes, apps_end - at);
    auto base = tock::tbf::ParseBaseHeader(rest);
    if (!base.ok()) {
      ReportUnparsableBase(at, bytes, base.error(), log);
      break;
    }
    const uint32_t total = base.value().total_size;
    // Without a usable total_size the next object cannot be found: report and stop.
    const bool can_skip = total >= 16 && total % 4 == 0 && total <= apps_end - at;

    auto parsed = tock::tbf::ParseTbf(rest);
    if (!parsed.ok()) {
      ++report.found;
      ReportMalformed(at, parsed.error(), can_skip, log);
      if (!can_skip) {
        break;
      }
      at += total;
      continue;
    }
    if (!parsed.value().is_padding) {
      ++report.found;
      LoadApp(at, total, rest, parsed.value(), target, report);
    }
    at += total;
  }
  return report;
}

}  // namespace tock::boards
