package io.etcdj.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The text format as Go's Prometheus client writes it (SPEC OTH-050..053). */
class PrometheusTextTest {
  /** Buckets are cumulative, bounds as Go prints them, then sum and count; le comes last. */
  @Test
  void histogramsAreCumulative() {
    Histogram h = Histogram.exponential(0.0005, 2, 3); // 0.0005, 0.001, 0.002
    h.observe(0x1p-12); // 0.000244140625
    h.observe(0.0005); // on the bound: in that bucket (le is "less or equal")
    h.observe(0x1p-9); // 0.001953125
    h.observe(4);
    String text =
        new PrometheusText()
            .family("x_seconds", "histogram", "Help.")
            .histogram("x_seconds", Labels.of("method", "GET"), h)
            .toString();
    assertThat(text)
        .isEqualTo(
            "# HELP x_seconds Help.\n"
                + "# TYPE x_seconds histogram\n"
                + "x_seconds_bucket{method=\"GET\",le=\"0.0005\"} 2\n"
                + "x_seconds_bucket{method=\"GET\",le=\"0.001\"} 2\n"
                + "x_seconds_bucket{method=\"GET\",le=\"0.002\"} 3\n"
                + "x_seconds_bucket{method=\"GET\",le=\"+Inf\"} 4\n"
                + "x_seconds_sum{method=\"GET\"} "
                + GoFloat.format(0x1p-12 + 0.0005 + 0x1p-9 + 4)
                + "\n"
                + "x_seconds_count{method=\"GET\"} 4\n");
  }

  @Test
  void labelValuesAreEscapedAndNamesMustBeSorted() {
    String text =
        new PrometheusText().sample("m", Labels.of("a", "x\"y\\z\nw", "b", "1"), 2).toString();
    assertThat(text).isEqualTo("m{a=\"x\\\"y\\\\z\\nw\",b=\"1\"} 2\n");
    assertThatThrownBy(() -> Labels.of("method", "GET", "code", "404"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Failures sort by code, then method: Go orders samples by their sorted label pairs. */
  @Test
  void httpFailuresSortByCodeThenMethod() {
    HttpMetrics http = new HttpMetrics();
    http.failed("PUT", 412);
    http.failed("GET", 404);
    http.failed("DELETE", 404);
    http.failed("DELETE", 404);
    PrometheusText out = new PrometheusText();
    http.writeTo(out);
    assertThat(out.toString())
        .contains(
            "etcd_http_failed_total{code=\"404\",method=\"DELETE\"} 2\n"
                + "etcd_http_failed_total{code=\"404\",method=\"GET\"} 1\n"
                + "etcd_http_failed_total{code=\"412\",method=\"PUT\"} 1\n")
        .doesNotContain("etcd_http_received_total")
        .doesNotContain("etcd_http_successful_duration_seconds");
    assertThat(HttpMetrics.method("GET", true)).isEqualTo("QGET");
    assertThat(HttpMetrics.method("HEAD", true)).isEqualTo("HEAD");
    assertThat(HttpMetrics.method("GET", false)).isEqualTo("GET");
  }
}
