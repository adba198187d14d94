package io.etcdj.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32cTest {
  /** SPEC PER-019: the metadata record of member ddd67b312462fd7b, from seed 0. */
  @Test
  void matchesEtcdMetadataVector() {
    byte[] data = HexFormat.of().parseHex("08fbfa8ba392e69eebdd0110b9aec4abb989e5f7a701");
    assertThat(Crc32c.update(0, data)).isEqualTo(0x9a821afc);
  }

  /** SPEC PER-019: continuing the chain over walpb.Snapshot{0,0}. */
  @Test
  void continuesFromAPreviousValue() {
    byte[] data = HexFormat.of().parseHex("08001000");
    assertThat(Crc32c.update(0x9a821afc, data)).isEqualTo(0xe997b7a1);
  }

  /** PER-018: it is the standard CRC-32C, and continuing equals hashing the concatenation. */
  @Test
  void agreesWithTheJdkAndChainsLikeConcatenation() {
    byte[] a = "hello, ".getBytes(StandardCharsets.UTF_8);
    byte[] b = "write-ahead log".getBytes(StandardCharsets.UTF_8);
    byte[] ab = "hello, write-ahead log".getBytes(StandardCharsets.UTF_8);
    CRC32C jdk = new CRC32C();
    jdk.update(ab);
    assertThat(Integer.toUnsignedLong(Crc32c.update(0, ab))).isEqualTo(jdk.getValue());
    assertThat(Crc32c.update(Crc32c.update(0, a), b)).isEqualTo(Crc32c.update(0, ab));
    assertThat(Crc32c.update(0, new byte[0])).isZero();
  }

  /** The JDK-backed path gives what the table algorithm gives, fresh or continued, any offset. */
  @Test
  void fastPathMatchesTheTableAlgorithm() {
    java.util.Random random = new java.util.Random(42);
    for (int len : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 1000, 70_000}) {
      for (int round = 0; round < 200; round++) {
        byte[] d = new byte[len % 97];
        random.nextBytes(d);
        int seed = random.nextInt();
        assertThat(Crc32c.update(seed, d)).isEqualTo(Crc32c.table(seed, d, 0, d.length));
      }
      byte[] data = new byte[len + 5];
      random.nextBytes(data);
      assertThat(Crc32c.update(0, data, 3, len)).isEqualTo(Crc32c.table(0, data, 3, len));
      int seed = random.nextInt();
      assertThat(Crc32c.update(seed, data, 3, len)).isEqualTo(Crc32c.table(seed, data, 3, len));
    }
  }
}
