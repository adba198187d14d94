package io.etcdj.server.http.client;

import static io.etcdj.server.http.client.ClientHarness.body;
import static io.etcdj.server.http.client.ClientHarness.form;
import static io.etcdj.server.http.client.ClientHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} of a member (SPEC OTH-050, OTH-052, OTH-053). */
class MetricsHandlerTest {
  @TempDir Path dataDir;
  private ClientHarness member;

  @BeforeEach
  void start() throws Exception {
    member = new ClientHarness(dataDir);
  }

  @AfterEach
  void stop() {
    member.close();
  }

  /** OTH-050: keys requests by method (QGET for quorum), failures by code, watches left out. */
  @Test
  void countsKeysRequestsAsEtcdDoes() {
    member.call(form("PUT", "/v2/keys/a", "value=1")).release();
    member.call(request("GET", "/v2/keys/a")).release();
    member.call(request("GET", "/v2/keys/nope")).release();
    member.call(request("GET", "/v2/keys/a?quorum=true")).release();
    member.call(request("HEAD", "/v2/keys/a")).release();
    member.call(form("POST", "/v2/keys/q", "value=1")).release();
    member.call(request("DELETE", "/v2/keys/zz")).release();
    // A watch that waits: registered, not counted (etcd counts a watch only when it fails).
    member.channel.pipeline().fireChannelRead(request("GET", "/v2/keys/w?wait=true"));
    member.barrier();
    assertThat(member.poll()).isInstanceOf(HttpResponse.class); // the watch's headers

    Map<String, String> page = samples(scrape());
    assertThat(page)
        .containsEntry("etcd_http_received_total{method=\"GET\"}", "2")
        .containsEntry("etcd_http_received_total{method=\"QGET\"}", "1")
        .containsEntry("etcd_http_received_total{method=\"HEAD\"}", "1")
        .containsEntry("etcd_http_received_total{method=\"PUT\"}", "1")
        .containsEntry("etcd_http_received_total{method=\"POST\"}", "1")
        .containsEntry("etcd_http_received_total{method=\"DELETE\"}", "1")
        .containsEntry("etcd_http_failed_total{code=\"404\",method=\"DELETE\"}", "1")
        .containsEntry("etcd_http_failed_total{code=\"404\",method=\"GET\"}", "1")
        .containsEntry("etcd_http_successful_duration_seconds_count{method=\"GET\"}", "1")
        .containsEntry("etcd_http_successful_duration_seconds_count{method=\"PUT\"}", "1")
        .containsEntry("etcd_http_successful_duration_seconds_bucket{method=\"PUT\",le=\"+Inf\"}", "1")
        .containsEntry("etcd_debugging_store_watchers", "1");
  }

  /** OTH-052: the store's counters move with each write and read, by action. */
  @Test
  void storeCountersFollowTheRequests() {
    Map<String, String> before = samples(scrape());
    member.call(form("PUT", "/v2/keys/a", "value=1")).release();
    member.call(form("PUT", "/v2/keys/a?prevValue=1", "value=2")).release();
    member.call(request("GET", "/v2/keys/?recursive=true")).release();
    Map<String, String> after = samples(scrape());

    assertThat(delta(before, after, "etcd_debugging_store_writes_total{action=\"set\"}")).isEqualTo(1);
    assertThat(delta(before, after, "etcd_debugging_store_writes_total{action=\"compareAndSwap\"}"))
        .isEqualTo(1);
    assertThat(delta(before, after, "etcd_debugging_store_reads_total{action=\"getRecursive\"}"))
        .isEqualTo(1);
    // Each keys request reads the auth flag first, a get as in etcd (KEY-190); and each of the
    // harness's four barriers is a quorum GET of "/", applied to the store as a get.
    assertThat(delta(before, after, "etcd_debugging_store_reads_total{action=\"get\"}"))
        .isEqualTo(3 + 4);
  }

