// tar through libarchive (see tar.h). Host only.
#include "tbf-tools/tar.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace tock::tbf {
namespace {

struct ReadCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct WriteCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryCloser {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

// libarchive's reason for the last failure, on one line.
std::string Reason(archive* a) {
  const char* s = archive_error_string(a);
  return absl::StrReplaceAll(s != nullptr ? s : "unknown libarchive error", {{"\n", " "}});
}

absl::Status TarError(archive* a, absl::string_view context) {
  return absl::InvalidArgumentError(absl::StrCat("tar: ", context, Reason(a)));
}

// archive_write_open callback: append to the vector in `client`.
la_ssize_t Append(archive*, void* client, const void* buffer, size_t length) {
  auto* out = static_cast<std::vector<uint8_t>*>(client);
  const auto* b = static_cast<const uint8_t*>(buffer);
  out->insert(out->end(), b, b + length);
  return static_cast<la_ssize_t>(length);
}

}  // namespace

absl::StatusOr<std::vector<TarMember>> ReadTar(std::span<const uint8_t> bytes) {
  std::unique_ptr<archive, ReadCloser> a(archive_read_new());
  if (a == nullptr) {
    return absl::ResourceExhaustedError("tar: cannot allocate a libarchive reader");
  }
  archive_read_support_format_tar(a.get());  // ustar, GNU, pax; no compression filters
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return TarError(a.get(), "");
  }
  std::vector<TarMember> out;
  for (;;) {
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) {
      return out;
    }
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      return TarError(a.get(), "");
    }
    const char* path = archive_entry_pathname(entry);
    const std::string name = path != nullptr ? path : "";
    if (archive_entry_filetype(entry) != AE_IFREG) {
      continue;  // libarchive skips the data of the entries we do not read
    }
    // A header may claim any size: never allocate more than the archive itself holds.
    const int64_t size = archive_entry_size(entry);
    if (size < 0 || static_cast<uint64_t>(size) > bytes.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("tar: member ", name, " claims ", size, " bytes, more than the archive"));
    }
    TarMember m{name, std::vector<uint8_t>(static_cast<size_t>(size))};
    size_t got = 0;
    while (got < m.data.size()) {
      const la_ssize_t n = archive_read_data(a.get(), m.data.data() + got, m.data.size() - got);
      if (n < 0) {
        return TarError(a.get(), absl::StrCat(name, ": "));
      }
      if (n == 0) {
        return absl::InvalidArgumentError(absl::StrCat("tar: member ", name, " truncated"));
      }
      got += static_cast<size_t>(n);
    }
    out.push_back(std::move(m));
  }
}

absl::StatusOr<std::vector<uint8_t>> WriteTar(const std::vector<TarMember>& members,
                                              uint32_t mtime) {
  std::vector<uint8_t> out;
  std::unique_ptr<archive, WriteCloser> a(archive_write_new());
  if (a == nullptr) {
    return absl::ResourceExhaustedError("tar: cannot allocate a libarchive writer");
  }
  if (archive_write_set_format_ustar(a.get()) != ARCHIVE_OK ||
      archive_write_add_filter_none(a.get()) != ARCHIVE_OK ||
      archive_write_set_bytes_per_block(a.get(), 512) != ARCHIVE_OK ||
      archive_write_open(a.get(), &out, nullptr, Append, nullptr) != ARCHIVE_OK) {
    return TarError(a.get(), "");
  }
  for (const TarMember& m : members) {
    if (m.name.empty()) {
      return absl::InvalidArgumentError("tar: empty member name");
    }
    std::unique_ptr<archive_entry, EntryCloser> e(archive_entry_new());
    archive_entry_set_pathname(e.get(), m.name.c_str());
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_uid(e.get(), 0);
    archive_entry_set_gid(e.get(), 0);
    archive_entry_set_mtime(e.get(), mtime, 0);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(m.data.size()));
    if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK) {
      return TarError(a.get(), absl::StrCat(m.name, ": "));
    }
    if (!m.data.empty() && archive_write_data(a.get(), m.data.data(), m.data.size()) !=
                               static_cast<la_ssize_t>(m.data.size())) {
      return TarError(a.get(), absl::StrCat(m.name, ": "));
    }
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) {
    return TarError(a.get(), "");
  }
  return out;
}

}  // namespace tock::tbf
