// libFuzzer target for tockd's whole load path up to the spawn: each input is one to eight TBF
// images (separated by kSeparator) that go, as tockd's loading section does it, through
// MakeAppImage (TBF library + DescribeTbf) -> PlanLoad (CheckHostApp per app, then names,
// slots and the RAM total) -> tock::Kernel::LoadProcess on a small real kernel (4 slots, two
// grants) with a real HostProcess per slot as memory (memfds + mappings) and MPU. Only the
// boundary is a recorder, so nothing is spawned. Invariants trap (message + abort); after
// every input every process is terminated and every HostProcess dropped: the lowest free file
// descriptor must be what it was before the input, and (every 512 inputs) no app memfd may
// still be mapped. Host build only.
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/loader/app_check.h"
#include "hostkernel/loader/load_plan.h"
#include "hostkernel/process/app_memory.h"
#include "hostkernel/process/host_process.h"
#include "hostkernel/runtime/app_image.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/fault_policy.h"
#include "kernel/grant.h"
#include "kernel/kernel.h"

namespace {

using tock::hostkernel::AppImage;
using tock::hostkernel::AppMemory;
using tock::hostkernel::HostLoadLimits;
using tock::hostkernel::HostProcess;

// Splits one input into TBF images (also in the dictionary).
constexpr std::string_view kSeparator = "@@TBF@@";
constexpr size_t kMaxImages = 8;
constexpr size_t kSlots = 4;
// Small limits so that the per-app cap, the RAM total and the slots are all reachable from one
// input, and a load stays cheap (the kernel zeroes every byte of an app's RAM at start).
constexpr uint32_t kAppRamMax = 64u << 10;
constexpr uint64_t kTotalRamMax = 160u << 10;

[[noreturn]] void Fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "load_path_fuzzer: invariant broken: %s%s%s\n", what,
               detail.empty() ? "" : ": ", detail.c_str());
  std::abort();
}

void Check(bool ok, const char* what, const std::string& detail = {}) {
  if (!ok) {
    Fail(what, detail);
  }
}

bool HasLetters(const std::string& s) {
  for (const char c : s) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      return true;
    }
  }
  return false;
}

// Records the entry call instead of spawning a child.
class RecordingBoundary final : public tock::UserspaceKernelBoundary {
 public:
  tock::Result<void> InitializeProcess(uint32_t entry_pc,
                                       const tock::SyscallRegisters& args) override {
    ++entries;
    entry = entry_pc;
    entry_args = args;
    return {};
  }
  void SetSyscallReturn(const tock::EncodedReturn&) override { ++returns; }
  void SetUpcall(uint32_t, const tock::SyscallRegisters&) override { ++upcalls; }
  void ProcessTerminated() override { ++terminations; }

  int entries = 0, returns = 0, upcalls = 0, terminations = 0;
  uint32_t entry = 0;
  tock::SyscallRegisters entry_args{};
};

struct GrantData {
  uint32_t counter = 0;
};

// A small board: the kernel with its process table and two grants (like hostkernel/board),
// one HostProcess and one recording boundary per slot. Built for every input, so every slot
// starts Unused and every memfd dies with it.
struct World {
  World()
      : kernel(processes, drivers),
        alarm_like(kernel, 0x00000, memory_cap),
        console_like(kernel, 0x00001, memory_cap) {}

  tock::ProcessManagementCapability process_cap = tock::CapabilityFactory::ProcessManagement();
  tock::MemoryAllocationCapability memory_cap = tock::CapabilityFactory::MemoryAllocation();
  tock::DriverTable<4> drivers;
  std::array<tock::Process, kSlots> processes;
  tock::Kernel kernel;
  tock::Grant<GrantData, tock::UpcallCount<1>, tock::AllowRoCount<0>, tock::AllowRwCount<0>>
      alarm_like;
  tock::Grant<GrantData, tock::UpcallCount<3>, tock::AllowRoCount<1>, tock::AllowRwCount<1>>
      console_like;
  std::array<HostProcess, kSlots> hosts;
  std::array<RecordingBoundary, kSlots> boundaries;
  tock::StopFaultPolicy policy;
};