  /** OTH-053: who leads, this member's ID and version, the indexes, the WAL syncs. */
  @Test
  void showsRaftStateAndDiskSyncs() {
    FullHttpResponse put = member.call(form("PUT", "/v2/keys/a", "value=1"));
    long putIndex = Long.parseLong(put.headers().get("X-Raft-Index"));
    put.release();
    Map<String, String> page = samples(scrape());
    assertThat(page)
        .containsEntry("etcd_server_has_leader", "1")
        .containsEntry("etcd_server_is_leader", "1")
        .containsEntry("etcd_server_leader_changes_seen_total", "1")
        .containsEntry("etcd_server_id{server_id=\"" + member.server.idHex() + "\"}", "1")
        .containsEntry("etcd_server_version{server_version=\"2.3.8\"}", "1")
        .containsEntry("etcd_server_proposals_pending", "0")
        .containsEntry("etcd_server_proposals_failed_total", "0");
    // Everything committed is applied once the harness's barrier has passed.
    long applied = Long.parseLong(page.get("etcd_server_proposals_applied_total"));
    assertThat(applied).isGreaterThanOrEqualTo(putIndex);
    assertThat(page).containsEntry("etcd_server_proposals_committed_total", Long.toString(applied));
    assertThat(Long.parseLong(page.get("etcd_disk_wal_fsync_duration_seconds_count")))
        .isGreaterThan(0);
    assertThat(page).containsKeys("process_cpu_seconds_total", "process_start_time_seconds");
  }

  /** Go's registry writes each family once, HELP then TYPE then its samples, in name order. */
  @Test
  void familiesComeOnceEachInNameOrder() {
    member.call(form("PUT", "/v2/keys/a", "value=1")).release();
    member.call(request("GET", "/v2/keys/nope")).release();
    List<String> families = new ArrayList<>();
    String[] lines = scrape().split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("# HELP ")) {
        String name = lines[i].split(" ")[2];
        families.add(name);
        assertThat(lines[i + 1]).startsWith("# TYPE " + name + " ");
      } else if (!lines[i].startsWith("#")) {
        assertThat(lines[i]).startsWith(families.get(families.size() - 1));
      }
    }
    assertThat(families).isSorted().doesNotHaveDuplicates().contains("etcd_http_failed_total");
  }

  /** Any method gets the page, HEAD without a body; gzip when asked, as Prometheus asks. */
  @Test
  void servesEveryMethodAndGzip() throws IOException {
    FullHttpResponse post = member.call(request("POST", "/metrics"));
    assertThat(post.status().code()).isEqualTo(200);
    assertThat(post.headers().get("Content-Type"))
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(body(post)).startsWith("# HELP ");

    FullHttpResponse head = member.call(request("HEAD", "/metrics"));
    assertThat(head.content().readableBytes()).isZero();
    head.release();

    FullHttpRequest gzip = request("GET", "/metrics");
    gzip.headers().set("Accept-Encoding", "gzip, deflate");
    FullHttpResponse zipped = member.call(gzip);
    assertThat(zipped.headers().get("Content-Encoding")).isEqualTo("gzip");
    assertThat(zipped.headers().names().stream().toList().subList(0, 2))
        .containsExactly("Content-Encoding", "Content-Type");
    try (GZIPInputStream in = new GZIPInputStream(new ByteBufInputStream(zipped.content(), true))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .startsWith("# HELP ")
          .contains("etcd_server_is_leader 1\n");
    }
  }

  private String scrape() {
    return body(member.call(request("GET", "/metrics")));
  }

  /** Sample name with labels -> value. */
  private static Map<String, String> samples(String page) {
    Map<String, String> samples = new LinkedHashMap<>();
    for (String line : page.split("\n")) {
      if (!line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return samples;
  }

  private static long delta(Map<String, String> before, Map<String, String> after, String key) {
    return Long.parseLong(after.getOrDefault(key, "0")) - Long.parseLong(before.getOrDefault(key, "0"));
  }
}
