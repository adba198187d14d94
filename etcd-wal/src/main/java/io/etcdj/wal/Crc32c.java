package io.etcdj.wal;

import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) that can be continued from a previous value, as the WAL's rolling checksum
 * needs (SPEC PER-018): {@code update(update(0, a), b) == update(0, a ‖ b)}.
 *
 * <p>{@link java.util.zip.CRC32C} cannot be seeded with a finished CRC; {@link #update} gets
 * there by feeding it four computed bytes first, and {@link #table} is the plain reflected table
 * algorithm (polynomial 0x82F63B78, initial value and final xor 0xFFFFFFFF) it is checked
 * against. CRC values are unsigned 32-bit numbers carried in a Java {@code int}.
 *
 * <p>Thread-safety: stateless, safe for any thread.
 */
public final class Crc32c {
  private static final int POLYNOMIAL = 0x82F63B78;
  private static final int[] TABLE = buildTable();
  private static final int FORWARD_OF_ZERO = forward(0);
  private static final int[] INVERSE = invert();

  private Crc32c() {}

  /** Continues the CRC {@code crc} (0 for a fresh start) over {@code data}. */
  public static int update(int crc, byte[] data) {
    return update(crc, data, 0, data.length);
  }

  /** Continues the CRC {@code crc} over {@code len} bytes of {@code data} from {@code off}. */
  public static int update(int crc, byte[] data, int off, int len) {
    // The JDK's CRC32C uses the CPU's crc32 instruction, an order of magnitude faster than the
    // table (it matters for multi-megabyte snapshot files and for replaying a long WAL). It always
    // starts from a fresh register, so a continued CRC first feeds four bytes chosen to bring
    // the register to the state the previous CRC left (see seedBytes).
    CRC32C jdk = new CRC32C();
    if (crc != 0) {
      jdk.update(seedBytes(~crc));
    }
    jdk.update(data, off, len);
    return (int) jdk.getValue();
  }

  /**
   * A JDK CRC-32C whose register is where {@code crc} left it: feeding it more bytes continues that
   * CRC, and {@code getValue()} gives {@code update(crc, bytes fed)}.
   */
  public static CRC32C resume(int crc) {
    CRC32C jdk = new CRC32C();
    if (crc != 0) {
      jdk.update(seedBytes(~crc));
    }
    return jdk;
  }

  /**
   * The four bytes that take a fresh CRC-32C register (0xFFFFFFFF) to {@code register}. Four
   * bytes of input act on the 32-bit register as an invertible affine map over GF(2), so the bytes
   * are {@code INVERSE * (register ^ F(0))}, where F(b) is the register after feeding b.
   */
  private static byte[] seedBytes(int register) {
    int want = register ^ FORWARD_OF_ZERO;
    int bytes = 0;
    for (int bit = 0; bit < 32; bit++) {
      if ((want >>> bit & 1) != 0) {
        bytes ^= INVERSE[bit];
      }
    }
    return new byte[] {
      (byte) bytes, (byte) (bytes >>> 8), (byte) (bytes >>> 16), (byte) (bytes >>> 24)
    };
  }

  /** The register after feeding the four bytes of {@code b} (little-endian) to a fresh one. */
  private static int forward(int b) {
    int c = 0xFFFFFFFF;
    for (int i = 0; i < 4; i++) {
      c = TABLE[(c ^ (b >>> (8 * i))) & 0xff] ^ (c >>> 8);
    }
    return c;
  }

  /**
   * INVERSE[j] = the input whose linear part maps to register bit j: built by Gauss-Jordan
   * elimination over the columns forward(e_i) ^ forward(0).
   */
  private static int[] invert() {
    int base = forward(0);
    int[] rows = new int[32]; // rows[i] = image of input bit i
    int[] inputs = new int[32]; // the input combination giving rows[i]
    for (int i = 0; i < 32; i++) {
      rows[i] = forward(1 << i) ^ base;
      inputs[i] = 1 << i;
    }
    for (int bit = 0; bit < 32; bit++) {
      int pivot = -1;
      for (int r = bit; r < 32; r++) {
        if ((rows[r] >>> bit & 1) != 0) {
          pivot = r;
          break;
        }
      }
      if (pivot < 0) {
        throw new IllegalStateException("crc32c: four bytes do not span the register");
      }
      int t = rows[pivot];
      rows[pivot] = rows[bit];
      rows[bit] = t;
      t = inputs[pivot];
      inputs[pivot] = inputs[bit];
      inputs[bit] = t;
      for (int r = 0; r < 32; r++) {
        if (r != bit && (rows[r] >>> bit & 1) != 0) {
          rows[r] ^= rows[bit];
          inputs[r] ^= inputs[bit];
        }
      }
    }
    return inputs; // rows is now the identity: inputs[j] maps to register bit j alone
  }

  /** The plain table algorithm; the reference the fast path is tested against. */
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
