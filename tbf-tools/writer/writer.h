// TbfWriter (host only, may allocate): serializes a TBF v2 object byte-for-byte the way upstream
// elf2tab lays it out: base header, TLVs in the order added (each padded to 4), checksum, the
// protected trailer, the binary, then credential footers and a Reserved filler up to total_size.
#ifndef TOCKPP_TBF_TOOLS_WRITER_WRITER_H_
#define TOCKPP_TBF_TOOLS_WRITER_WRITER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "tbf-tools/lib/tbf_header.h"
#include "tbf-tools/lib/types.h"

namespace tock::tbf {

class TbfWriter {
 public:
  // Program.binary_end_offset value meaning "header + trailer + binary, computed by Build".
  static constexpr uint32_t kAutoBinaryEnd = 0xFFFFFFFFu;

  TbfWriter& SetFlags(uint32_t flags);  // default kFlagEnabled
  TbfWriter& AddMain(const MainTlv& main);
  TbfWriter& AddProgram(const ProgramTlv& program);
  TbfWriter& AddPackageName(std::string_view name);
  TbfWriter& AddWriteableFlashRegion(const WriteableFlashRegion& region);  // one TLV each
  TbfWriter& AddFixedAddresses(const FixedAddresses& fixed);
  // elf2tab layout: length = 2 + 16n, then 2 padding bytes.
  TbfWriter& AddPermissions(const std::vector<Permission>& permissions);
  TbfWriter& AddStoragePermissions(uint32_t write_id, const std::vector<uint32_t>& read_ids,
                                   const std::vector<uint32_t>& modify_ids);
  TbfWriter& AddKernelVersion(const KernelVersion& version);
  TbfWriter& AddShortId(uint32_t short_id);
  TbfWriter& AddRawTlv(uint16_t type, std::vector<uint8_t> payload);

  TbfWriter& SetProtectedTrailer(std::vector<uint8_t> bytes);
  TbfWriter& SetBinary(std::vector<uint8_t> bytes);
  // Footer credentials in order. A hash credential's data is computed by Build.
  TbfWriter& AddCredential(CredentialFormat format, std::vector<uint8_t> data);
  TbfWriter& AddHashCredential(CredentialFormat format);  // kSha256, kSha384 or kSha512
  // 0 (default) = exactly what the content needs. Otherwise the space after the content is
  // filled with Reserved credentials when a Program TLV exists and >= 8 bytes remain, else
  // zero bytes.
  TbfWriter& SetTotalSize(uint32_t total_size);

  // Bytes of base header + TLVs with padding.
  uint32_t HeaderSize() const;
  // Bytes header + trailer + binary + footers, before total-size filling.
  uint32_t ContentSize() const;
  std::vector<uint8_t> Build() const;

 private:
  struct Tlv {
    uint16_t type;
    std::vector<uint8_t> payload;
    uint32_t padded_size;  // payload bytes incl. padding
  };
  struct Footer {
    uint32_t format;
    std::vector<uint8_t> data;
    bool computed_hash;
  };
  TbfWriter& Push(uint16_t type, std::vector<uint8_t> payload, uint32_t padded_size);

  uint32_t flags_ = kFlagEnabled;
  std::vector<Tlv> tlvs_;
  std::vector<uint8_t> trailer_;
  std::vector<uint8_t> binary_;
  std::vector<Footer> footers_;
  uint32_t total_size_ = 0;
};

// A padding object (header only, header_size 16) covering `total_size` bytes, as tockloader
// writes between apps.
std::vector<uint8_t> MakePaddingTbf(uint32_t total_size);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_WRITER_WRITER_H_
