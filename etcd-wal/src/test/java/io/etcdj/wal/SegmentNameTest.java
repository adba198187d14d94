package io.etcdj.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentNameTest {
  /** SPEC PER-010: 16 lowercase hex digits each. */
  @Test
  void formatsAndParsesEtcdNames() {
    assertThat(new SegmentName(0, 0).fileName()).isEqualTo("0000000000000000-0000000000000000.wal");
    SegmentName n = new SegmentName(0x1a, 0xbeef);
    assertThat(n.fileName()).isEqualTo("000000000000001a-000000000000beef.wal");
    assertThat(SegmentName.parse(n.fileName())).contains(n);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.tmp",
        "0000000000000000-0000000000000000.wal.broken",
        "000000000000000A-0000000000000000.wal",
        "0000000000000000-000000000000000.wal",
        "ffffffffffffffff-0000000000000000.wal"
      })
  void rejectsOtherNames(String name) {
    assertThat(SegmentName.parse(name)).isEmpty();
  }

  @Test
  void rejectsNegativeNumbers() {
    assertThatThrownBy(() -> new SegmentName(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
