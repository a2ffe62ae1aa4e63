// TbfWriter implementation (see writer.h). Host only.
#include "tbf-tools/writer/writer.h"

#include <algorithm>

#include "tbf-tools/lib/checksum.h"
#include "tbf-tools/lib/sha2.h"

namespace tock::tbf {
namespace {

void Put16(std::vector<uint8_t>& v, uint16_t x) {
  v.push_back(static_cast<uint8_t>(x));
  v.push_back(static_cast<uint8_t>(x >> 8));
}
void Put32(std::vector<uint8_t>& v, uint32_t x) {
  Put16(v, static_cast<uint16_t>(x));
  Put16(v, static_cast<uint16_t>(x >> 16));
}
void Put64(std::vector<uint8_t>& v, uint64_t x) {
  Put32(v, static_cast<uint32_t>(x));
  Put32(v, static_cast<uint32_t>(x >> 32));
}
void Set32(std::vector<uint8_t>& v, size_t at, uint32_t x) {
  for (int i = 0; i < 4; ++i) {
    v[at + i] = static_cast<uint8_t>(x >> (8 * i));
  }
}

// Largest Reserved credential TLV length that keeps the next footer 4-aligned.
constexpr uint32_t kMaxReservedTlvLength = 0xFFFC;

}  // namespace

TbfWriter& TbfWriter::SetFlags(uint32_t flags) {
  flags_ = flags;
  return *this;
}

TbfWriter& TbfWriter::Push(uint16_t type, std::vector<uint8_t> payload, uint32_t padded_size) {
  tlvs_.push_back(Tlv{type, std::move(payload), padded_size});
  return *this;
}

TbfWriter& TbfWriter::AddMain(const MainTlv& m) {
  std::vector<uint8_t> p;
  Put32(p, m.init_fn_offset);
  Put32(p, m.protected_trailer_size);
  Put32(p, m.minimum_ram_size);
  return Push(static_cast<uint16_t>(TlvType::kMain), std::move(p), kMainLength);
}

TbfWriter& TbfWriter::AddProgram(const ProgramTlv& m) {
  std::vector<uint8_t> p;
  Put32(p, m.init_fn_offset);
  Put32(p, m.protected_trailer_size);
  Put32(p, m.minimum_ram_size);
  Put32(p, m.binary_end_offset);
  Put32(p, m.version);
  return Push(static_cast<uint16_t>(TlvType::kProgram), std::move(p), kProgramLength);
}

TbfWriter& TbfWriter::AddPackageName(std::string_view name) {
  std::vector<uint8_t> p(name.begin(), name.end());
  const uint32_t padded = RoundUp4(static_cast<uint32_t>(p.size()));
  return Push(static_cast<uint16_t>(TlvType::kPackageName), std::move(p), padded);
}

TbfWriter& TbfWriter::AddWriteableFlashRegion(const WriteableFlashRegion& r) {
  std::vector<uint8_t> p;
  Put32(p, r.offset);
  Put32(p, r.size);
  return Push(static_cast<uint16_t>(TlvType::kWriteableFlashRegions), std::move(p), 8);
}

TbfWriter& TbfWriter::AddFixedAddresses(const FixedAddresses& f) {
  std::vector<uint8_t> p;
  Put32(p, f.start_process_ram);
  Put32(p, f.start_process_flash);
  return Push(static_cast<uint16_t>(TlvType::kFixedAddresses), std::move(p), 8);
}

TbfWriter& TbfWriter::AddPermissions(const std::vector<Permission>& perms) {
  std::vector<uint8_t> p;
  Put16(p, static_cast<uint16_t>(perms.size()));
  for (const Permission& e : perms) {
    Put32(p, e.driver_number);
    Put32(p, e.offset);
    Put64(p, e.allowed_commands);
  }
  const uint32_t padded = RoundUp4(static_cast<uint32_t>(p.size()));
  return Push(static_cast<uint16_t>(TlvType::kPermissions), std::move(p), padded);
}

TbfWriter& TbfWriter::AddStoragePermissions(uint32_t write_id,
                                            const std::vector<uint32_t>& read_ids,
                                            const std::vector<uint32_t>& modify_ids) {
  std::vector<uint8_t> p;
  Put32(p, write_id);
  Put16(p, static_cast<uint16_t>(read_ids.size()));
  for (uint32_t id : read_ids) {
    Put32(p, id);
  }
  Put16(p, static_cast<uint16_t>(modify_ids.size()));
  for (uint32_t id : modify_ids) {
    Put32(p, id);
  }
  const uint32_t padded = RoundUp4(static_cast<uint32_t>(p.size()));
  return Push(static_cast<uint16_t>(TlvType::kStoragePermissions), std::move(p), padded);
}

TbfWriter& TbfWriter::AddKernelVersion(const KernelVersion& v) {
  std::vector<uint8_t> p;
  Put16(p, v.major);
  Put16(p, v.minor);
  return Push(static_cast<uint16_t>(TlvType::kKernelVersion), std::move(p), 4);
}

TbfWriter& TbfWriter::AddShortId(uint32_t short_id) {
  std::vector<uint8_t> p;
  Put32(p, short_id);
  return Push(static_cast<uint16_t>(TlvType::kShortId), std::move(p), 4);
}

TbfWriter& TbfWriter::AddRawTlv(uint16_t type, std::vector<uint8_t> payload) {
  const uint32_t padded = RoundUp4(static_cast<uint32_t>(payload.size()));
  return Push(type, std::move(payload), padded);
}

TbfWriter& TbfWriter::SetProtectedTrailer(std::vector<uint8_t> bytes) {
  trailer_ = std::move(bytes);
  return *this;
}

TbfWriter& TbfWriter::SetBinary(std::vector<uint8_t> bytes) {
  binary_ = std::move(bytes);
  return *this;
}

TbfWriter& TbfWriter::AddCredential(CredentialFormat format, std::vector<uint8_t> data) {
  footers_.push_back(Footer{static_cast<uint32_t>(format), std::move(data), false});
  return *this;
}

TbfWriter& TbfWriter::AddHashCredential(CredentialFormat format) {
  const int32_t n = CredentialDataLength(static_cast<uint32_t>(format));
  footers_.push_back(Footer{static_cast<uint32_t>(format),
                            std::vector<uint8_t>(n > 0 ? static_cast<size_t>(n) : 0), true});
  return *this;
}

TbfWriter& TbfWriter::SetTotalSize(uint32_t total_size) {
  total_size_ = total_size;
  return *this;
}

uint32_t TbfWriter::HeaderSize() const {
  uint32_t size = kBaseHeaderSize;
  for (const Tlv& t : tlvs_) {
    size += kTlvHeaderSize + t.padded_size;
  }
  return size;
}

uint32_t TbfWriter::ContentSize() const {
  uint32_t size = HeaderSize() + static_cast<uint32_t>(trailer_.size() + binary_.size());
  for (const Footer& f : footers_) {
    size += 8 + static_cast<uint32_t>(f.data.size());
  }
  return size;
}

std::vector<uint8_t> TbfWriter::Build() const {
  const uint32_t header_size = HeaderSize();
  const uint32_t binary_end = header_size + static_cast<uint32_t>(trailer_.size() + binary_.size());
  const uint32_t content = ContentSize();
  const uint32_t total = total_size_ != 0 ? std::max(total_size_, content) : content;
  bool has_program = false;

  std::vector<uint8_t> out;
  out.reserve(total);
  Put16(out, kTbfVersion);
  Put16(out, static_cast<uint16_t>(header_size));
  Put32(out, total);
  Put32(out, flags_);
  Put32(out, 0);  // checksum, patched below
  for (const Tlv& t : tlvs_) {
    const size_t at = out.size();
    Put16(out, t.type);
    Put16(out, static_cast<uint16_t>(t.payload.size()));
    out.insert(out.end(), t.payload.begin(), t.payload.end());
    out.resize(at + kTlvHeaderSize + t.padded_size, 0);
    if (t.type == static_cast<uint16_t>(TlvType::kProgram)) {
      has_program = true;
      if (Le32(&out[at + 16]) == kAutoBinaryEnd) {
        Set32(out, at + 16, binary_end);
      }
    }
  }
  Set32(out, 12, ComputeHeaderChecksum(out));
  out.insert(out.end(), trailer_.begin(), trailer_.end());
  out.insert(out.end(), binary_.begin(), binary_.end());

  const std::span<const uint8_t> covered(out.data(), binary_end);
  std::vector<std::vector<uint8_t>> footer_bytes;
  for (const Footer& f : footers_) {
    std::vector<uint8_t> data = f.data;
    if (f.computed_hash) {
      if (f.format == static_cast<uint32_t>(CredentialFormat::kSha256)) {
        Sha256 sha;
        sha.Update(covered);
        auto d = sha.Finish();
        data.assign(d.begin(), d.end());
      } else {
        Sha512 sha(f.format == static_cast<uint32_t>(CredentialFormat::kSha384));
        sha.Update(covered);
        auto d = sha.Finish();
        data.assign(d.begin(), d.begin() + static_cast<long>(data.size()));
      }
    }
    std::vector<uint8_t> tlv;
    Put16(tlv, static_cast<uint16_t>(TlvType::kCredentials));
    Put16(tlv, static_cast<uint16_t>(4 + data.size()));
    Put32(tlv, f.format);
    tlv.insert(tlv.end(), data.begin(), data.end());
    footer_bytes.push_back(std::move(tlv));
  }
  for (const auto& b : footer_bytes) {
    out.insert(out.end(), b.begin(), b.end());
  }

  // Fill to total size: Reserved credentials where possible (elf2tab), else zeros.
  while (has_program && total - out.size() >= 8) {
    const uint32_t left = total - static_cast<uint32_t>(out.size());
    uint32_t tlv_len = std::min(left - kTlvHeaderSize, kMaxReservedTlvLength);
    // Never leave a remainder that cannot hold another Reserved credential.
    if (left - kTlvHeaderSize - tlv_len != 0 && left - kTlvHeaderSize - tlv_len < 8) {
      tlv_len -= 8;
    }
    Put16(out, static_cast<uint16_t>(TlvType::kCredentials));
    Put16(out, static_cast<uint16_t>(tlv_len));
    Put32(out, static_cast<uint32_t>(CredentialFormat::kReserved));
    out.resize(out.size() + tlv_len - 4, 0);
  }
  out.resize(total, 0);
  return out;
}

std::vector<uint8_t> MakePaddingTbf(uint32_t total_size) {
  return TbfWriter().SetFlags(0).SetTotalSize(total_size).Build();
}

}  // namespace tock::tbf
