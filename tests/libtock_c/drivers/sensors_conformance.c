/* libtock-c conformance for the generated single-value sensor APIs (apps/libtock_sensor.bzl):
 * every function is assigned to a pointer of upstream libtock-c's exact type (built with
 * -Werror=incompatible-pointer-types: a different signature fails the build), then the temperature
 * sensor is read through each layer and the absent sensors must answer ENODEVICE. */
#include <libtock-sync/sensors/ambient_light.h>
#include <libtock-sync/sensors/humidity.h>
#include <libtock-sync/sensors/moisture.h>
#include <libtock-sync/sensors/pressure.h>
#include <libtock-sync/sensors/sound_pressure.h>
#include <libtock-sync/sensors/temperature.h>
#include <libtock/sensors/syscalls/temperature_syscalls.h>
#include <stdint.h>
#include <stdio.h>

typedef void (*int_callback)(returncode_t, int);
typedef void (*u8_callback)(returncode_t, uint8_t);
typedef bool (*predicate)(void);
typedef returncode_t (*action)(void);
typedef returncode_t (*subscriber)(subscribe_upcall, void*);
typedef returncode_t (*int_reader)(int*);
typedef returncode_t (*u8_reader)(uint8_t*);

/* One row per sensor: upstream's names and types. */
#define SAME_SHAPE(x, read, command)                                                        \
  static const int_callback x##_cb_type = (libtock_##x##_callback)0;                        \
  static const predicate x##_exists[] = {libtock_##x##_exists, libtock_##x##_driver_exists, \
                                         libtocksync_##x##_exists};                         \
  static returncode_t (*const x##_read)(libtock_##x##_callback) = libtock_##x##_##read;     \
  static const subscriber x##_set_upcall = libtock_##x##_set_upcall;                        \
  static const action x##_command = libtock_##x##_##command;                                \
  static const int_reader x##_sync[] = {libtocksync_##x##_##read, libtocksync_##x##_yield_wait_for};

SAME_SHAPE(temperature, read, command_read)
SAME_SHAPE(humidity, read, command_read)
SAME_SHAPE(ambient_light, read_intensity, command_start_intensity_reading)
SAME_SHAPE(pressure, read, command_read)
SAME_SHAPE(moisture, read, command_read)

static const u8_callback sound_pressure_cb_type = (libtock_sound_pressure_callback)0;
static returncode_t (*const sound_pressure_read)(libtock_sound_pressure_callback) =
    libtock_sound_pressure_read;
static const action sound_pressure_actions[] = {
    libtock_sound_pressure_enable,         libtock_sound_pressure_disable,
    libtock_sound_pressure_command_enable, libtock_sound_pressure_command_disable,
    libtock_sound_pressure_command_read,   libtocksync_sound_pressure_enable,
    libtocksync_sound_pressure_disable};
static const u8_reader sound_pressure_sync[] = {libtocksync_sound_pressure_read,
                                                libtocksync_sound_pressure_yield_wait_for};
static const predicate sound_pressure_exists[] = {libtock_sound_pressure_exists,
                                                  libtock_sound_pressure_driver_exists,
                                                  libtocksync_sound_pressure_exists};
static const subscriber sound_pressure_set_upcall = libtock_sound_pressure_set_upcall;

static bool done;
static returncode_t got_rc;
static int got_value;

static void on_temperature(returncode_t rc, int value) {
  got_rc = rc;
  got_value = value;
  done = true;
}

static void absent(const char* name, const predicate exists[3], returncode_t sync_rc) {
  printf("sensors: %s exists=%d %d %d sync=%d\n", name, exists[0](), exists[1](), exists[2](),
         sync_rc);
}

int main(void) {
  (void)temperature_cb_type, (void)humidity_cb_type, (void)ambient_light_cb_type;
  (void)pressure_cb_type, (void)moisture_cb_type, (void)sound_pressure_cb_type;
  (void)temperature_set_upcall, (void)humidity_set_upcall, (void)ambient_light_set_upcall;
  (void)pressure_set_upcall, (void)moisture_set_upcall, (void)sound_pressure_set_upcall;
  (void)humidity_read, (void)ambient_light_read, (void)pressure_read, (void)moisture_read;
  (void)sound_pressure_read, (void)humidity_command, (void)ambient_light_command;
  (void)pressure_command, (void)moisture_command, (void)humidity_exists, (void)humidity_sync;

  printf("sensors: temperature exists=%d %d %d driver=0x%x\n", temperature_exists[0](),
         temperature_exists[1](), temperature_exists[2](), DRIVER_NUM_TEMPERATURE);
  returncode_t rc = temperature_read(on_temperature);
  if (rc == RETURNCODE_SUCCESS) yield_for(&done);
  printf("sensors: temperature async rc=%d cb=%d value=%d\n", rc, got_rc, got_value);
  int value = 0;
  rc = temperature_sync[0](&value);
  printf("sensors: temperature sync rc=%d value=%d\n", rc, value);
  rc = temperature_command();
  value = 0;
  returncode_t waited = rc == RETURNCODE_SUCCESS ? temperature_sync[1](&value) : rc;
  printf("sensors: temperature raw rc=%d wait=%d value=%d\n", rc, waited, value);

  int ignored = 0;
  uint8_t decibels = 0;
  absent("ambient_light", ambient_light_exists, ambient_light_sync[0](&ignored));
  absent("pressure", pressure_exists, pressure_sync[0](&ignored));
  absent("moisture", moisture_exists, moisture_sync[0](&ignored));
  absent("sound_pressure", sound_pressure_exists, sound_pressure_sync[0](&decibels));
  printf("sensors: sound_pressure enable=%d async=%d\n", sound_pressure_actions[0](),
         sound_pressure_read(NULL));
  printf("sensors: done\n");
  return 0;
}
