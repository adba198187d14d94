package io.etcdj.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations in etcd's log lines, as Go prints them (SPEC FLG-065). */
class GoDurationTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "999, 999ns",
    "1500, 1.5\u00b5s",
    "100000000, 100ms",
    "154491083, 154.491083ms",
    "1000000000, 1s",
    "1220602923, 1.220602923s",
    "61500000000, 1m1.5s",
    "3600000000000, 1h0m0s",
    "3723000000001, 1h2m3.000000001s",
    "-5000000, -5ms"
  })
  void formatsAsGo(long nanos, String expected) {
    assertThat(GoDuration.format(nanos)).isEqualTo(expected);
  }
}
