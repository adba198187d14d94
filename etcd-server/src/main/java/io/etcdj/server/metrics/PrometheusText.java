package io.etcdj.server.metrics;

import java.math.BigDecimal;

/**
 * Writes Prometheus's text exposition format (version 0.0.4) the way Go's client library does, so
 * that a scrape of this member reads like one of etcd: numbers as Go's {@code strconv.FormatFloat(v,
 * 'g', -1, 64)}, labels sorted by name, a family's HELP and TYPE lines before its samples.
 *
 * <p>The caller writes families in name order and a family's samples in label order (the order
 * Go's registry sorts them in). A family with no samples is left out entirely, as Go leaves out a
 * labelled family none of whose children exists yet.
 *
 * <p>Thread-safety: not thread-safe; one instance per page.
 */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(8192);

  /** Starts a family: its HELP and TYPE lines. */
  public PrometheusText family(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** A family of one unlabelled sample. */
  public PrometheusText single(String name, String type, String help, double value) {
    return family(name, type, help).sample(name, Labels.NONE, value);
  }

  public PrometheusText sample(String name, Labels labels, double value) {
    out.append(name);
    labels.appendTo(out, null, null);
    out.append(' ').append(goFloat(value)).append('\n');
    return this;
  }

  /** A histogram's cumulative buckets, then its sum and count. */
  public PrometheusText histogram(String name, Labels labels, Histogram h) {
    Histogram.Snapshot s = h.snapshot();
    long cumulative = 0;
    for (int i = 0; i < s.counts().length; i++) {
      cumulative += s.counts()[i];
      boolean last = i == s.bounds().length;
      out.append(name).append("_bucket");
      labels.appendTo(out, "le", last ? "+Inf" : goFloat(s.bounds()[i]));
      out.append(' ').append(goFloat(cumulative)).append('\n');
    }
    out.append(name).append("_sum");
    labels.appendTo(out, null, null);
    out.append(' ').append(goFloat(s.sum())).append('\n');
    out.append(name).append("_count");
    labels.appendTo(out, null, null);
    out.append(' ').append(goFloat(cumulative)).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Go's shortest {@code 'g'} format: exponent form below 1e-4 and from 1e+06 up. */
  static String goFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale(); // the power of ten of the first digit
    StringBuilder s = new StringBuilder(24);
    if (v < 0) {
      s.append('-');
    }
    if (exp < -4 || exp >= 6) {
      s.append(digits.charAt(0));
      if (digits.length() > 1) {
        s.append('.').append(digits, 1, digits.length());
      }
      s.append('e').append(exp < 0 ? '-' : '+');
      int e = Math.abs(exp);
      if (e < 10) {
        s.append('0');
      }
      return s.append(e).toString();
    }
    if (exp < 0) {
      s.append("0.");
      s.append("0".repeat(-exp - 1)).append(digits);
      return s.toString();
    }
    if (digits.length() <= exp + 1) {
      return s.append(digits).append("0".repeat(exp + 1 - digits.length())).toString();
    }
    return s.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length()).toString();
  }
}
