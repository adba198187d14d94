package io.etcdj.server.metrics;

/**
 * Writes Prometheus's text exposition format (version 0.0.4) the way Go's client library does, so
 * that a scrape of this member reads like one of etcd: numbers as Go's {@code strconv.FormatFloat(v,
 * 'g', -1, 64)} ({@link GoFloat}), labels sorted by name, a family's HELP and TYPE lines before
 * its samples.
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
    out.append(' ').append(GoFloat.format(value)).append('\n');
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
      labels.appendTo(out, "le", last ? "+Inf" : GoFloat.format(s.bounds()[i]));
      out.append(' ').append(GoFloat.format(cumulative)).append('\n');
    }
    out.append(name).append("_sum");
    labels.appendTo(out, null, null);
    out.append(' ').append(GoFloat.format(s.sum())).append('\n');
    out.append(name).append("_count");
    labels.appendTo(out, null, null);
    out.append(' ').append(GoFloat.format(cumulative)).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

}