int LowestFreeFd() {
  const int fd = dup(STDERR_FILENO);
  if (fd >= 0) {
    close(fd);
  }
  return fd;
}

// Mappings of app memfds ("/memfd:tock-flash", "/memfd:tock-ram") still in this process.
int AppMappingCount() {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  int n = 0;
  while (std::getline(maps, line)) {
    n += line.find("memfd:tock-") != std::string::npos;
  }
  return n;
}

bool IsTar(const std::vector<uint8_t>& bytes) {
  return bytes.size() >= 262 && std::memcmp(bytes.data() + 257, "ustar", 5) == 0;
}

std::vector<std::vector<uint8_t>> SplitImages(const uint8_t* data, size_t size) {
  std::vector<std::vector<uint8_t>> images;
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  size_t start = 0;
  while (images.size() + 1 < kMaxImages) {
    const size_t sep = all.find(kSeparator, start);
    if (sep == std::string_view::npos) {
      break;
    }
    images.emplace_back(data + start, data + sep);
    start = sep + kSeparator.size();
  }
  images.emplace_back(data + start, data + size);
  return images;
}

// What the plan accepted is consistent with itself and the limits.
void CheckAccepted(const AppImage& image, const HostLoadLimits& limits) {
  const tock::TbfDescription& t = image.tbf;
  Check(t.image == image.bytes.data(), "description points at the image's own bytes");
  Check(t.total_size != 0 && t.total_size <= image.bytes.size(), "total size inside the bytes");
  Check(t.header_size <= t.total_size, "header inside the TBF");
  Check(uint64_t{t.header_size} + t.protected_trailer_size <= t.total_size,
        "protected region inside the TBF");
  Check(t.flash_address == TOCK_HOST_FLASH_ADDR, "TBF at the host flash address");
  const uint64_t entry = uint64_t{t.header_size} + t.init_fn_offset;
  const uint32_t binary_end = image.info.binary_end_offset != 0
                                  ? std::min(image.info.binary_end_offset, t.total_size)
                                  : t.total_size;
  Check(entry >= t.protected_size() && entry < binary_end && entry % 4 == 0,
        "entry inside the app binary, 4-byte aligned", image.source);
  Check(t.fixed_flash_address == TOCK_HOST_FLASH_ADDR + t.protected_size(),
        "fixed flash address where the host puts the binary");
  Check(t.fixed_ram_address == tock::kNoFixedAddress || t.fixed_ram_address == TOCK_HOST_RAM_ADDR,
        "fixed RAM address is the host's");
  Check(t.minimum_ram_size <= limits.max_app_ram, "RAM request within --app-ram-max");
  Check(tock::hostkernel::HostRamFor(image) <=
            limits.max_app_ram + 2 * tock::hostkernel::kHostPageSize,
        "host RAM within --app-ram-max plus page rounding and the kernel page");
  Check(t.package_name != nullptr && t.package_name_len != 0, "every accepted app has a name");
  for (uint32_t i = 0; i < t.num_writeable_regions; ++i) {
    const tock::WriteableFlashRegion& r = t.writeable_regions[i];
    Check(r.size == 0 ||
              (r.offset >= t.protected_size() && uint64_t{r.offset} + r.size <= t.total_size),
          "writeable region inside the binary");
  }
}

