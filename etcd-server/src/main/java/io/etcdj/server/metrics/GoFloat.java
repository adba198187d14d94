package io.etcdj.server.metrics;

import java.math.BigDecimal;

/**
 * A float64 as the encoding/json of Go 1.6, which built etcd 2.3, writes it: {@code
 * strconv.FormatFloat(f, 'g', -1, 64)}, the shortest digits that read back as the same number,
 * in exponent form when the decimal exponent is below -4 or at least 6 ({@code 0.0428},
 * {@code 6.9e-06}, {@code 1e+06}). Later Go's JSON writes {@code 6.9e-6} and {@code 1000000}; its
 * Prometheus client still writes this form, so {@code /metrics} and {@code /debug/vars} share it.
 *
 * <p>Thread-safety: stateless.
 */
public final class GoFloat {
  private GoFloat() {}

  /** Infinities and NaN as Prometheus writes them; Go's JSON encoder refuses them. */
  public static String format(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+Inf" : "-Inf";
    }
    if (f == 0) {
      return (1 / f < 0) ? "-0" : "0";
    }
    // Java's shortest representation (JDK 19 and later; older ones add a digit now and then).
    BigDecimal d = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - d.scale() - 1; // of the first digit
    StringBuilder b = new StringBuilder(24);
    if (f < 0) {
      b.append('-');
    }
    if (exp < -4 || exp >= 6) {
      b.append(digits.charAt(0));
      if (digits.length() > 1) {
        b.append('.').append(digits, 1, digits.length());
      }
      b.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      b.append(abs < 10 ? "0" : "").append(abs);
    } else if (exp < 0) {
      b.append("0.").append("0".repeat(-exp - 1)).append(digits);
    } else if (digits.length() > exp + 1) {
      b.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
    } else {
      b.append(digits).append("0".repeat(exp + 1 - digits.length()));
    }
    return b.toString();
  }
}
