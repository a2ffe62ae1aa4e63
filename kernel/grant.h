// Grants: per-process kernel state for one driver, allocated inside the process's own RAM from
// the top downwards (the kernel memory break), freed when the process restarts or terminates.
// A grant block holds the driver's subscribe table and allow tables (managed by the kernel) and
// the capsule's T. Capsules reach T only inside Enter/Iterate closures, so no reference outlives
// the call; GrantKernelData is the closure's window on upcalls and allowed buffers.
//
//   // board (trusted):
//   //   static Grant<ConsoleApp, UpcallCount<3>, AllowRoCount<2>, AllowRwCount<2>> grant(
//   //       kernel, 0x1, memory_cap);
//   // capsule: grant.Enter(pid, [&](ConsoleApp& app, GrantKernelData& kd) {
//   //            auto buf = kd.GetReadOnlyBuffer(1); ... kd.ScheduleUpcall(1, n, 0, 0); });
#ifndef TOCKPP_KERNEL_GRANT_H_
#define TOCKPP_KERNEL_GRANT_H_

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

#include "kernel/capabilities.h"
#include "kernel/error_code.h"
#include "kernel/process_buffer.h"
#include "kernel/process_id.h"
#include "kernel/upcall.h"

namespace tock {

class Kernel;
class Process;

namespace internal {

// Layout of a grant block in process RAM:
//   GrantHeader | SubscribedUpcall[upcalls] | AllowSlot[ro] | AllowSlot[rw] | AllowSlot[uro] | T
struct GrantHeader {
  uint8_t num_upcalls;
  uint8_t num_read_only;
  uint8_t num_read_write;
  uint8_t num_userspace_readable;
  uint8_t entered;
  uint8_t reserved;
  uint16_t size_words;  // block size / 8, for introspection (process_inspection.h)
};

struct AllowSlot {
  uint32_t address;
  uint32_t length;
};

struct GrantShape {
  uint8_t num_upcalls;
  uint8_t num_read_only;
  uint8_t num_read_write;
  uint8_t num_userspace_readable;
  uint32_t data_size;
  uint32_t data_align;

  constexpr uint32_t DataOffset() const {
    uint32_t off = static_cast<uint32_t>(sizeof(GrantHeader)) +
                   8u * (num_upcalls + num_read_only + num_read_write + num_userspace_readable);
    return (off + data_align - 1) & ~(data_align - 1);
  }
  constexpr uint32_t BlockSize() const { return (DataOffset() + data_size + 7u) & ~7u; }
};

// Typed access to a block already placed in process RAM.
class GrantBlock {
 public:
  explicit GrantBlock(uint8_t* base) : base_(base) {}
  GrantHeader& header() const { return *std::launder(reinterpret_cast<GrantHeader*>(base_)); }
  SubscribedUpcall* upcalls() const {
    return std::launder(reinterpret_cast<SubscribedUpcall*>(base_ + sizeof(GrantHeader)));
  }
  AllowSlot* read_only() const {
    return std::launder(reinterpret_cast<AllowSlot*>(upcalls() + header().num_upcalls));
  }
  AllowSlot* read_write() const { return read_only() + header().num_read_only; }
  AllowSlot* userspace_readable() const { return read_write() + header().num_read_write; }
  uint8_t* base() const { return base_; }

 private:
  uint8_t* base_;
};

}  // namespace internal

// The closure's view of the kernel-managed half of a grant for one process.
class GrantKernelData {
 public:
  GrantKernelData(const GrantKernelData&) = delete;
  GrantKernelData& operator=(const GrantKernelData&) = delete;

  ProcessId process_id() const;
  uint32_t driver_num() const { return driver_num_; }
  size_t num_upcalls() const { return block_.header().num_upcalls; }
  size_t num_read_only_buffers() const { return block_.header().num_read_only; }
  size_t num_read_write_buffers() const { return block_.header().num_read_write; }
  size_t num_userspace_readable_buffers() const { return block_.header().num_userspace_readable; }

