// Upstream Tock 2.x driver numbers (capsules_core::driver::NUM), every one of them, so a new
// capsule finds its number here and needs no edit. Userspace finds drivers by these numbers,
// so they are ABI: never renumber. Names follow upstream's, in this tree's constant style.
#ifndef TOCKPP_CAPSULES_DRIVER_NUMBERS_H_
#define TOCKPP_CAPSULES_DRIVER_NUMBERS_H_

#include <cstdint>

namespace tock::capsules::driver_num {

// Base
inline constexpr uint32_t kAlarm = 0x00000;
inline constexpr uint32_t kConsole = 0x00001;
inline constexpr uint32_t kLed = 0x00002;
inline constexpr uint32_t kButton = 0x00003;
inline constexpr uint32_t kGpio = 0x00004;
inline constexpr uint32_t kAdc = 0x00005;
inline constexpr uint32_t kDac = 0x00006;
inline constexpr uint32_t kAnalogComparator = 0x00007;
inline constexpr uint32_t kLowLevelDebug = 0x00008;
inline constexpr uint32_t kReadOnlyState = 0x00009;
inline constexpr uint32_t kPwm = 0x00010;

// Kernel
inline constexpr uint32_t kIpc = 0x10000;
inline constexpr uint32_t kAppLoader = 0x10001;
inline constexpr uint32_t kProcessInfo = 0x10002;

// Hardware buses
inline constexpr uint32_t kSpi = 0x20001;
inline constexpr uint32_t kSpiPeripheral = 0x20002;
inline constexpr uint32_t kI2cMaster = 0x20003;
inline constexpr uint32_t kUsbUser = 0x20005;
inline constexpr uint32_t kI2cMasterSlave = 0x20006;
inline constexpr uint32_t kCan = 0x20007;

// Networking
inline constexpr uint32_t kBleAdvertising = 0x30000;
inline constexpr uint32_t kIeee802154 = 0x30001;
inline constexpr uint32_t kUdp = 0x30002;
inline constexpr uint32_t kLoRaPhySpi = 0x30003;
inline constexpr uint32_t kLoRaPhyGpio = 0x30004;
inline constexpr uint32_t kThread = 0x30005;
inline constexpr uint32_t kEui64 = 0x30006;
inline constexpr uint32_t kEthernetTap = 0x30007;
inline constexpr uint32_t kWifi = 0x30008;

// Cryptography
inline constexpr uint32_t kRng = 0x40001;
inline constexpr uint32_t kCrc = 0x40002;
inline constexpr uint32_t kHmac = 0x40003;
inline constexpr uint32_t kCtapHid = 0x40004;
inline constexpr uint32_t kSha = 0x40005;
inline constexpr uint32_t kAes = 0x40006;

// Storage
inline constexpr uint32_t kAppFlash = 0x50000;
inline constexpr uint32_t kNvmStorage = 0x50001;
inline constexpr uint32_t kSdCard = 0x50002;
inline constexpr uint32_t kKv = 0x50003;
inline constexpr uint32_t kIsolatedNvmStorage = 0x50004;

// Sensors
inline constexpr uint32_t kTemperature = 0x60000;
inline constexpr uint32_t kHumidity = 0x60001;
inline constexpr uint32_t kAmbientLight = 0x60002;
inline constexpr uint32_t kNineDof = 0x60004;
inline constexpr uint32_t kProximity = 0x60005;
inline constexpr uint32_t kSoundPressure = 0x60006;
inline constexpr uint32_t kAirQuality = 0x60007;
inline constexpr uint32_t kPressure = 0x60008;
inline constexpr uint32_t kDistance = 0x60009;
inline constexpr uint32_t kMoisture = 0x6000A;
inline constexpr uint32_t kRainFall = 0x6000B;

// Sensor ICs
inline constexpr uint32_t kTsl2561 = 0x70000;
inline constexpr uint32_t kTmp006 = 0x70001;
inline constexpr uint32_t kLps25hb = 0x70004;
inline constexpr uint32_t kL3gd20 = 0x70005;
inline constexpr uint32_t kLsm303dlch = 0x70006;
inline constexpr uint32_t kMlx90614 = 0x70007;
inline constexpr uint32_t kLsm6dsoxtr = 0x70008;

// Other ICs
inline constexpr uint32_t kLtc294x = 0x80000;
inline constexpr uint32_t kMax17205 = 0x80001;
inline constexpr uint32_t kPca9544a = 0x80002;
inline constexpr uint32_t kGpioAsync = 0x80003;
inline constexpr uint32_t kNrf51822Serialization = 0x80004;

// Miscellaneous
inline constexpr uint32_t kBuzzer = 0x90000;
inline constexpr uint32_t kScreen = 0x90001;
inline constexpr uint32_t kTouch = 0x90002;
inline constexpr uint32_t kTextScreen = 0x90003;
inline constexpr uint32_t kSevenSegment = 0x90004;
inline constexpr uint32_t kKeyboardHid = 0x90005;
inline constexpr uint32_t kDateTime = 0x90007;
inline constexpr uint32_t kCycleCount = 0x90008;
inline constexpr uint32_t kServo = 0x90009;

}  // namespace tock::capsules::driver_num

#endif  // TOCKPP_CAPSULES_DRIVER_NUMBERS_H_