// Read: one AppFile per image, as LoadAppFile makes them from a .tbf file. `given` counts the
// images and refusals the files hold; `sources` names every file.
std::vector<tock::hostkernel::AppFile> ReadImages(const uint8_t* data, size_t size, size_t& given,
                                                  std::set<std::string>& sources) {
  std::vector<std::vector<uint8_t>> chunks = SplitImages(data, size);
  std::vector<tock::hostkernel::AppFile> files;
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (IsTar(chunks[i])) {
      // A TAB: read as tockd reads a file given on the command line (its x32/x86_64 members
      // each become an image, named "PATH:MEMBER").
      const int fd = memfd_create("fuzz-tab", MFD_CLOEXEC);
      Check(fd >= 0, "memfd_create for a TAB");
      Check(write(fd, chunks[i].data(), chunks[i].size()) == static_cast<ssize_t>(chunks[i].size()),
            "write the TAB");
      const std::string path = "/proc/self/fd/" + std::to_string(fd);
      tock::hostkernel::AppFile file = tock::hostkernel::LoadAppFile(path);
      close(fd);
      sources.insert(path);
      given += file.images.size() + file.refused.size();
      files.push_back(std::move(file));
      continue;
    }
    std::string source = "fuzz/app" + std::to_string(i) + ".tbf";
    sources.insert(source);
    tock::hostkernel::AppFile file;
    auto image = tock::hostkernel::MakeAppImage(source, std::move(chunks[i]));
    if (image.ok()) {
      file.images.push_back(*std::move(image));
    } else {
      Check(!image.status().message().empty(), "MakeAppImage error has a reason");
      file.refused.push_back({source, "?", std::string{image.status().message()}});
    }
    ++given;
    files.push_back(std::move(file));
  }

  return files;
}

// Plan (CheckHostApp, names, slots, RAM total) and check what it decided.
tock::hostkernel::LoadPlan PlanAndCheck(std::vector<tock::hostkernel::AppFile> files,
                                        const HostLoadLimits& limits, size_t given,
                                        const std::set<std::string>& sources) {
  tock::hostkernel::LoadPlan plan = tock::hostkernel::PlanLoad(std::move(files), limits);
  Check(plan.accepted.size() + plan.refused.size() == given, "every image accepted or refused");
  Check(plan.accepted.size() <= limits.max_processes, "no more apps than slots");
  for (const tock::hostkernel::AppRefusal& r : plan.refused) {
    if (std::getenv("LOAD_PATH_FUZZER_VERBOSE") != nullptr) {
      std::fprintf(stderr, "%s\n", tock::hostkernel::RefusalLine(r).c_str());
    }
    Check(HasLetters(r.reason), "a refusal's reason is words", r.reason);
    Check(!r.name.empty(), "a refusal names the app or says ?");
    Check(sources.count(r.source.substr(0, r.source.find(':'))) == 1, "a refusal names its file",
          r.source);
    for (const char c : r.name) {
      Check(c >= 0x20 && c < 0x7f, "a refused app's name is printed escaped", r.name);
    }
    // One line, nothing a TBF could inject into the log.
    for (const char c : tock::hostkernel::RefusalLine(r)) {
      Check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f,
            "the refusal line has no control character", r.reason);
    }
  }
  std::set<std::string> names;
  uint64_t total_ram = 0;
  for (const auto& image : plan.accepted) {
    CheckAccepted(*image, limits);
    // tockd logs "loaded NAME from SOURCE": nothing a TBF or TAB holds may break that line.
    for (const char c : image->source) {
      Check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f,
            "an accepted app's source has no control character", image->source);
    }
    if (std::getenv("LOAD_PATH_FUZZER_VERBOSE") != nullptr) {
      std::fprintf(stderr, "accepted %s (%s)\n", image->source.c_str(), image->name().c_str());
    }
    Check(names.insert(image->name()).second, "accepted names are unique", image->name());
    total_ram += tock::hostkernel::HostRamFor(*image);
  }
  Check(total_ram <= limits.max_total_ram, "RAM total within --total-ram-max");

  return plan;
}

