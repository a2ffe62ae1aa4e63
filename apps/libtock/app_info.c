/* Reads this app's TBF header in flash (read-only for the app) to find its package name. The
 * header is kernel-checked, but bounds are still checked against header_size.
 */
#include "libtock/app_info.h"

#include <stdint.h>

#include "libtock/tock.h"

#define TBF_TLV_PACKAGE_NAME 3u

static uint16_t read_u16(const uint8_t* p) { return (uint16_t)(p[0] | (p[1] << 8)); }

int libtock_app_package_name(char* name, size_t cap) {
  const uint8_t* header = tock_app_flash_begins_at();
  if (header == NULL || cap == 0 || read_u16(header) != 2) return -1;
  uint32_t header_size = read_u16(header + 2);
  uint32_t offset = 16;
  while (offset + 4 <= header_size) {
    uint32_t type = read_u16(header + offset);
    uint32_t length = read_u16(header + offset + 2);
    if (offset + 4 + length > header_size) return -1;
    if (type == TBF_TLV_PACKAGE_NAME) {
      size_t n = length < cap - 1 ? length : cap - 1;
      for (size_t i = 0; i < n; ++i) name[i] = (char)header[offset + 4 + i];
      name[n] = '\0';
      return (int)n;
    }
    offset += 4 + ((length + 3u) & ~3u);
  }
  return -1;
}
