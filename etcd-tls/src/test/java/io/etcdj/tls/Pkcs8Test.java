package io.etcdj.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The small DER writer and reader behind PKCS#1 and SEC1 keys (X.690 section 8.1.3). */
class Pkcs8Test {
  record Length(int length, String header) {}

  static List<Length> lengths() {
    return List.of(
        new Length(0, "0400"),
        new Length(127, "047f"),
        new Length(128, "048180"),
        new Length(255, "0481ff"),
        new Length(256, "04820100"),
        new Length(70000, "0483011170"));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void lengthsUseTheShortestDefiniteForm(Length row) {
    byte[] tlv = Pkcs8.tlv(0x04, new byte[row.length()]);

    assertThat(hex(tlv, row.header().length() / 2)).isEqualTo(row.header());
    assertThat(tlv).hasSize(row.header().length() / 2 + row.length());
  }

  @Test
  void theCurveIsTakenFromTheSec1Parameters() {
    // ECPrivateKey { 1, OCTET STRING(1 byte), [0] { OID prime256v1 } }
    byte[] sec1 = bytes("3012020101040101a00a06082a8648ce3d030107");

    assertThat(hex(Pkcs8.sec1Curve(sec1), 100)).isEqualTo("06082a8648ce3d030107");
  }

  @Test
  void aSec1KeyWithoutACurveIsRefused() {
    byte[] sec1 = bytes("3006020101040101");

    assertThatThrownBy(() -> Pkcs8.sec1Curve(sec1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no curve");
  }

  @Test
  void truncatedDerIsRefused() {
    assertThatThrownBy(() -> Pkcs8.sec1Curve(bytes("3011020101")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
  }

  private static String hex(byte[] b, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      s.append(String.format("%02x", b[i] & 0xff));
    }
    return s.toString();
  }

  private static byte[] bytes(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
