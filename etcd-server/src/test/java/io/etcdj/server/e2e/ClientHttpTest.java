package io.etcdj.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end HTTP on 127.0.0.1 with a free port: one member for the whole class. */
class ClientHttpTest {
  @TempDir static Path dataDir;
  private static EmbeddedEtcd etcd;
  private static int port;

  @BeforeAll
  static void start() {
    etcd = LoopbackMember.start("e2e", dataDir.resolve("e2e.etcd"));
    port = URI.create(etcd.clientUrl()).getPort();
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  /** KEY-060, KEY-090: set then get over a kept-alive connection. */
  @Test
  void setThenGetOnOneConnection() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      RawHttp.Response set = c.send("PUT", "/v2/keys/e2e/a", "value=hello").read();
      assertThat(set.status()).isEqualTo(201);
      assertThat(set.body()).contains("\"value\":\"hello\"");
      RawHttp.Response get = c.send("GET", "/v2/keys/e2e/a", (String) null).read();
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.body()).startsWith("{\"action\":\"get\",\"node\":{\"key\":\"/e2e/a\"");
      assertThat(get.header("X-Etcd-Index")).isEqualTo(set.header("X-Etcd-Index"));
    }
  }

  /**
   * Go's server reads request lines and headers of up to 1 MiB: a 10,000-character key and a
   * 20 KB header, which etcd serves, are not refused (found by scripts/difffuzz.py --raw).
   */
  @Test
  void longKeysAndLargeHeadersAreServed() throws Exception {
    String key = "/v2/keys/e2e/" + "k".repeat(10_000);
    try (RawHttp c = new RawHttp(port)) {
      assertThat(c.send("PUT", key, "value=long").read().status()).isEqualTo(201);
      RawHttp.Response get = c.send("GET", key, (String) null).read();
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.body()).contains("\"value\":\"long\"");
    }
    HttpResponse<String> big =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(etcd.clientUrl() + key))
                    .header("X-Big", "a".repeat(20_000))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(big.statusCode()).isEqualTo(200);
  }

  /**
   * A transfer coding Go's server does not know is a 501 before any handler, not a write of an
   * empty value (found by scripts/difffuzz.py --raw).
   */
  @Test
  void unknownTransferEncodingIsRefused() throws Exception {
    String answer =
        RawHttp.exchangeOnce(
            port,
            "PUT /v2/keys/e2e/gz HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: gzip\r\n\r\nvalue=6");
    assertThat(answer).startsWith("HTTP/1.1 501 Not Implemented")
        .endsWith("\r\n\r\nUnsupported transfer encoding");
    try (RawHttp c = new RawHttp(port)) {
      assertThat(c.send("GET", "/v2/keys/e2e/gz", (String) null).read().status()).isEqualTo(404);
    }
  }

  /**
   * Pipelined requests are served in order, one after the other, as Go serves them: a GET sent
   * behind a PUT on one connection sees that PUT, and the answers come back in request order
   * (they came back as five 404s, then five 201s; found by comparing with etcd 3.4).
   */
  /**
   * Go's server adds a Date ({@code http.TimeFormat}, GMT) after the handler's headers, then
   * Content-Length and Connection (found missing by reading etcd's raw answers).
   */
  @Test
  void everyAnswerCarriesGosDateBeforeItsLength() throws Exception {
    String answer =
        RawHttp.exchangeOnce(port, "GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(answer)
        .startsWith("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: ")
        .containsPattern(
            "\r\nDate: [A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT"
                + "\r\nContent-Length: \\d+\r\nConnection: close\r\n\r\n\\{");
  }

  /** Go answers HTTP/1.0 in HTTP/1.0, and closes after it without a Connection header. */
  @Test
  void http10IsAnsweredInHttp10() throws Exception {
    String answer = RawHttp.exchangeOnce(port, "GET /version HTTP/1.0\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.0 200 OK\r\n").doesNotContainIgnoringCase("connection:");
  }

  /**
   * What Go's server refuses before any handler runs, as etcd answers it (recorded from etcd
   * 3.4 with scripts/difffuzz.py --raw): no Date, no length, the reason in the status line.
   */
  @Test
  void requestsGosServerRefusesItself() throws Exception {
    String plain = "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n";
    String missing = "400 Bad Request: missing required Host header";
    assertThat(RawHttp.exchangeOnce(port, "GET /v2/keys/ HTTP/1.1\r\n\r\n"))
        .isEqualTo("HTTP/1.1 " + missing + "\r\n" + plain + missing);
    String malformed = "400 Bad Request: malformed Host header";
    assertThat(RawHttp.exchangeOnce(port, "GET /v2/keys/ HTTP/1.1\r\nHost: a b\r\n\r\n"))
        .isEqualTo("HTTP/1.1 " + malformed + "\r\n" + plain + malformed);
    String folded = "GET /v2/keys/ HTTP/1.1\r\nHost: x\r\n Folded: y\r\n\r\n";
    assertThat(RawHttp.exchangeOnce(port, folded))
        .isEqualTo("HTTP/1.1 " + malformed + "\r\n" + plain + malformed);
    String name = "400 Bad Request: invalid header name";
    assertThat(RawHttp.exchangeOnce(port, "GET /v2/keys/ HTTP/1.1\r\nHost: x\r\nX Y: z\r\n\r\n"))
        .isEqualTo("HTTP/1.1 " + name + "\r\n" + plain + name);
    assertThat(RawHttp.exchangeOnce(port, "GET /v2/keys/ HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"))
        .isEqualTo("HTTP/1.1 400 Bad Request\r\n" + plain + "400 Bad Request");
    assertThat(RawHttp.exchangeOnce(port, "GET v2/keys/ HTTP/1.1\r\nHost: x\r\n\r\n"))
        .isEqualTo("HTTP/1.1 400 Bad Request\r\n" + plain + "400 Bad Request");
    String expect =
        RawHttp.exchangeOnce(
            port,
            "PUT /v2/keys/e2e/expect HTTP/1.1\r\nHost: x\r\nExpect: something\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\n"
                + "value=1");
    assertThat(expect)
        .startsWith("HTTP/1.1 417 Expectation Failed\r\n")
        .contains("\r\nDate: ")
        .endsWith("\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    try (RawHttp c = new RawHttp(port)) {
      assertThat(c.send("GET", "/v2/keys/e2e/expect", (String) null).read().status()).isEqualTo(404);
    }
  }

  @Test
  void pipelinedRequestsAreServedInOrder() throws Exception {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      requests.append("PUT /v2/keys/e2e/pipe").append(i).append(" HTTP/1.1\r\nHost: x\r\n")
          .append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\n")
          .append("value=").append(i);
      requests.append("GET /v2/keys/e2e/pipe").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    requests.append("GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    String answers = RawHttp.exchangeOnce(port, requests.toString());
    List<String> seen = new ArrayList<>();
    Matcher m =
        Pattern.compile("HTTP/1.1 (\\d+)|\"value\":\"(\\d)\"|etcdserver").matcher(answers);
    while (m.find()) {
      seen.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "version");
    }
    assertThat(seen)
        .containsExactly(
            "201", "0", "200", "0", "201", "1", "200", "1", "201", "2", "200", "2",
            "201", "3", "200", "3", "201", "4", "200", "4", "200", "version");
  }

  /** KEY-020, KEY-002, OTH-001 over the wire. */
  @Test
  void redirectsRefusesAndNotFound() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      RawHttp.Response moved = c.send("GET", "/v2/keys/e2e//x", (String) null).read();
      assertThat(moved.status()).isEqualTo(301);
      assertThat(moved.header("Location")).isEqualTo("/v2/keys/e2e/x");
      RawHttp.Response refused = c.send("PATCH", "/v2/keys/e2e/x", (String) null).read();
      assertThat(refused.status()).isEqualTo(405);
      assertThat(refused.header("Allow")).isEqualTo("HEAD,GET,PUT,POST,DELETE");
      RawHttp.Response missing = c.send("GET", "/v2/nothing", (String) null).read();
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("404 page not found\n");
    }
  }

  /**
   * KEY-182, GOT-008: the Raft index also moves for what changes no key: a failed write takes a
   * log entry, and so does a quorum read (RFT-018: a QGET entry, not a local read); the etcd index
   * moves for successful writes only. (Nothing else writes to this member's log meanwhile: no key
   * of this class has a TTL, so there is no SYNC.)
   */
  @Test
  void failedWritesAndQuorumReadsMoveOnlyTheRaftIndex() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      c.send("PUT", "/v2/keys/e2e/idx", "value=1").read();
      RawHttp.Response before = c.send("GET", "/v2/keys/e2e/idx", (String) null).read();
      RawHttp.Response failed =
          c.send("PUT", "/v2/keys/e2e/idx?prevExist=false", "value=2").read();
      assertThat(failed.status()).isEqualTo(412);
      RawHttp.Response afterFailed = c.send("GET", "/v2/keys/e2e/idx", (String) null).read();
      RawHttp.Response quorum =
          c.send("GET", "/v2/keys/e2e/idx?quorum=true", (String) null).read();
      RawHttp.Response afterQuorum = c.send("GET", "/v2/keys/e2e/idx", (String) null).read();
      long raft = Long.parseLong(before.header("X-Raft-Index"));
      assertThat(Long.parseLong(afterFailed.header("X-Raft-Index"))).isEqualTo(raft + 1);
      assertThat(Long.parseLong(quorum.header("X-Raft-Index"))).isEqualTo(raft + 2);
      assertThat(Long.parseLong(afterQuorum.header("X-Raft-Index"))).isEqualTo(raft + 2);
      assertThat(List.of(failed, afterFailed, quorum, afterQuorum))
          .extracting(r -> r.header("X-Etcd-Index"))
          .containsOnly(before.header("X-Etcd-Index"));
    }
  }

  /** KEY-033: a malformed form is 210 and stores nothing. */
  @Test
  void malformedFormIsRejectedAndNothingChanges() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      c.send("PUT", "/v2/keys/e2e/form", "value=kept").read();
      RawHttp.Response bad = c.send("PUT", "/v2/keys/e2e/form", "value=%zz").read();
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body())
          .isEqualTo(
              "{\"errorCode\":210,\"message\":\"Invalid POST form\","
                  + "\"cause\":\"invalid URL escape \\\"%zz\\\"\",\"index\":0}\n");
      assertThat(c.send("GET", "/v2/keys/e2e/form", (String) null).read().body())
          .contains("\"value\":\"kept\"");
    }
  }

  /** KEY-033, KEY-078: an 11 MB form gets 210; a 10,485,000-byte value is accepted. */
  @Test
  void bodyOverTheFormLimitGets210AndTheConnectionStaysUsable() throws Exception {
    byte[] big = new byte[11_000_000];
    Arrays.fill(big, (byte) 'a');
    System.arraycopy("value=".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 6);
    try (RawHttp c = new RawHttp(port)) {
      RawHttp.Response r = c.send("PUT", "/v2/keys/e2e/big", big).read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body())
          .isEqualTo(
              "{\"errorCode\":210,\"message\":\"Invalid POST form\","
                  + "\"cause\":\"http: POST too large\",\"index\":0}\n");
      assertThat(c.send("GET", "/v2/keys/e2e/big", (String) null).read().status()).isEqualTo(404);
    }
    byte[] fits = Arrays.copyOf(big, 6 + 10_485_000);
    try (RawHttp c = new RawHttp(port)) {
      assertThat(c.send("PUT", "/v2/keys/e2e/big", fits).read().status()).isEqualTo(201);
    }
  }

  /** KEY-035, KEY-036: invalid numbers. */
  @Test
  void invalidNumbersAreRejected() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      RawHttp.Response ttl = c.send("PUT", "/v2/keys/e2e/n?ttl=ten", "value=1").read();
      assertThat(ttl.body()).contains("\"errorCode\":202");
      RawHttp.Response idx = c.send("GET", "/v2/keys/e2e/n?wait=true&waitIndex=-1", (String) null)
          .read();
      assertThat(idx.body()).contains("\"errorCode\":203");
    }
  }

  /** KEY-022: raw and escaped non-UTF-8 bytes neither fail nor stop the server. */
  @Test
  void nonUtf8BytesAreServed() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      byte[] target = "/v2/keys/e2e/\u00ff\u00fe?x=1".getBytes(StandardCharsets.ISO_8859_1);
      RawHttp.Response raw = c.send("PUT", new String(target, StandardCharsets.ISO_8859_1),
          "value=%C3%28").read();
      assertThat(raw.status()).isEqualTo(201);
      RawHttp.Response escaped = c.send("PUT", "/v2/keys/e2e/%FF", "value=%FE").read();
      assertThat(escaped.status()).isEqualTo(201);
      assertThat(escaped.body()).contains("\uFFFD");
    }
    try (RawHttp c = new RawHttp(port)) {
      assertThat(c.send("GET", "/v2/keys/%zz", (String) null).read().status()).isEqualTo(400);
    }
  }

  /** KEY-169: a long poll gets headers at once, then one event, then the end. */
  @Test
  void longPollWatch() throws Exception {
    try (RawHttp watcher = new RawHttp(port); RawHttp writer = new RawHttp(port)) {
      RawHttp.Response head = watcher.send("GET", "/v2/keys/e2e/lp?wait=true", (String) null)
          .readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Transfer-Encoding")).isEqualTo("chunked");
      writer.send("PUT", "/v2/keys/e2e/lp", "value=ping").read();
      assertThat(watcher.readChunk()).contains("\"action\":\"set\"").endsWith("\n");
      assertThat(watcher.readChunk()).isNull();
      // the connection stays usable after the watch
      assertThat(watcher.send("GET", "/v2/keys/e2e/lp", (String) null).read().status())
          .isEqualTo(200);
    }
  }

  /** KEY-170: a stream gets one JSON line per event. */
  @Test
  void streamWatch() throws Exception {
    try (RawHttp watcher = new RawHttp(port); RawHttp writer = new RawHttp(port)) {
      watcher.send("GET", "/v2/keys/e2e/st?wait=true&stream=true&recursive=true", (String) null)
          .readHead();
      for (int i = 0; i < 3; i++) {
        writer.send("PUT", "/v2/keys/e2e/st/k" + i, "value=" + i).read();
        assertThat(watcher.readChunk()).contains("\"key\":\"/e2e/st/k" + i + "\"");
      }
    }
  }

  /** KEY-173: a client that vanishes mid-watch has its watcher removed. */
  @Test
  void vanishedWatchClientIsRemoved() throws Exception {
    int before = watchers();
    RawHttp watcher = new RawHttp(port);
    watcher.send("GET", "/v2/keys/e2e/gone?wait=true", (String) null).readHead();
    awaitWatchers(n -> n == before + 1);
    watcher.abort();
    awaitWatchers(n -> n == before);
  }

  /** Thousands of idle watches, then the member still serves, then they all go away. */
  @Test
  void twoThousandIdleWatchesThenStillServing() throws Exception {
    int before = watchers();
    List<RawHttp> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 2000; i++) {
        idle.add(new RawHttp(port).send("GET", "/v2/keys/e2e/idle" + i + "?wait=true",
            (String) null));
      }
      awaitWatchers(n -> n == before + 2000);
      try (RawHttp c = new RawHttp(port)) {
        assertThat(c.send("PUT", "/v2/keys/e2e/busy", "value=1").read().status()).isEqualTo(201);
        assertThat(c.send("GET", "/v2/keys/e2e/busy", (String) null).read().status())
            .isEqualTo(200);
      }
    } finally {
      for (RawHttp c : idle) {
        c.close();
      }
    }
    awaitWatchers(n -> n == before);
  }

  private static int watchers() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      String stats = c.send("GET", "/v2/stats/store", (String) null).read().body();
      return Integer.parseInt(stats.replaceAll(".*\"watchers\":(\\d+).*", "$1"));
    }
  }

  /** Polls the store stats until the watcher count matches, for at most 20 s. */
  private static void awaitWatchers(IntPredicate expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int n = watchers();
    while (!expected.test(n) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      n = watchers();
    }
    assertThat(expected.test(n)).as("watchers now %d", n).isTrue();
  }
}
