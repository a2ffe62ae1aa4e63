/* kv: the key-value store (driver 0x50003) end to end with the blocking API: set, get, add of
 * an existing key, update, delete, a get of the deleted key, and a boot counter that persists
 * across tockd runs with --flash-file. Needs storage permissions in its TBF (BUILD.bazel). */
#include <libtock-sync/storage/kv.h>
#include <stdio.h>
#include <string.h>

static const uint8_t kGreeting[] = "greeting";
static const uint8_t kBoots[] = "boots";

static void print_value(const char* what, const uint8_t* key, uint32_t key_len) {
  uint8_t value[32];
  uint32_t len = 0;
  returncode_t rc = libtocksync_kv_get(key, key_len, value, sizeof value - 1, &len);
  if (rc != RETURNCODE_SUCCESS) {
    printf("kv: %s: get failed: %s\n", what, tock_strrcode(rc));
    return;
  }
  value[len < sizeof value - 1 ? len : sizeof value - 1] = '\0';
  printf("kv: %s: %s (%u bytes)\n", what, (const char*)value, (unsigned)len);
}

int main(void) {
  if (!libtocksync_kv_exists()) {
    printf("kv: no KV store\n");
    return -1;
  }
  const uint32_t key_len = sizeof kGreeting - 1;
  returncode_t rc = libtocksync_kv_set(kGreeting, key_len, (const uint8_t*)"hello", 5);
  printf("kv: set: %s\n", tock_strrcode(rc));
  print_value("get", kGreeting, key_len);
  rc = libtocksync_kv_add(kGreeting, key_len, (const uint8_t*)"again", 5);
  printf("kv: add existing: %s\n", tock_strrcode(rc));
  rc = libtocksync_kv_update(kGreeting, key_len, (const uint8_t*)"hello, world", 12);
  printf("kv: update: %s\n", tock_strrcode(rc));
  print_value("get", kGreeting, key_len);
  rc = libtocksync_kv_delete(kGreeting, key_len);
  printf("kv: delete: %s\n", tock_strrcode(rc));
  print_value("after delete", kGreeting, key_len);

  /* A counter that survives restarts of tockd (--flash-file). */
  uint32_t boots = 0, len = 0;
  rc = libtocksync_kv_get(kBoots, sizeof kBoots - 1, (uint8_t*)&boots, sizeof boots, &len);
  if (rc != RETURNCODE_SUCCESS) boots = 0;
  boots++;
  rc = libtocksync_kv_set(kBoots, sizeof kBoots - 1, (const uint8_t*)&boots, sizeof boots);
  printf("kv: boot %u (%s)\n", (unsigned)boots, tock_strrcode(rc));
  rc = libtocksync_kv_garbage_collect();
  printf("kv: garbage collect: %s\n", tock_strrcode(rc));
  return 0;
}
