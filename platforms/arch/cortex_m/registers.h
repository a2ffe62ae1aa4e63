// Typed memory-mapped registers: the C++ counterpart of tock-registers.
// A register block is a struct of ReadWrite/ReadOnly/WriteOnly fields; each register names a
// bitfield "tag" struct whose Field<> members are the only values it accepts, so drivers write
// `csr.Modify(Ctrl::kEnable.Set())` instead of masks. Portable (host tests run it on RAM, or
// on a fake bus that models a peripheral: see MmioBus below).
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_REGISTERS_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_REGISTERS_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace tock::cortex_m {

// A value for one or more fields of register tag `Tag`: which bits it covers and their value.
template <typename T, typename Tag>
struct FieldValue {
  T mask;
  T value;

  // Combine values of different fields of the same register (tock-registers' `+`).
  constexpr FieldValue operator+(FieldValue other) const {
    return FieldValue{static_cast<T>(mask | other.mask), static_cast<T>(value | other.value)};
  }
};

// A `width`-bit field at bit `shift` of a register tagged `Tag`.
template <typename T, typename Tag, unsigned Shift, unsigned Width>
struct Field {
  static_assert(std::is_unsigned_v<T>);
  static_assert(Width >= 1 && Shift + Width <= sizeof(T) * 8);
  static constexpr unsigned kShift = Shift;
  static constexpr unsigned kWidth = Width;
  // Mask of the field's bits before shifting.
  static constexpr T kMask =
      Width == sizeof(T) * 8 ? static_cast<T>(~T{0}) : static_cast<T>((T{1} << Width) - 1);

  // Field set to `v` (truncated to the field's width).
  static constexpr FieldValue<T, Tag> Val(T v) {
    return {static_cast<T>(kMask << Shift), static_cast<T>((v & kMask) << Shift)};
  }
  // All bits of the field set / cleared.
  static constexpr FieldValue<T, Tag> Set() { return Val(kMask); }
  static constexpr FieldValue<T, Tag> Clear() { return Val(0); }
  // The field's value inside a raw register value.
  static constexpr T Read(T raw) { return static_cast<T>((raw >> Shift) & kMask); }
};

// The MMIO seam. On the target every register access is one plain volatile load or store. In
// host builds (anything but 32-bit Arm) a test may install an MmioBus that sees each access
// first and models the peripheral's side effects (platforms/chips/testing/mmio_fake.h); with
// none installed, registers are plain memory.
#if defined(__arm__)
#define TOCKPP_MMIO_HOST_SEAM 0
#else
#define TOCKPP_MMIO_HOST_SEAM 1

class MmioBus {
 public:
  // True if the bus handled the access (then `value` is what a load returns); false lets the
  // access go to the memory at `address`.
  virtual bool Load(uintptr_t address, size_t size, uint64_t& value) = 0;
  virtual bool Store(uintptr_t address, size_t size, uint64_t value) = 0;

 protected:
  ~MmioBus() = default;
};

// The installed bus (host tests only; nullptr: registers are plain memory).
inline MmioBus* g_mmio_bus = nullptr;
#endif

namespace internal {
template <typename T>
inline T Load(const volatile T& r) {
#if TOCKPP_MMIO_HOST_SEAM
  uint64_t v = 0;
  if (g_mmio_bus != nullptr && g_mmio_bus->Load(reinterpret_cast<uintptr_t>(&r), sizeof(T), v)) {
    return static_cast<T>(v);
  }
#endif
  return r;
}
template <typename T>
inline void Store(volatile T& r, T v) {
#if TOCKPP_MMIO_HOST_SEAM
  if (g_mmio_bus != nullptr &&
      g_mmio_bus->Store(reinterpret_cast<uintptr_t>(&r), sizeof(T), static_cast<uint64_t>(v))) {
    return;
  }
#endif
  r = v;
}
}  // namespace internal

// The 32-bit bus address of RAM handed to a DMA pointer register (EasyDMA's TXD.PTR etc.). On
// the target that is the pointer itself; host pointers are wider, so host builds remember the
// last few and a fake device finds the memory again with DmaPointer.
#if TOCKPP_MMIO_HOST_SEAM
namespace internal {
inline constexpr size_t kDmaSlots = 16;
inline const void* g_dma_pointers[kDmaSlots] = {};
inline size_t g_dma_next = 0;
}  // namespace internal
inline uint32_t DmaAddress(const void* p) {
  internal::g_dma_pointers[internal::g_dma_next++ % internal::kDmaSlots] = p;
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p));
}
// The host memory a DMA address stands for (nullptr if no recent DmaAddress matches).
inline void* DmaPointer(uint32_t address) {
  for (const void* p : internal::g_dma_pointers) {
    if (p != nullptr && static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p)) == address) {
      return const_cast<void*>(p);
    }
  }
  return nullptr;
}
#else
inline uint32_t DmaAddress(const void* p) {
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p));
}
#endif

// Read-only register.
template <typename T, typename Tag = void>
class ReadOnly {
 public:
  T Get() const { return internal::Load(value_); }
  template <typename F>
  T Read(F) const {
    static_assert(std::is_same_v<decltype(F::Set()), FieldValue<T, Tag>>, "field of another reg");
    return F::Read(Get());
  }
  template <typename F>
  bool IsSet(F f) const {
    return Read(f) != 0;
  }
  bool MatchesAll(FieldValue<T, Tag> v) const { return (Get() & v.mask) == v.value; }

 private:
  volatile T value_;
};

// Write-only register: every write replaces the whole register.
template <typename T, typename Tag = void>
class WriteOnly {
 public:
  void Set(T v) { internal::Store(value_, v); }
  void Write(FieldValue<T, Tag> v) { Set(v.value); }

 private:
  volatile T value_;
};

// Read-write register.
template <typename T, typename Tag = void>
class ReadWrite {
 public:
  T Get() const { return internal::Load(value_); }
  void Set(T v) { internal::Store(value_, v); }
  template <typename F>
  T Read(F) const {
    static_assert(std::is_same_v<decltype(F::Set()), FieldValue<T, Tag>>, "field of another reg");
    return F::Read(Get());
  }
  template <typename F>
  bool IsSet(F f) const {
    return Read(f) != 0;
  }
  bool MatchesAll(FieldValue<T, Tag> v) const { return (Get() & v.mask) == v.value; }
  // Write the given fields; every other bit becomes 0.
  void Write(FieldValue<T, Tag> v) { Set(v.value); }
  // Read-modify-write: only the given fields change.
  void Modify(FieldValue<T, Tag> v) { Set(static_cast<T>((Get() & ~v.mask) | v.value)); }

 private:
  volatile T value_;
};

// Reserved gap inside a register block.
template <size_t kBytes>
struct Reserved {
  uint8_t unused[kBytes];
};

// A register block at a fixed address. The only place an address becomes a pointer.
template <typename Block>
class StaticRef {
 public:
  constexpr explicit StaticRef(uintptr_t address) : address_(address) {}
  Block* operator->() const { return reinterpret_cast<Block*>(address_); }
  Block& operator*() const { return *reinterpret_cast<Block*>(address_); }
  constexpr uintptr_t address() const { return address_; }

 private:
  uintptr_t address_;
};

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_REGISTERS_H_
