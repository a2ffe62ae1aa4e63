// Environment sensor HILs (upstream kernel::hil::sensors): temperature and humidity. A read is
// split-phase: ReadTemperature() starts it and the client's TemperatureDone() gets the value
// (likewise ReadHumidity() / HumidityDone()). Header-only, freestanding.
#ifndef TOCKPP_HIL_SENSORS_H_
#define TOCKPP_HIL_SENSORS_H_

#include <cstdint>

#include "hil/error.h"

namespace tock::hil::sensors {

class TemperatureClient {
 public:
  // A reading finished: hundredths of a degree Celsius (2150 = 21.50 °C), or the error.
  virtual void TemperatureDone(Result<int32_t> value) = 0;

 protected:
  ~TemperatureClient() = default;
};

class TemperatureDriver {
 public:
  virtual void SetClient(TemperatureClient& client) = 0;
  // Starts one reading; Ok means TemperatureDone() will be called once. BUSY while a reading
  // is in flight, other errors (OFF, FAIL) if the sensor cannot read.
  virtual Result<void> ReadTemperature() = 0;

 protected:
  ~TemperatureDriver() = default;
};

class HumidityClient {
 public:
  // A reading finished: relative humidity in hundredths of a percent (4550 = 45.50 %), or the
  // error.
  virtual void HumidityDone(Result<uint32_t> value) = 0;

 protected:
  ~HumidityClient() = default;
};

class HumidityDriver {
 public:
  virtual void SetClient(HumidityClient& client) = 0;
  // Starts one reading; Ok means HumidityDone() will be called once. BUSY while a reading is
  // in flight, other errors (OFF, FAIL) if the sensor cannot read.
  virtual Result<void> ReadHumidity() = 0;

 protected:
  ~HumidityDriver() = default;
};

}  // namespace tock::hil::sensors

#endif  // TOCKPP_HIL_SENSORS_H_