  // Queues upcall `subscribe_num` with three arguments (TRD104 §5): the current subscription is
  // snapshotted; a Null Upcall still queues a value-only entry (for yield-wait-for).
  // kInval: subscribe_num out of range. kNoMem: queue full (entry dropped and counted).
  Result<void> ScheduleUpcall(uint32_t subscribe_num, uint32_t arg0, uint32_t arg1, uint32_t arg2);
  // True if a non-null function is subscribed at subscribe_num.
  bool IsSubscribed(uint32_t subscribe_num) const;

  // The buffer currently allowed at `allow_num`; an empty buffer if none, if the number is out
  // of range, or if the process memory no longer covers it.
  ReadOnlyProcessBuffer GetReadOnlyBuffer(uint32_t allow_num) const;
  ReadWriteProcessBuffer GetReadWriteBuffer(uint32_t allow_num) const;
  UserspaceReadableProcessBuffer GetUserspaceReadableBuffer(uint32_t allow_num) const;

 private:
  friend class GrantBase;
  friend class Kernel;
  GrantKernelData(Process& process, uint8_t* block, uint32_t driver_num)
      : process_(process), block_(block), driver_num_(driver_num) {}

  Process& process_;
  internal::GrantBlock block_;
  uint32_t driver_num_;
};

// Non-template half: registration with the kernel, allocation, entry bookkeeping.
class GrantBase {
 public:
  GrantBase(const GrantBase&) = delete;
  GrantBase& operator=(const GrantBase&) = delete;

  uint32_t driver_num() const { return driver_num_; }
  // Whether `pid` has this grant allocated.
  bool IsAllocated(ProcessId pid) const;

 protected:
  using Initializer = void (*)(void* data);
  GrantBase(Kernel& kernel, uint32_t driver_num, internal::GrantShape shape, Initializer init,
            const MemoryAllocationCapability& cap);
  ~GrantBase() = default;

  struct Entry {
    Process* process;
    uint8_t* block;
  };
  // Finds (allocating if needed) this grant for `pid` and marks it entered.
  // kInval: no such live process. kNoMem: cannot allocate. kBusy: already entered.
  Result<Entry> Begin(ProcessId pid);
  // Like Begin for process slot `index` but never allocates; kInval when not allocated.
  Result<Entry> BeginExisting(size_t index);
  void End(const Entry& entry);
  GrantKernelData MakeKernelData(const Entry& e) const {
    return GrantKernelData(*e.process, e.block, driver_num_);
  }
  size_t process_slots() const;
  void* Data(const Entry& e) const { return e.block + shape_.DataOffset(); }

