// AppMemory: memfds sized to whole pages, mapped MAP_SHARED into tockd.
#include "hostkernel/process/app_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "hostkernel/abi/tock_channel.h"

namespace tock::hostkernel {
namespace {

// The launcher is linked at 0x08048000 (hostkernel/launcher/BUILD.bazel).
constexpr uint64_t kLauncherLow = 0x08048000u, kLauncherHigh = 0x08100000u;
// App regions stay well inside the 32-bit space that x32 pointers reach.
constexpr uint64_t kAppSpaceEnd = 0xF0000000u;

bool Overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen) {
  return a < b + blen && b < a + alen;
}

absl::StatusOr<Mapping> MapShared(int fd, size_t len) {
  void* p = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) {
    return absl::ErrnoToStatus(errno, "mmap app memory");
  }
  return Mapping(p, len);
}

}  // namespace

absl::StatusOr<std::unique_ptr<AppMemory>> AppMemory::Create(uint32_t flash_addr,
                                                             std::span<const uint8_t> flash_image,
                                                             uint32_t ram_addr, uint32_t ram_size) {
  const uint64_t flash_map_addr = PageFloor(flash_addr);
  const uint64_t flash_map_len =
      (uint64_t{flash_addr} - flash_map_addr + flash_image.size() + kHostPageSize - 1) &
      ~uint64_t{kHostPageSize - 1};
  if (flash_image.empty() || flash_map_addr < 0x10000 ||
      flash_map_addr + flash_map_len > kAppSpaceEnd) {
    return absl::InvalidArgumentError(absl::StrFormat("bad flash region 0x%x", flash_addr));
  }
  if (ram_size == 0 || ram_addr % kHostPageSize != 0 || ram_size % kHostPageSize != 0 ||
      ram_addr < 0x10000 || uint64_t{ram_addr} + ram_size > kAppSpaceEnd) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "bad RAM region 0x%x+0x%x (page aligned, above 0x10000)", ram_addr, ram_size));
  }
  if (Overlaps(flash_map_addr, flash_map_len, ram_addr, ram_size) ||
      Overlaps(flash_map_addr, flash_map_len, TOCK_HOST_CHANNEL_ADDR, kHostPageSize) ||
      Overlaps(ram_addr, ram_size, TOCK_HOST_CHANNEL_ADDR, kHostPageSize) ||
      Overlaps(flash_map_addr, flash_map_len, kLauncherLow, kLauncherHigh - kLauncherLow) ||
      Overlaps(ram_addr, ram_size, kLauncherLow, kLauncherHigh - kLauncherLow)) {
    return absl::InvalidArgumentError("app regions overlap each other, the channel or launcher");
  }

  std::unique_ptr<AppMemory> m(new AppMemory());
  m->flash_addr_ = flash_addr;
  m->flash_size_ = static_cast<uint32_t>(flash_image.size());
  m->ram_addr_ = ram_addr;
  m->ram_size_ = ram_size;
  m->flash_fd_.Reset(memfd_create("tock-flash", MFD_CLOEXEC));
  m->ram_fd_.Reset(memfd_create("tock-ram", MFD_CLOEXEC));
  if (!m->flash_fd_ || !m->ram_fd_) {
    return absl::ErrnoToStatus(errno, "memfd_create");
  }
  if (ftruncate(m->flash_fd_.get(), static_cast<off_t>(flash_map_len)) != 0 ||
      ftruncate(m->ram_fd_.get(), ram_size) != 0) {
    return absl::ErrnoToStatus(errno, "ftruncate app memory");
  }
  absl::StatusOr<Mapping> flash = MapShared(m->flash_fd_.get(), flash_map_len);
  if (!flash.ok()) {
    return flash.status();
  }
  absl::StatusOr<Mapping> ram = MapShared(m->ram_fd_.get(), ram_size);
  if (!ram.ok()) {
    return ram.status();
  }
  m->flash_map_ = *std::move(flash);
  m->ram_map_ = *std::move(ram);
  std::memcpy(m->flash(), flash_image.data(), flash_image.size());
  return m;
}

uint8_t* AppMemory::RamPointer(uint32_t addr, uint32_t len) const {
  if (addr < ram_addr_) {
    return nullptr;
  }
  const uint64_t off = uint64_t{addr} - ram_addr_;
  if (off + len > ram_size_) {
    return nullptr;
  }
  return ram_map_.data() + off;
}

uint8_t* AppMemory::FlashPointer(uint32_t addr, uint32_t len) const {
  if (addr < flash_addr_) {
    return nullptr;
  }
  const uint64_t off = uint64_t{addr} - flash_addr_;
  if (off + len > flash_size_) {
    return nullptr;
  }
  return flash() + off;
}

void AppMemory::ClearRam() { std::memset(ram_map_.data(), 0, ram_map_.size()); }

}  // namespace tock::hostkernel
