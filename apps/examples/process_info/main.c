/* process_info: lists the board's processes through the process info driver (0x10002):
 * count, then one line per process with its name, ShortId and state number (0 running,
 * 1 yielded, 2 yielded-for, 3 stopped, 4 faulted, 5 terminated). */
#include <stdint.h>

#include "libtock/kernel/process_info.h"
#include "libtock/printf.h"

#define MAX_PROCESSES 8

static uint32_t word(const uint8_t* p, uint32_t i) {
  const uint8_t* w = p + 4 * i;
  return (uint32_t)w[0] | ((uint32_t)w[1] << 8) | ((uint32_t)w[2] << 16) | ((uint32_t)w[3] << 24);
}

int main(void) {
  if (!libtock_process_info_exists()) {
    printf("process_info: no driver\n");
    return 1;
  }
  uint32_t count = 0;
  if (libtock_process_info_get_process_count(&count) != RETURNCODE_SUCCESS) return 2;
  printf("process_info: %u processes\n", (unsigned)count);

  uint8_t ids[4 * MAX_PROCESSES];
  uint8_t short_ids[4 * MAX_PROCESSES];
  uint32_t n = 0;
  if (libtock_process_info_get_process_ids(ids, sizeof ids, &n) != RETURNCODE_SUCCESS) return 3;
  if (libtock_process_info_get_short_ids(short_ids, sizeof short_ids, &n) != RETURNCODE_SUCCESS) {
    return 4;
  }
  for (uint32_t i = 0; i < n && i < MAX_PROCESSES; ++i) {
    uint8_t name[32] = {0};
    uint8_t stats[16] = {0};
    const uint32_t id = word(ids, i);
    if (libtock_process_info_get_process_name(id, name, sizeof name - 1) != RETURNCODE_SUCCESS ||
        libtock_process_info_get_process_stats(id, stats, sizeof stats) != RETURNCODE_SUCCESS) {
      return 5;
    }
    printf("process_info: %s short_id %08x state %u\n", (const char*)name,
           (unsigned)word(short_ids, i), (unsigned)word(stats, 3));
  }
  return 0;
}