void RunInput(const uint8_t* data, size_t size) {
  HostLoadLimits limits;
  limits.max_app_ram = kAppRamMax;
  limits.max_total_ram = kTotalRamMax;
  limits.max_processes = kSlots;

  size_t given = 0;
  std::set<std::string> sources;
  std::vector<tock::hostkernel::AppFile> files = ReadImages(data, size, given, sources);
  const tock::hostkernel::LoadPlan plan = PlanAndCheck(std::move(files), limits, given, sources);

  // Load, as tockd: the next free HostProcess for each accepted app.
  auto world = std::make_unique<World>();
  std::vector<tock::ProcessId> pids;
  size_t loaded = 0;
  for (const auto& image : plan.accepted) {
    HostProcess& host = world->hosts[loaded];
    RecordingBoundary& boundary = world->boundaries[loaded];
    const tock::ProcessPlatform platform{host, boundary, host};
    tock::Result<tock::ProcessId> pid =
        world->kernel.LoadProcess(image->tbf, platform, world->policy, world->process_cap);
    if (!pid.ok()) {
      Fail("an app the plan accepted does not load",
           image->source + ": " +
               tock::hostkernel::DescribeLoadError(pid.error(), *image, loaded, limits));
    }
    const tock::TbfDescription& t = image->tbf;
    tock::Process& p = *world->kernel.ProcessFor(pid.value());
    const AppMemory* mem = host.memory();
    Check(mem != nullptr, "the HostProcess has memory after a load");
    // The mappings are what the plan counted and what the kernel was told.
    Check(mem->ram_addr() == TOCK_HOST_RAM_ADDR && p.memory_start() == mem->ram_addr(),
          "RAM at the host RAM address");
    Check(mem->ram_size() == tock::hostkernel::HostRamFor(*image) &&
              p.memory_len() == mem->ram_size(),
          "RAM mapping size = the plan's figure = the kernel's memory_len",
          std::to_string(mem->ram_size()) + " vs " +
              std::to_string(tock::hostkernel::HostRamFor(*image)));
    Check(mem->ram_size() <= limits.max_app_ram + 2 * tock::hostkernel::kHostPageSize,
          "RAM mapping within --app-ram-max");
    Check(mem->flash_addr() == t.flash_address && mem->flash_size() == t.total_size,
          "flash mapping is the TBF");
    Check(mem->flash_map_len() % 4096 == 0 && mem->flash_map_len() >= t.total_size,
          "flash mapping covers the TBF in whole pages");
    Check(std::memcmp(mem->flash(), t.image, t.total_size) == 0, "flash mapping holds the TBF");
    Check(p.flash_start() == t.flash_address && p.flash_end() == t.flash_address + t.total_size,
          "process flash is the TBF");
    Check(p.kernel_memory_break() <= p.memory_end() && p.app_break() <= p.kernel_memory_break(),
          "breaks ordered");
    if (t.enabled) {
      Check(p.state() == tock::ProcessState::kRunning, "an enabled app is Running after load");
    } else {
      Check(p.state() == tock::ProcessState::kTerminated, "a disabled app waits Terminated");
      Check(boundary.entries == 0, "a disabled app is not entered");
      // What the process console's `start` would do.
      Check(world->kernel.StartProcess(pid.value(), world->process_cap).ok(),
            "a disabled app starts");
    }
    Check(boundary.entries == 1, "one entry call per start");
    Check(boundary.entry == t.entry_point() && boundary.entry >= p.flash_protected_end() &&
              boundary.entry < p.flash_end(),
          "the entry point is inside the app binary");
    Check(boundary.entry_args[0] == t.app_start() && boundary.entry_args[1] == p.memory_start() &&
              boundary.entry_args[2] == p.memory_len() &&
              boundary.entry_args[3] == p.initial_app_break(),
          "crt0 gets app_start, memory_start, memory_len, app_break");
    pids.push_back(pid.value());
    ++loaded;
  }
  Check(world->kernel.illegal_transition_count() == 0, "no illegal state transition");

  // Tear down: terminate every process, then drop the board (memfds and mappings).
  for (size_t i = 0; i < pids.size(); ++i) {
    Check(world->kernel.TerminateProcess(pids[i], 0, world->process_cap).ok(), "terminate");
    Check(world->boundaries[i].terminations == 1, "terminating releases the context once");
    Check(world->processes[i].state() == tock::ProcessState::kTerminated, "Terminated");
  }
  world.reset();
}

uint64_t g_runs = 0;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Measured around each input: libFuzzer itself may open descriptors between inputs (its
  // symbolizer's pipes when it prints NEW_FUNC).
  const int free_fd = LowestFreeFd();
  RunInput(data, size);
  const int fd = LowestFreeFd();
  Check(fd == free_fd, "a file descriptor leaked",
        std::to_string(fd) + " free after the input, " + std::to_string(free_fd) + " before");
  if (++g_runs % 512 == 1) {
    Check(AppMappingCount() == 0, "an app memory mapping leaked");
  }
  return 0;
}
