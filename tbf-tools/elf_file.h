// ElfFile: little-endian ELF32 files (segments, sections, symbols) read through libelf, enough
// for `tbf create` to lay out a TBF like upstream elf2tab. Malformed input is a one-line error.
// Host only.
#ifndef TOCKPP_TBF_TOOLS_ELF_FILE_H_
#define TOCKPP_TBF_TOOLS_ELF_FILE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tock::tbf {

inline constexpr uint16_t kEm386 = 3;
inline constexpr uint16_t kEmAmd64 = 62;  // EM_X86_64; in an ELF32 file: x32 (tockpp host apps)
inline constexpr uint16_t kEmArm = 40;
inline constexpr uint16_t kEmRiscv = 243;
inline constexpr uint32_t kPtLoad = 1;
inline constexpr uint32_t kPfX = 1, kPfW = 2;
inline constexpr uint32_t kShtNobits = 8;
inline constexpr uint32_t kShfWrite = 1, kShfAlloc = 2;

struct ElfSegment {
  uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

struct ElfSection {
  std::string name;
  uint32_t type, flags, addr, offset, size;
};

class ElfFile {
 public:
  static absl::StatusOr<ElfFile> Parse(std::vector<uint8_t> bytes);
  static absl::StatusOr<ElfFile> Load(const std::string& path);

  uint16_t machine() const { return machine_; }
  uint32_t entry() const { return entry_; }
  const std::vector<ElfSegment>& segments() const { return segments_; }
  const std::vector<ElfSection>& sections() const { return sections_; }
  const ElfSection* FindSection(std::string_view name) const;
  std::optional<uint32_t> FindSymbol(std::string_view name) const;
  std::span<const uint8_t> SegmentData(const ElfSegment& s) const;
  std::span<const uint8_t> SectionData(const ElfSection& s) const;

 private:
  std::vector<uint8_t> bytes_;
  uint16_t machine_ = 0;
  uint32_t entry_ = 0;
  std::vector<ElfSegment> segments_;
  std::vector<ElfSection> sections_;
  std::vector<std::pair<std::string, uint32_t>> symbols_;
};

// Section-in-segment test in the strict pyelftools form elf2tab uses.
bool SectionInSegment(const ElfSection& section, const ElfSegment& segment);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_ELF_FILE_H_
