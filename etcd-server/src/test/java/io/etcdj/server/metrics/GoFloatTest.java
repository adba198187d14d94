package io.etcdj.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OTH-014: memstats' {@code GCCPUFraction} as Go 1.6's encoding/json (etcd 2.3) writes a
 * float64, and OTH-050: every number of {@code /metrics} as Go's Prometheus client writes it, {@code strconv.FormatFloat(f, 'g', -1, 64)}: exponent form below 1e-4 and from 1e6
 * on, with at least two exponent digits.
 */
class GoFloatTest {
  record Row(double value, String go) {}

  static Stream<Row> rows() {
    return Stream.of(
        new Row(0, "0"),
        new Row(0.04289738201707963, "0.04289738201707963"),
        new Row(0.0001, "0.0001"),
        new Row(0.00001, "1e-05"),
        new Row(6.944444444444445e-06, "6.944444444444445e-06"),
        new Row(-2.5e-7, "-2.5e-07"),
        new Row(1.5, "1.5"),
        new Row(100, "100"),
        new Row(123456, "123456"),
        new Row(1e6, "1e+06"),
        new Row(1234567.5, "1.2345675e+06"),
        new Row(1e100, "1e+100"),
        // figures from etcd 3.4's /metrics (OTH-050..053)
        new Row(2224, "2224"),
        new Row(25_980_928, "2.5980928e+07"),
        new Row(1.79529743619e9, "1.79529743619e+09"),
        new Row(0x1p64, "1.8446744073709552e+19"),
        new Row(7.2445e-05, "7.2445e-05"),
        new Row(0.0005, "0.0005"),
        new Row(Double.POSITIVE_INFINITY, "+Inf"),
        new Row(Double.NaN, "NaN"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void formatsAsGo16(Row row) {
    assertThat(GoFloat.format(row.value())).isEqualTo(row.go());
  }
}
