package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.proxy.ProxyServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 proxy in front of an in-process loopback cluster (SPEC CLU-070..075): it learns the
 * members' client URLs from the peers' {@code /members}, forwards writes, reads and watches (long
 * poll and stream), keeps the peer URLs in {@code proxy/cluster}, answers 501 to writes when read
 * only, 503 without endpoints, 502 when every endpoint fails, and fails over to another member.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path tmp;

  /** Closed after the proxies: JUnit runs an extension's afterEach after the test's own. */
  @RegisterExtension final LoopbackCluster cluster = LoopbackCluster.inTempDir();

  private final MemberHttp web = new MemberHttp(DEADLINE);
  private final List<AutoCloseable> proxies = new ArrayList<>();

  @AfterEach
  void closeProxies() throws Exception {
    for (AutoCloseable p : proxies) {
      p.close();
    }
  }

  /** CLU-072, CLU-073, KEY-150 (watches): writes, reads and both watch kinds pass through. */
  @Test
  void proxyForwardsWritesReadsAndWatches() throws Exception {
    cluster.start("a", "b");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    ProxyServer proxy = startProxy("p1", "on");
    String url = proxy.clientUrl();
    awaitEndpoints(url, n -> n == 2);

    HttpResponse<String> put = awaitWrite(url, "PUT", "/v2/keys/k1", "value=v1");
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("X-Etcd-Cluster-Id")).isPresent();
    assertThat(JSON.readTree(put.body()).path("node").path("value").asText()).isEqualTo("v1");

    web.awaitValue(leader, "/k1", "v1");
    HttpResponse<String> get = web.send(url, "GET", "/v2/keys/k1?quorum=true", null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(get.body()).path("node").path("value").asText()).isEqualTo("v1");

    JsonNode members = JSON.readTree(web.send(url, "GET", "/v2/members", null).body());
    assertThat(members.path("members")).hasSize(2);

    // a long-poll watch through the proxy wakes up on a write made elsewhere
    CompletableFuture<HttpResponse<String>> watch =
        web.client()
            .sendAsync(
                HttpRequest.newBuilder(URI.create(url + "/v2/keys/w?wait=true")).build(),
                HttpResponse.BodyHandlers.ofString());
    awaitWatchWakes(leader, watch, "/w");

    // a streaming watch delivers every event as it happens
    HttpResponse<InputStream> stream =
        web.client()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/v2/keys/s?wait=true&stream=true"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      web.awaitPut(leader, "/s", "one");
      assertThat(JSON.readTree(lines.readLine()).path("node").path("value").asText())
          .isEqualTo("one");
      web.awaitPut(leader, "/s", "two");
      assertThat(JSON.readTree(lines.readLine()).path("node").path("value").asText())
          .isEqualTo("two");
    }

    // CLU-070: the peer URLs are kept for the next start
    String file = Files.readString(tmp.resolve("p1.etcd/proxy/cluster"));
    assertThat(JSON.readTree(file).path("PeerURLs")).hasSize(2);
  }

  /**
   * CLU-073: a client that leaves a watch through the proxy ends the member's watch too, so
   * abandoned long polls do not pile up on the members.
   */
  @Test
  void abandonedWatchIsReleasedOnTheMember() throws Exception {
    cluster.start("a");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    ProxyServer proxy = startProxy("p3", "on");
    awaitEndpoints(proxy.clientUrl(), n -> n == 1);
    URI u = URI.create(proxy.clientUrl());
    try (Socket client = new Socket(u.getHost(), u.getPort())) {
      client
          .getOutputStream()
          .write(
              "GET /v2/keys/left?wait=true HTTP/1.1\r\nHost: x\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      web.awaitJson(leader, "/v2/stats/store", j -> j.path("watchers").asInt() == 1);
    }
    web.awaitJson(leader, "/v2/stats/store", j -> j.path("watchers").asInt() == 0);
  }

  /**
   * CLU-070, CLU-071: a data dir holding {@code proxy/} starts a proxy again without {@code
   * --proxy}, and its cluster file stands in for {@code --initial-cluster}.
   */
  @Test
  void restartedProxyFindsTheClusterInItsDataDir() throws Exception {
    ProxyServer first = proxyToOneMemberHoldingK("p4", "on");
    first.close();
    proxies.remove(first);

    // member flags (as etcd, the flag checks come before the data dir is looked at)
    String[] flags = {
      "--name", "p4",
      "--data-dir", tmp.resolve("p4.etcd").toString(),
      "--listen-client-urls", "http://127.0.0.1:0",
      "--advertise-client-urls", "http://127.0.0.1:0"
    };
    AutoCloseable again = EtcdCommandLine.start(List.of(flags));
    proxies.add(again);
    assertThat(again).isInstanceOf(ProxyServer.class);
    String url = ((ProxyServer) again).clientUrl();
    awaitEndpoints(url, n -> n == 1);
    HttpResponse<String> get = web.send(url, "GET", "/v2/keys/k", null);
    assertThat(JSON.readTree(get.body()).path("node").path("value").asText()).isEqualTo("v");
  }

  /** CLU-075: a read-only proxy forwards GETs and answers every other method 501, empty. */
  @Test
  void readonlyProxyForwardsReadsAndRefusesWrites() throws Exception {
    ProxyServer proxy = proxyToOneMemberHoldingK("ro", "readonly");

    HttpResponse<String> put = web.send(proxy.clientUrl(), "PUT", "/v2/keys/k", "value=x");
    assertThat(put.statusCode()).isEqualTo(501);
    assertThat(put.body()).isEmpty();
    assertThat(web.send(proxy.clientUrl(), "DELETE", "/v2/keys/k", null).statusCode())
        .isEqualTo(501);

    // etcd's read-only check wraps its CORS layer, so even OPTIONS is refused.
    assertThat(web.send(proxy.clientUrl(), "OPTIONS", "/v2/keys/k", null).statusCode())
        .isEqualTo(501);

    HttpResponse<String> get = web.send(proxy.clientUrl(), "GET", "/v2/keys/k", null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(get.body()).path("node").path("value").asText()).isEqualTo("v");
    assertThat(get.headers().firstValue("X-Etcd-Index")).isPresent();

    // OTH-051: /metrics sits beside the read-only layer (any method) and counts only what was
    // forwarded: the GET, not the refused writes nor the endpoint list the proxy answers itself.
    HttpResponse<String> metrics = web.send(proxy.clientUrl(), "POST", "/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body())
        .contains("\netcd_proxy_requests_total{method=\"GET\"} 1\n")
        .contains("\netcd_proxy_handled_total{code=\"200\",method=\"GET\"} 1\n")
        .contains("\netcd_proxy_handling_duration_seconds_count{method=\"GET\"} 1\n")
        .doesNotContain("method=\"PUT\"")
        .doesNotContain("etcd_proxy_dropped_total")
        .contains("\nprocess_start_time_seconds ");
  }

  /**
   * KEY-020: Go's server and the proxy's ServeMux answer before the read-only check and CORS: a
   * path that does not decode is a 400 {@code 400 Bad Request}, one that is not clean a 301 to
   * the clean path (found by scripts/difffuzz.py --proxy against etcd 3.4).
   */
  @Test
  void badAndUncleanPathsAreAnsweredBeforeTheProxyLayers() throws Exception {
    ProxyServer proxy = proxyToOneMemberHoldingK("paths", "readonly");
    String bad = exchange(proxy, "OPTIONS /v2/keys/%zz HTTP/1.1");
    assertThat(bad).startsWith("HTTP/1.1 400 Bad Request").endsWith("\r\n\r\n400 Bad Request");
    String unclean = exchange(proxy, "PUT /v2/keys/d/../k?x=1 HTTP/1.1");
    assertThat(unclean).startsWith("HTTP/1.1 301 Moved Permanently").contains("Location: /v2/keys/k?x=1");
  }

  /** Sends {@code requestLine} with a Host header and no body; the whole answer, read to EOF. */
  private static String exchange(ProxyServer proxy, String requestLine) throws Exception {
    URI u = URI.create(proxy.clientUrl());
    try (Socket client = new Socket(u.getHost(), u.getPort())) {
      client.setSoTimeout(10_000);
      client
          .getOutputStream()
          .write((requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      return new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** OTH-004, KEY-003: the proxy has a member's CORS layer: OPTIONS answered, headers added. */
  @Test
  void proxyAnswersOptionsAndAddsCorsHeadersForAllowedOrigins() throws Exception {
    cluster.start("a");
    web.awaitPut(cluster.awaitLeader(DEADLINE), "/k", "v");
    ProxyServer proxy = startProxy("cors", "on", "--cors", "http://allowed.example");
    awaitEndpoints(proxy.clientUrl(), n -> n == 1);

    HttpResponse<String> options = withOrigin(proxy, "OPTIONS", "http://allowed.example");
    assertThat(options.statusCode()).isEqualTo(200);
    assertThat(options.body()).isEmpty();
    assertThat(options.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://allowed.example");

    HttpResponse<String> get = withOrigin(proxy, "GET", "http://allowed.example");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://allowed.example");
    assertThat(get.headers().firstValue("Access-Control-Allow-Methods"))
        .hasValue("POST, GET, OPTIONS, PUT, DELETE");

    HttpResponse<String> other = withOrigin(proxy, "GET", "http://other.example");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private static HttpResponse<String> withOrigin(ProxyServer proxy, String method, String origin)
      throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(proxy.clientUrl() + "/v2/keys/k"))
            .timeout(Duration.ofSeconds(15))
            .header("Origin", origin)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return HttpClient.newHttpClient()
        .send(r, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * CLU-073, CLU-074: the first endpoint stops; requests go to the next one and the stopped one
   * is skipped; with every member gone the proxy answers 502.
   */
  @Test
  void proxyFailsOverToAnotherMemberThenAnswers502() throws Exception {
    cluster.start("a", "b", "c");
    cluster.awaitLeader(DEADLINE);
    ProxyServer proxy = startProxy("p2", "on", "--proxy-refresh-interval", "600000",
        "--proxy-failure-wait", "600000");
    String url = proxy.clientUrl();
    List<String> endpoints = awaitEndpoints(url, n -> n == 3);
    awaitWrite(url, "PUT", "/v2/keys/f", "value=1");

    String first =
        cluster.names().stream()
            .filter(n -> cluster.member(n).clientUrl().equals(endpoints.get(0)))
            .findFirst()
            .orElseThrow();
    cluster.stop(first);
    HttpResponse<String> read = web.send(url, "GET", "/v2/keys/f", null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(awaitEndpoints(url, n -> n == 2)).doesNotContain(endpoints.get(0));
    assertThat(awaitWrite(url, "PUT", "/v2/keys/f", "value=2").statusCode()).isEqualTo(200);

    cluster.close();
    HttpResponse<String> none = web.send(url, "GET", "/v2/keys/f", null);
    assertThat(none.statusCode()).isEqualTo(502);
    assertThat(none.body())
        .isEqualTo("{\"message\":\"httpproxy: unable to get response from 2 endpoint(s)\"}");
    HttpResponse<String> after = web.send(url, "GET", "/v2/keys/f", null);
    assertThat(after.statusCode()).isEqualTo(503);
    assertThat(after.body())
        .isEqualTo("{\"message\":\"httpproxy: zero endpoints currently available\"}");

    // OTH-051: each endpoint that gave no answer, the request none answered, the one with none
    String metrics = web.send(url, "GET", "/metrics", null).body();
    assertThat(metrics)
        .contains(
            "\netcd_proxy_dropped_total{method=\"GET\",proxying_error=\"failed_getting_response\"} 1\n")
        .contains(
            "\netcd_proxy_dropped_total{method=\"GET\",proxying_error=\"zero_endpoints\"} 1\n")
        .containsPattern(
            "\netcd_proxy_dropped_total\\{method=\"GET\",proxying_error=\"failed_sending_request\"\\} [3-9]\n");
  }

  /**
   * A one-member cluster holding {@code /k = v} and a proxy {@code name} in front of it, polled
   * until the proxy knows its one endpoint.
   */
  private ProxyServer proxyToOneMemberHoldingK(String name, String mode) throws Exception {
    cluster.start("a");
    web.awaitPut(cluster.awaitLeader(DEADLINE), "/k", "v");
    ProxyServer proxy = startProxy(name, mode);
    awaitEndpoints(proxy.clientUrl(), n -> n == 1);
    return proxy;
  }

  private void awaitWatchWakes(
      EmbeddedEtcd leader, CompletableFuture<HttpResponse<String>> watch, String key)
      throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    int n = 0;
    while (!watch.isDone() && System.nanoTime() < end) {
      // the watch may reach the member after a first write: keep writing until it wakes
      web.awaitPut(leader, key, "x" + n++);
      Thread.sleep(50);
    }
    HttpResponse<String> woke = watch.get(1, TimeUnit.SECONDS);
    assertThat(woke.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(woke.body()).path("action").asText()).isEqualTo("set");
  }

  /** Polls {@code /v2/config/local/proxy} until its endpoint count satisfies {@code ok}. */
  private List<String> awaitEndpoints(String proxyUrl, Predicate<Integer> ok) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      HttpResponse<String> r = web.send(proxyUrl, "GET", "/v2/config/local/proxy", null);
      last = r.body();
      List<String> urls = new ArrayList<>();
      JSON.readTree(r.body()).path("endpoints").forEach(u -> urls.add(u.asText()));
      if (r.statusCode() == 200 && ok.test(urls.size())) {
        return urls;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("proxy endpoints still " + last);
  }

  /** Retries a write through the proxy until the cluster accepts it (after an election). */
  private HttpResponse<String> awaitWrite(String url, String method, String path, String form)
      throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    HttpResponse<String> r = null;
    while (System.nanoTime() < end) {
      r = web.send(url, method, path, form);
      if (r.statusCode() == 200 || r.statusCode() == 201) {
        return r;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(method + " " + path + " still answered " + r.statusCode());
  }

  private ProxyServer startProxy(String name, String mode, String... extra) throws Exception {
    List<String> flags =
        new ArrayList<>(
            List.of(
                "--name", name,
                "--proxy", mode,
                "--data-dir", tmp.resolve(name + ".etcd").toString(),
                "--listen-client-urls", "http://127.0.0.1:0",
                "--initial-cluster", cluster.initialCluster()));
    flags.addAll(List.of(extra));
    AutoCloseable started = EtcdCommandLine.start(flags);
    proxies.add(started);
    assertThat(started).isInstanceOf(ProxyServer.class);
    return (ProxyServer) started;
  }
}
