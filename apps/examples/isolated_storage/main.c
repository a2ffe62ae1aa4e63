/* isolated_storage: the isolated nonvolatile storage (driver 0x50004): the region's size, a
 * write and read back across a block boundary, never-written bytes (0xFF), a range past the end
 * (EINVAL), and a boot counter that persists across tockd runs with --flash-file. */
#include <libtock-sync/storage/isolated_nonvolatile_storage.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  if (!libtocksync_isolated_nonvolatile_storage_exists()) {
    printf("invs: no isolated storage\n");
    return -1;
  }
  uint64_t size = 0;
  returncode_t rc = libtocksync_isolated_nonvolatile_storage_get_number_bytes(&size);
  printf("invs: size: %s, %u bytes\n", tock_strrcode(rc), (unsigned)size);

  static uint8_t text[] = "isolated and persistent";
  rc = libtocksync_isolated_nonvolatile_storage_write(2040, text, sizeof text);
  printf("invs: write: %s\n", tock_strrcode(rc));
  static uint8_t back[sizeof text];
  rc = libtocksync_isolated_nonvolatile_storage_read(2040, back, sizeof back);
  printf("invs: read: %s, %s\n", tock_strrcode(rc), (const char*)back);

  static uint8_t fresh[4];
  rc = libtocksync_isolated_nonvolatile_storage_read(6000, fresh, sizeof fresh);
  printf("invs: unwritten: %s, %02x %02x\n", tock_strrcode(rc), fresh[0], fresh[3]);
  rc = libtocksync_isolated_nonvolatile_storage_read(size - 2, fresh, sizeof fresh);
  printf("invs: past the end: %s\n", tock_strrcode(rc));

  uint32_t boots = 0;
  rc = libtocksync_isolated_nonvolatile_storage_read(0, (uint8_t*)&boots, sizeof boots);
  if (rc != RETURNCODE_SUCCESS || boots == 0xFFFFFFFFu) boots = 0;
  boots++;
  rc = libtocksync_isolated_nonvolatile_storage_write(0, (uint8_t*)&boots, sizeof boots);
  printf("invs: boot %u (%s)\n", (unsigned)boots, tock_strrcode(rc));
  return 0;
}
