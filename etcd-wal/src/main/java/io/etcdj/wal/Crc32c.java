package io.etcdj.wal;

/**
 * CRC-32C (Castagnoli) that can be continued from a previous value, as the WAL's rolling checksum
 * needs (SPEC PER-018): {@code update(update(0, a), b) == update(0, a ‖ b)}.
 *
 * <p>{@link java.util.zip.CRC32C} cannot be seeded with a finished CRC, so this is the plain
 * reflected table algorithm (polynomial 0x82F63B78, initial value and final xor 0xFFFFFFFF). CRC
 * values are unsigned 32-bit numbers carried in a Java {@code int}.
 *
 * <p>Thread-safety: stateless, safe for any thread.
 */
public final class Crc32c {
  private static final int POLYNOMIAL = 0x82F63B78;
  private static final int[] TABLE = buildTable();

  private Crc32c() {}

  /** Continues the CRC {@code crc} (0 for a fresh start) over {@code data}. */
  public static int update(int crc, byte[] data) {
    return update(crc, data, 0, data.length);
  }

  /** Continues the CRC {@code crc} over {@code len} bytes of {@code data} from {@code off}. */
  public static int update(int crc, byte[] data, int off, int len) {
    if (crc == 0) {
      // A fresh start is plain CRC-32C: the JDK's version uses the CPU's crc32 instruction, which
      // matters for snapshot files of many megabytes (Snapshotter checks and writes them whole).
      java.util.zip.CRC32C fresh = new java.util.zip.CRC32C();
      fresh.update(data, off, len);
      return (int) fresh.getValue();
    }
    return table(crc, data, off, len);
  }

  /** The table algorithm, for a CRC continued from {@code crc}. */
  static int table(int crc, byte[] data, int off, int len) {
    int c = ~crc;
    for (int i = off; i < off + len; i++) {
      c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
    }
    return ~c;
  }

  private static int[] buildTable() {
    int[] table = new int[256];
    for (int n = 0; n < 256; n++) {
      int c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
      }
      table[n] = c;
    }
    return table;
  }
}
