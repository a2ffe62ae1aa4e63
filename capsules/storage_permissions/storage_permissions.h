// StoragePermissions: which stored items a process may read and modify, and the id its new
// items are stored under (upstream kernel::storage_permissions). Items carry the id of their
// writer; a check compares that stored id with the process's lists. Kinds, as upstream:
//   SelfOnly(id)  writes under id, reads and modifies only items stored under id;
//   Listed        writes under app_id if write_permission, reads the read ids, modifies the
//                 modify ids (and its own items if read_modify_self); stored id 0 never matches;
//   Kernel        writes, reads and modifies id 0 only;
//   Null          nothing (the default for a process without permissions).
// Freestanding, plain data (copied freely).
#ifndef TOCKPP_CAPSULES_STORAGE_PERMISSIONS_STORAGE_PERMISSIONS_H_
#define TOCKPP_CAPSULES_STORAGE_PERMISSIONS_STORAGE_PERMISSIONS_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "kernel/process_id.h"

namespace tock::capsules {

class StoragePermissions {
 public:
  static constexpr size_t kMaxIds = 8;  // upstream's fixed-size lists

  static StoragePermissions Null() { return StoragePermissions(Kind::kNull); }
  static StoragePermissions Kernel() { return StoragePermissions(Kind::kKernel); }
  static StoragePermissions SelfOnly(uint32_t id) {
    StoragePermissions p(id == 0 ? Kind::kNull : Kind::kSelfOnly);
    p.app_id_ = id;
    return p;
  }
  // Ids beyond kMaxIds are dropped (upstream caps the TBF's counts at 8).
  static StoragePermissions Listed(uint32_t app_id, bool write_permission, bool read_modify_self,
                                   const uint32_t* read_ids, size_t read_count,
                                   const uint32_t* modify_ids, size_t modify_count) {
    StoragePermissions p(Kind::kListed);
    p.app_id_ = app_id;
    p.write_permission_ = write_permission && app_id != 0;
    p.read_modify_self_ = read_modify_self;
    p.read_count_ = read_count < kMaxIds ? read_count : kMaxIds;
    p.modify_count_ = modify_count < kMaxIds ? modify_count : kMaxIds;
    for (size_t i = 0; i < p.read_count_; ++i) {
      p.read_ids_[i] = read_ids[i];
    }
    for (size_t i = 0; i < p.modify_count_; ++i) {
      p.modify_ids_[i] = modify_ids[i];
    }
    return p;
  }

  bool CheckRead(uint32_t stored_id) const { return Check(stored_id, read_ids_, read_count_); }
  bool CheckModify(uint32_t stored_id) const {
    return Check(stored_id, modify_ids_, modify_count_);
  }
  // The id new items are stored under; nullopt if this process may not store new items.
  std::optional<uint32_t> WriteId() const {
    switch (kind_) {
      case Kind::kSelfOnly:
        return app_id_;
      case Kind::kListed:
        return write_permission_ ? std::optional<uint32_t>(app_id_) : std::nullopt;
      case Kind::kKernel:
        return 0;
      case Kind::kNull:
        return std::nullopt;
    }
    return std::nullopt;
  }

 private:
  enum class Kind : uint8_t { kNull, kKernel, kSelfOnly, kListed };
  explicit StoragePermissions(Kind kind) : kind_(kind) {}

  bool Check(uint32_t stored_id, const uint32_t* ids, size_t count) const {
    switch (kind_) {
      case Kind::kSelfOnly:
        return stored_id == app_id_;
      case Kind::kListed:
        if (stored_id == app_id_ && read_modify_self_) {
          return true;
        }
        if (stored_id == 0) {
          return false;
        }
        for (size_t i = 0; i < count; ++i) {
          if (ids[i] == stored_id) {
            return true;
          }
        }
        return false;
      case Kind::kKernel:
        return stored_id == 0;
      case Kind::kNull:
        return false;
    }
    return false;
  }

  Kind kind_;
  bool write_permission_ = false;
  bool read_modify_self_ = false;
  uint32_t app_id_ = 0;
  size_t read_count_ = 0;
  size_t modify_count_ = 0;
  uint32_t read_ids_[kMaxIds] = {};
  uint32_t modify_ids_[kMaxIds] = {};
};

// Where a storage capsule learns a process's permissions (upstream: the board's
// ProcessStandardStoragePermissionsPolicy, asked through ProcessId::get_storage_permissions).
class StoragePermissionsPolicy {
 public:
  virtual StoragePermissions For(ProcessId pid) const = 0;

 protected:
  ~StoragePermissionsPolicy() = default;
};

// Every process may store its own items only (upstream's "individual" policy): its id is
// `base + slot index`, so tests and the fuzz harness get working permissions without TBF TLVs.
class IndividualStoragePermissions final : public StoragePermissionsPolicy {
 public:
  explicit IndividualStoragePermissions(uint32_t base = 1) : base_(base) {}
  StoragePermissions For(ProcessId pid) const override {
    return StoragePermissions::SelfOnly(base_ + pid.index());
  }

 private:
  uint32_t base_;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_STORAGE_PERMISSIONS_STORAGE_PERMISSIONS_H_
