// TBF v2 parser (see parser.h). Rules follow the upstream kernel (tock-tbf parse.rs) and are
// stricter where a malformed image could only be a tool bug or an attack: duplicate singleton
// TLVs, zero-length TLVs, misaligned sizes and bad footers are errors. Freestanding.
#include "tbf-tools/lib/parser.h"

#include "tbf-tools/lib/checksum.h"
#include "tbf-tools/lib/tlv_cursor.h"
#include "tbf-tools/lib/types.h"

namespace tock::tbf {
namespace {

bool ValidUtf8(std::span<const uint8_t> s) {
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t c = s[i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i - 1 < n) {
      return false;
    }
    for (size_t k = 1; k <= n; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Reject overlong forms, surrogates and values beyond U+10FFFF.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

Error Err(ErrorKind kind, uint32_t offset, const char* field) { return Error{kind, offset, field}; }

// Offset of a TLV's length field, and of its payload, from the TBF start.
uint32_t LengthOffset(const TlvRecord& t) { return t.offset + 2; }
uint32_t DataOffset(const TlvRecord& t) { return t.offset + kTlvHeaderSize; }

// A singleton TLV of fixed length: the length is checked first, then that it is the first.
Status CheckFixedSingleton(const TlvRecord& t, uint16_t want_length, bool already_present,
                           const char* length_field, const char* name) {
  if (t.length != want_length) {
    return Err(ErrorKind::kBadTlvLength, LengthOffset(t), length_field);
  }
  if (already_present) {
    return Err(ErrorKind::kDuplicateTlv, t.offset, name);
  }
  return {};
}

Status ApplyMain(const TlvRecord& t, TbfHeader& h) {
  Status s = CheckFixedSingleton(t, kMainLength, h.main.has_value(), "main.length", "main");
  if (s.ok()) {
    const uint8_t* p = t.payload.data();
    h.main = MainTlv{Le32(p), Le32(p + 4), Le32(p + 8)};
  }
  return s;
}

Status ApplyProgram(const TlvRecord& t, TbfHeader& h) {
  Status s =
      CheckFixedSingleton(t, kProgramLength, h.program.has_value(), "program.length", "program");
  if (s.ok()) {
    const uint8_t* p = t.payload.data();
    h.program = ProgramTlv{Le32(p), Le32(p + 4), Le32(p + 8), Le32(p + 12), Le32(p + 16)};
  }
  return s;
}

Status ApplyWriteableFlashRegions(const TlvRecord& t, TbfHeader& h) {
  if (t.length % kWriteableFlashRegionSize != 0) {
    return Err(ErrorKind::kBadTlvLength, LengthOffset(t), "writeable_flash_regions.length");
  }
  const uint8_t* p = t.payload.data();
  for (uint32_t i = 0; i < t.length / kWriteableFlashRegionSize; ++i) {
    const uint32_t entry_off = DataOffset(t) + kWriteableFlashRegionSize * i;
    if (h.writeable_flash_region_count >= kMaxWriteableFlashRegions) {
      return Err(ErrorKind::kTooManyEntries, entry_off, "writeable_flash_regions");
    }
    const uint8_t* entry = p + size_t{kWriteableFlashRegionSize} * i;
    WriteableFlashRegion r{Le32(entry), Le32(entry + 4)};
    if (static_cast<uint64_t>(r.offset) + r.size > h.total_size) {
      return Err(ErrorKind::kOutOfRange, entry_off, "writeable_flash_regions.offset");
    }
    h.writeable_flash_regions[h.writeable_flash_region_count++] = r;
  }
  return {};
}

Status ApplyPackageName(const TlvRecord& t, TbfHeader& h) {
  if (h.package_name) {
    return Err(ErrorKind::kDuplicateTlv, t.offset, "package_name");
  }
  if (!ValidUtf8(t.payload)) {
    return Err(ErrorKind::kBadUtf8, DataOffset(t), "package_name");
  }
  h.package_name = t.payload;
  return {};
}

Status ApplyFixedAddresses(const TlvRecord& t, TbfHeader& h) {
  Status s = CheckFixedSingleton(t, kFixedAddressesLength, h.fixed_addresses.has_value(),
                                 "fixed_addresses.length", "fixed_addresses");
  if (s.ok()) {
    const uint8_t* p = t.payload.data();
    h.fixed_addresses = FixedAddresses{Le32(p), Le32(p + 4)};
  }
  return s;
}

Status ApplyPermissions(const TlvRecord& t, TbfHeader& h) {
  if (h.permissions) {
    return Err(ErrorKind::kDuplicateTlv, t.offset, "permissions");
  }
  if (t.length < 2) {
    return Err(ErrorKind::kBadTlvLength, LengthOffset(t), "permissions.length");
  }
  const uint16_t count = Le16(t.payload.data());
  if (2u + static_cast<uint32_t>(count) * kPermissionEntrySize > t.length) {
    return Err(ErrorKind::kBadTlvLength, DataOffset(t), "permissions.count");
  }
  h.permissions =
      PermissionsView{t.payload.subspan(2, size_t{count} * kPermissionEntrySize), count};
  return {};
}

// One id list of StoragePermissions: `count` u32 ids from payload offset `ids_pos`.
// `count_off` (where the count sits, from the TBF start) and `count_field` name errors.
Status CheckStorageIds(const TlvRecord& t, uint16_t count, uint32_t ids_pos, uint32_t count_off,
                       const char* count_field) {
  if (static_cast<uint32_t>(count) * 4 > t.length - ids_pos) {
    return Err(ErrorKind::kBadTlvLength, count_off, count_field);
  }
  if (count > kMaxStorageIds) {
    return Err(ErrorKind::kTooManyEntries, count_off, count_field);
  }
  return {};
}

Status ApplyStoragePermissions(const TlvRecord& t, TbfHeader& h) {
  if (h.storage_permissions) {
    return Err(ErrorKind::kDuplicateTlv, t.offset, "storage_permissions");
  }
  if (t.length < 6) {
    return Err(ErrorKind::kBadTlvLength, LengthOffset(t), "storage_permissions.length");
  }
  const uint8_t* p = t.payload.data();
  const uint32_t data_off = DataOffset(t);
  StoragePermissions sp;
  sp.write_id = Le32(p);
  sp.read_count = Le16(p + 4);
  uint32_t pos = 6;
  Status s = CheckStorageIds(t, sp.read_count, pos, data_off + 4, "storage_permissions.read_count");
  if (!s.ok()) {
    return s;
  }
  sp.read_ids = t.payload.subspan(pos, size_t{sp.read_count} * 4);
  pos += sp.read_count * 4u;
  if (t.length - pos < 2) {
    return Err(ErrorKind::kBadTlvLength, data_off + pos, "storage_permissions.modify_count");
  }
  sp.modify_count = Le16(p + pos);
  pos += 2;
  s = CheckStorageIds(t, sp.modify_count, pos, data_off + pos - 2,
                      "storage_permissions.modify_count");
  if (!s.ok()) {
    return s;
  }
  sp.modify_ids = t.payload.subspan(pos, size_t{sp.modify_count} * 4);
  h.storage_permissions = sp;
  return {};
}

Status ApplyKernelVersion(const TlvRecord& t, TbfHeader& h) {
  Status s = CheckFixedSingleton(t, kKernelVersionLength, h.kernel_version.has_value(),
                                 "kernel_version.length", "kernel_version");
  if (s.ok()) {
    const uint8_t* p = t.payload.data();
    h.kernel_version = KernelVersion{Le16(p), Le16(p + 2)};
  }
  return s;
}

Status ApplyShortId(const TlvRecord& t, TbfHeader& h) {
  Status s =
      CheckFixedSingleton(t, kShortIdLength, h.short_id.has_value(), "short_id.length", "short_id");
  if (s.ok()) {
    h.short_id = Le32(t.payload.data());
  }
  return s;
}

// Applies one TLV to `h`.
Status ApplyTlv(const TlvRecord& t, TbfHeader& h) {
  if (t.length == 0 && t.type != static_cast<uint16_t>(TlvType::kPackageName)) {
    return Err(ErrorKind::kTlvZeroLength, LengthOffset(t), "tlv.length");
  }
  switch (static_cast<TlvType>(t.type)) {
    case TlvType::kMain:
      return ApplyMain(t, h);
    case TlvType::kProgram:
      return ApplyProgram(t, h);
    case TlvType::kWriteableFlashRegions:
      return ApplyWriteableFlashRegions(t, h);
    case TlvType::kPackageName:
      return ApplyPackageName(t, h);
    case TlvType::kFixedAddresses:
      return ApplyFixedAddresses(t, h);
    case TlvType::kPermissions:
      return ApplyPermissions(t, h);
    case TlvType::kStoragePermissions:
      return ApplyStoragePermissions(t, h);
    case TlvType::kKernelVersion:
      return ApplyKernelVersion(t, h);
    case TlvType::kShortId:
      return ApplyShortId(t, h);
    case TlvType::kCredentials:
      return Err(ErrorKind::kBadFooterType, t.offset, "tlv.type");
    case TlvType::kPicOption1:
    default:
      ++h.unknown_tlv_count;  // unknown types are skipped, as upstream does
      return {};
  }
}

// Cross-field checks once all TLVs are known.
Status CheckLayout(const TbfHeader& h, uint32_t main_off, uint32_t program_off) {
  if (!h.main && !h.program) {
    return {};
  }
  // Report against whichever TLV supplied the values.
  const uint32_t off = h.program ? program_off : main_off;
  const char* trailer_field =
      h.program ? "program.protected_trailer_size" : "main.protected_trailer_size";
  const char* init_field = h.program ? "program.init_fn_offset" : "main.init_fn_offset";
  const uint64_t binary_start = static_cast<uint64_t>(h.header_size) + h.protected_trailer_size();
  if (binary_start > h.total_size) {
    return Err(ErrorKind::kOutOfRange, off + 8, trailer_field);
  }
  if (h.program) {
    const uint32_t end = h.program->binary_end_offset;
    if (end < binary_start || end > h.total_size) {
      return Err(ErrorKind::kOutOfRange, off + 16, "program.binary_end_offset");
    }
  }
  const uint64_t entry = static_cast<uint64_t>(h.header_size) + h.init_fn_offset();
  if (entry >= h.binary_end_offset() || h.init_fn_offset() < h.protected_trailer_size()) {
    return Err(ErrorKind::kOutOfRange, off + 4, init_field);
  }
  return {};
}

Status ParseFooters(std::span<const uint8_t> obj, TbfHeader& h) {
  uint32_t pos = h.binary_end_offset();
  const uint32_t end = h.total_size;
  while (pos < end) {
    const uint32_t left = end - pos;
    if (left < 8) {
      // elf2tab pads with fewer than 8 zero bytes when no Reserved credential fits.
      bool zero = true;
      for (uint32_t i = 0; i < left; ++i) {
        zero = zero && obj[pos + i] == 0;
      }
      if (zero) {
        return {};
      }
      return Err(ErrorKind::kFooterOverrun, pos, "footer.tlv");
    }
    const uint16_t type = Le16(obj.data() + pos);
    const uint16_t length = Le16(obj.data() + pos + 2);
    if (type != static_cast<uint16_t>(TlvType::kCredentials)) {
      return Err(ErrorKind::kBadFooterType, pos, "footer.type");
    }
    if (length < 4) {
      return Err(ErrorKind::kBadCredentialLength, pos + 2, "credential.length");
    }
    if (length > left - kTlvHeaderSize) {
      return Err(ErrorKind::kFooterOverrun, pos + 2, "credential.length");
    }
    Credential c;
    c.offset = pos;
    c.length = length;
    c.format = Le32(obj.data() + pos + 4);
    c.data = obj.subspan(pos + 8, length - 4u);
    const int32_t want = CredentialDataLength(c.format);
    if (want == -2) {
      return Err(ErrorKind::kBadCredentialFormat, pos + 4, "credential.format");
    }
    if (want >= 0 && static_cast<uint32_t>(want) != c.data.size()) {
      return Err(ErrorKind::kBadCredentialLength, pos + 2, "credential.length");
    }
    if (h.credential_count >= kMaxCredentials) {
      return Err(ErrorKind::kTooManyEntries, pos, "credentials");
    }
    h.credentials[h.credential_count++] = c;
    pos += kTlvHeaderSize + length;  // the kernel does not round footer lengths
  }
  return {};
}

}  // namespace

Result<TbfHeader> ParseBaseHeader(std::span<const uint8_t> image) {
  TbfHeader h;
  if (image.size() < 2) {
    return Err(ErrorKind::kTruncated, 0, "base.version");
  }
  h.version = Le16(image.data());
  if (h.version != kTbfVersion) {
    return Err(ErrorKind::kBadVersion, 0, "base.version");
  }
  if (image.size() < kBaseHeaderSize) {
    return Err(ErrorKind::kTruncated, static_cast<uint32_t>(image.size()), "base_header");
  }
  h.header_size = Le16(image.data() + 2);
  h.total_size = Le32(image.data() + 4);
  h.flags = Le32(image.data() + 8);
  h.checksum = Le32(image.data() + 12);
  return h;
}

Result<TbfHeader> ParseTbf(std::span<const uint8_t> image) {
  Result<TbfHeader> base = ParseBaseHeader(image);
  if (!base.ok()) {
    return base;
  }
  TbfHeader h = base.value();
  if (h.header_size < kBaseHeaderSize) {
    return Err(ErrorKind::kHeaderSizeTooSmall, 2, "base.header_size");
  }
  if (h.header_size > h.total_size) {
    return Err(ErrorKind::kHeaderSizeExceedsTotal, 2, "base.header_size");
  }
  if (h.header_size % 4 != 0) {
    return Err(ErrorKind::kMisaligned, 2, "base.header_size");
  }
  if (h.total_size % 4 != 0) {
    return Err(ErrorKind::kMisaligned, 4, "base.total_size");
  }
  if (h.total_size > image.size()) {
    return Err(ErrorKind::kTotalSizeExceedsInput, 4, "base.total_size");
  }
  const std::span<const uint8_t> obj = image.first(h.total_size);
  const std::span<const uint8_t> header = obj.first(h.header_size);
  if (ComputeHeaderChecksum(header) != h.checksum) {
    return Err(ErrorKind::kBadChecksum, 12, "base.checksum");
  }
  if (h.header_size == kBaseHeaderSize) {
    h.is_padding = true;
    return h;
  }

  TlvCursor cursor(header);
  uint32_t main_off = 0, program_off = 0;
  while (true) {
    Result<std::optional<TlvRecord>> next = cursor.Next();
    if (!next.ok()) {
      return next.error();
    }
    if (!next.value()) {
      break;
    }
    const TlvRecord& t = *next.value();
    ++h.tlv_count;
    Status s = ApplyTlv(t, h);
    if (!s.ok()) {
      return s.error();
    }
    if (t.type == static_cast<uint16_t>(TlvType::kMain)) {
      main_off = t.offset;
    }
    if (t.type == static_cast<uint16_t>(TlvType::kProgram)) {
      program_off = t.offset;
    }
  }
  Status layout = CheckLayout(h, main_off, program_off);
  if (!layout.ok()) {
    return layout.error();
  }
  if (h.program) {
    Status footers = ParseFooters(obj, h);
    if (!footers.ok()) {
      return footers.error();
    }
  }
  return h;
}

}  // namespace tock::tbf
