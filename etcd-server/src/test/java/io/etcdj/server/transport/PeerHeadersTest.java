package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The receiver's version and cluster checks (SPEC PTR-012). */
class PeerHeadersTest {
  static final TransportConfig LOCAL =
      TransportConfig.of(1, 0xabc, List.of(), Duration.ofSeconds(1));

  record Row(String server, String minCluster, String clusterId, String expected) {}

  static List<Row> rows() {
    return List.of(
        new Row("2.3.8", "2.2.0", "abc", null),
        new Row("2.2.0", "2.1.0", "abc", null),
        new Row("3.4.0", "3.0.0", "abc", "incompatible version"),
        new Row("2.1.5", "2.1.0", "abc", "incompatible version"),
        new Row(null, null, "abc", "incompatible version"),
        new Row("2.3.8", null, "abc", null),
        new Row("2.3.8", "2.2.0", "abd", "cluster ID mismatch"),
        new Row("2.3.8", "2.2.0", null, "cluster ID mismatch"),
        new Row("2.3.8", "2.2.0", "0abc", "cluster ID mismatch"),
        new Row("garbage", "2.2.0", "abc", "incompatible version"));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void versionsAreCheckedBeforeClusterId(Row row) {
    HttpHeaders h = new DefaultHttpHeaders();
    if (row.server() != null) {
      h.set(PeerHeaders.SERVER_VERSION, row.server());
    }
    if (row.minCluster() != null) {
      h.set(PeerHeaders.MIN_CLUSTER_VERSION, row.minCluster());
    }
    if (row.clusterId() != null) {
      h.set(PeerHeaders.CLUSTER_ID, row.clusterId());
    }
    assertThat(PeerHeaders.rejection(h, LOCAL)).isEqualTo(Optional.ofNullable(row.expected()));
  }

  /** What we send passes our own check (PTR-010, PTR-011). */
  @Test
  void ourOwnHeadersAreAccepted() {
    HttpHeaders h = new DefaultHttpHeaders();
    PeerHeaders.setCommon(h, LOCAL);
    assertThat(PeerHeaders.rejection(h, LOCAL)).isEmpty();
    assertThat(h.get("X-Server-From")).isEqualTo("1");
    assertThat(h.get("X-Server-Version")).isEqualTo("2.3.8");
    assertThat(h.get("X-Min-Cluster-Version")).isEqualTo("2.2.0");
  }
}
