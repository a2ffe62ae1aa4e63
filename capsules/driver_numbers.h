// Upstream Tock driver numbers (capsules_core::driver::NUM) for the capsules in this tree.
// Userspace finds drivers by these numbers, so they are ABI: never renumber.
#ifndef TOCKPP_CAPSULES_DRIVER_NUMBERS_H_
#define TOCKPP_CAPSULES_DRIVER_NUMBERS_H_

#include <cstdint>

namespace tock::capsules::driver_num {

inline constexpr uint32_t kAlarm = 0x00000;
inline constexpr uint32_t kConsole = 0x00001;
inline constexpr uint32_t kLed = 0x00002;
inline constexpr uint32_t kButton = 0x00003;
inline constexpr uint32_t kGpio = 0x00004;
inline constexpr uint32_t kLowLevelDebug = 0x00008;
inline constexpr uint32_t kRng = 0x40001;
inline constexpr uint32_t kNvmStorage = 0x50001;
inline constexpr uint32_t kTemperature = 0x60000;

}  // namespace tock::capsules::driver_num

#endif  // TOCKPP_CAPSULES_DRIVER_NUMBERS_H_
