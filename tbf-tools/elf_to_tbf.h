// ElfToTbf: builds a TBF from an ELF32 app the way upstream elf2tab does (header layout, RAM
// size, protected region, binary, relocation block, footers, total-size padding), with the
// host-app fixed-address convention of tockpp. Host only.
#ifndef TOCKPP_TBF_TOOLS_ELF_TO_TBF_H_
#define TOCKPP_TBF_TOOLS_ELF_TO_TBF_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "tbf-tools/elf_file.h"
#include "tbf-tools/lib/tbf_header.h"

namespace tock::tbf {

struct CreateOptions {
  std::string package_name;
  std::optional<uint32_t> stack;  // default: size of .stack section, else 2048
  uint32_t app_heap = 1024;
  uint32_t kernel_heap = 1024;
  bool fixed_addresses = false;
  std::vector<std::pair<uint32_t, uint32_t>> permissions;  // (driver, command)
  std::optional<KernelVersion> kernel_version;
  bool sha256 = false, sha384 = false, sha512 = false;
  // A zero-filled EcdsaNistP256 credential after the hashes, for SignTbf (signing.h) to fill.
  bool ecdsa_p256_slot = false;
  bool disabled = false;
  std::optional<uint32_t> protected_region_size;  // header + trailer
  uint32_t app_version = 0;
  uint32_t minimum_footer_size = 0;  // reserve at least this many footer bytes (elf2tab)
  // Storage permissions TLV (elf2tab --write_id/--read_ids/--access_ids), if set.
  struct Storage {
    uint32_t write_id = 0;
    std::vector<uint32_t> read_ids, modify_ids;
  };
  std::optional<Storage> storage;
};

// What ElfToTbf decided, for verbose output and tests.
struct CreateReport {
  uint32_t header_size = 0;
  uint32_t protected_region_size = 0;
  uint32_t init_fn_offset = 0;
  uint32_t minimum_ram_size = 0;
  uint32_t binary_end_offset = 0;
  uint32_t total_size = 0;
  std::optional<uint32_t> fixed_flash, fixed_ram;
  std::string ram_origin_source;  // how fixed_ram was found
};

absl::StatusOr<std::vector<uint8_t>> ElfToTbf(const ElfFile& elf, const CreateOptions& options,
                                              CreateReport* report = nullptr);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_ELF_TO_TBF_H_