 private:
  friend class Kernel;
  Kernel& kernel_;
  GrantBase* next_ = nullptr;  // kernel's registry (intrusive list)
  uint32_t driver_num_;
  internal::GrantShape shape_;
  Initializer init_;
  uint16_t index_ = 0xFFFF;  // slot in every process's grant table; 0xFFFF = not registered
};

// How many upcalls and allow slots of each kind a grant holds, named at the use site as upstream
// Tock does (`Grant<App, UpcallCount<3>, AllowRoCount<2>, AllowRwCount<2>>`), so the three
// numbers cannot be swapped unnoticed.
template <size_t N>
struct UpcallCount {
  static constexpr size_t kValue = N;
};
template <size_t N>
struct AllowRoCount {
  static constexpr size_t kValue = N;
};
template <size_t N>
struct AllowRwCount {
  static constexpr size_t kValue = N;
};
// Read-only allows that userspace may also read back through the kernel (TRD104 "userspace
// readable"); few drivers have any.
template <size_t N>
struct AllowUrCount {
  static constexpr size_t kValue = N;
};

namespace internal {
template <typename Count, template <size_t> class Kind>
struct IsCount : std::false_type {};
template <size_t N, template <size_t> class Kind>
struct IsCount<Kind<N>, Kind> : std::true_type {};
}  // namespace internal

template <typename T, typename Upcalls, typename AllowRo, typename AllowRw,
          typename AllowUr = AllowUrCount<0>>
class Grant final : public GrantBase {
  static_assert(internal::IsCount<Upcalls, UpcallCount>::value, "third argument: UpcallCount<N>");
  static_assert(internal::IsCount<AllowRo, AllowRoCount>::value,
                "fourth argument: AllowRoCount<N>");
  static_assert(internal::IsCount<AllowRw, AllowRwCount>::value, "fifth argument: AllowRwCount<N>");
  static_assert(internal::IsCount<AllowUr, AllowUrCount>::value, "sixth argument: AllowUrCount<N>");
  static constexpr size_t kNumUpcalls = Upcalls::kValue;
  static constexpr size_t kNumReadOnly = AllowRo::kValue;
  static constexpr size_t kNumReadWrite = AllowRw::kValue;
  static constexpr size_t kNumUserspaceReadable = AllowUr::kValue;
  static_assert(std::is_default_constructible_v<T>, "grant data must be default constructible");
  static_assert(std::is_trivially_destructible_v<T>,
                "grant data is dropped without running destructors");
  static_assert(alignof(T) <= 8, "grant data alignment above 8 is not supported");
  static_assert(kNumUpcalls < 256 && kNumReadOnly < 256 && kNumReadWrite < 256 &&
                kNumUserspaceReadable < 256);
  static_assert(internal::GrantShape{kNumUpcalls, kNumReadOnly, kNumReadWrite,
                                     kNumUserspaceReadable, sizeof(T), alignof(T)}
                            .BlockSize() /
                        8u <=
                    0xFFFFu,
                "a grant block is at most 512 KiB");

 public:
  Grant(Kernel& kernel, uint32_t driver_num, const MemoryAllocationCapability& cap)
      : GrantBase(kernel, driver_num,
                  internal::GrantShape{kNumUpcalls, kNumReadOnly, kNumReadWrite,
                                       kNumUserspaceReadable, sizeof(T), alignof(T)},
                  &Construct, cap) {}

  // Allocates `pid`'s grant if it has none yet (a driver's AllocateGrant is this call).
  Result<void> Allocate(ProcessId pid) {
    return Enter(pid, [](T&, GrantKernelData&) {});
  }

  // Runs fn(T&, GrantKernelData&) on `pid`'s grant, allocating it first if needed. Returns
  // fn's result, or kInval (no such live process), kNoMem (allocation failed), kBusy (this grant
  // is already entered for that process further up the stack).
  template <typename F>
  auto Enter(ProcessId pid, F&& fn) -> Result<std::invoke_result_t<F, T&, GrantKernelData&>> {
    using R = std::invoke_result_t<F, T&, GrantKernelData&>;
    static_assert(!std::is_reference_v<R>, "a grant closure may not return a reference");
    auto entry = Begin(pid);
    if (!entry.ok()) {
      return entry.error();
    }
    return Run<R>(entry.value(), std::forward<F>(fn));
  }

  // Runs fn(T&, GrantKernelData&) for every live process that has this grant allocated (skips
  // ones entered further up the stack). Returns how many were visited.
  template <typename F>
  size_t Iterate(F&& fn) {
    size_t visited = 0;
    for (size_t i = 0; i < process_slots(); ++i) {
      auto entry = BeginExisting(i);
      if (!entry.ok()) {
        continue;
      }
      ++visited;
      static_cast<void>(Run<void>(
          entry.value(), [&fn](T& data, GrantKernelData& kd) { static_cast<void>(fn(data, kd)); }));
    }
    return visited;
  }

 private:
  static void Construct(void* data) { new (data) T(); }

  template <typename R, typename F>
  Result<R> Run(const Entry& entry, F&& fn) {
    T& data = *std::launder(reinterpret_cast<T*>(Data(entry)));
    GrantKernelData kd = MakeKernelData(entry);
    if constexpr (std::is_void_v<R>) {
      fn(data, kd);
      End(entry);
      return {};
    } else {
      R result = fn(data, kd);
      End(entry);
      return result;
    }
  }
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_GRANT_H_
