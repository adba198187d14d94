package io.etcdj.server.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EtcdFlags;
import io.etcdj.server.EtcdServer;
import io.etcdj.server.SystemClock;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client handlers through an EmbeddedChannel (STYLE 13): routing, headers, watches. */
class KeysHandlerTest {
  @TempDir Path dataDir;
  private EtcdServer server;
  private EmbeddedChannel channel;

  @BeforeEach
  void start() throws Exception {
    server =
        new EtcdServer(
            // No tick rounds on the raft thread while a test runs (see barrier()).
            EtcdFlags.parse(new String[] {"--name", "t", "--data-dir", dataDir.toString(),
                "--listen-peer-urls", "http://127.0.0.1:0", "--heartbeat-interval", "10000",
                "--election-timeout", "50000"}, Map.of(), l -> {}).toConfig(),
            SystemClock.INSTANCE);
    server.bootstrap();
    server.publish(List.of("http://127.0.0.1:1"));
    channel =
        new EmbeddedChannel(
            new FormLimitAggregator(server.clusterIdHex()),
            new ClientRouter(ClientInitializer.routes(server)));
  }

  @AfterEach
  void stop() {
    channel.finishAndReleaseAll();
    server.close();
  }

  /** KEY-097, KEY-180, KEY-183: a set answers 201 with every index header; first write is 4. */
  @Test
  void setAnswersCreatedWithEtcdHeaders() {
    FullHttpResponse r = call(form("PUT", "/v2/keys/foo", "value=bar"));
    assertThat(r.status().code()).isEqualTo(201);
    assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(r.headers().get("X-Etcd-Index")).isEqualTo("4");
    assertThat(r.headers().get("X-Raft-Term")).isEqualTo("2");
    // the raft index when the answer was written (the test's barrier read counts too)
    assertThat(r.headers().get("X-Raft-Index")).isEqualTo(Long.toString(server.raftIndex()));
    assertThat(r.headers().get("X-Etcd-Cluster-Id")).isEqualTo(server.clusterIdHex());
    assertThat(body(r))
        .isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"bar\","
                + "\"modifiedIndex\":4,\"createdIndex\":4}}\n");
    FullHttpResponse again = call(form("PUT", "/v2/keys/foo", "value=baz"));
    assertThat(again.status().code()).isEqualTo(200);
  }

  /** KEY-009: HEAD has the GET's headers and Content-Length, and no body. */
  @Test
  void headHasTheHeadersOfGetWithoutBody() {
    call(form("PUT", "/v2/keys/foo", "value=bar"));
    FullHttpResponse get = call(request("GET", "/v2/keys/foo"));
    FullHttpResponse head = call(request("HEAD", "/v2/keys/foo"));
    assertThat(head.status().code()).isEqualTo(200);
    assertThat(head.headers().get("Content-Length")).isEqualTo(get.headers().get("Content-Length"));
    assertThat(head.content().readableBytes()).isZero();
  }

  /** KEY-002, KEY-004: 405 with Allow, plain text, and no cluster ID. */
  @Test
  void otherMethodsGet405WithAllow() {
    FullHttpResponse r = call(form("PATCH", "/v2/keys/foo", "value=x"));
    assertThat(r.status().code()).isEqualTo(405);
    assertThat(r.headers().get("Allow")).isEqualTo("HEAD,GET,PUT,POST,DELETE");
    assertThat(r.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.headers().contains("X-Etcd-Cluster-Id")).isFalse();
    assertThat(body(r)).isEqualTo("Method Not Allowed\n");
  }

  /** OTH-001: unknown paths get Go's plain-text 404. */
  @Test
  void unknownPathsGetPlainText404() {
    for (String path : List.of("/v2/nothing", "/v2/machines/", "/version/", "/v2/stats")) {
      FullHttpResponse r = call(request("GET", path));
      assertThat(r.status().code()).as(path).isEqualTo(404);
      assertThat(body(r)).isEqualTo("404 page not found\n");
    }
  }

  /** KEY-020: unclean paths are redirected, query kept. */
  @Test
  void uncleanPathsAreRedirected() {
    FullHttpResponse r = call(request("GET", "/v2/keys//a//b/?recursive=true"));
    assertThat(r.status().code()).isEqualTo(301);
    assertThat(r.headers().get("Location")).isEqualTo("/v2/keys/a/b/?recursive=true");
    assertThat(body(r)).startsWith("<a href=\"/v2/keys/a/b/?recursive=true\">Moved Permanently</a>.");
    FullHttpResponse put = call(form("PUT", "/v2/keys/x/../a", "value=1"));
    assertThat(put.status().code()).isEqualTo(301);
    assertThat(put.content().readableBytes()).isZero();
  }

  /** ERR-001, KEY-181: store errors carry X-Etcd-Index = store index, no raft headers. */
  @Test
  void storeErrorsCarryTheStoreIndex() {
    FullHttpResponse r = call(request("GET", "/v2/keys/missing"));
    assertThat(r.status().code()).isEqualTo(404);
    assertThat(r.headers().get("X-Etcd-Index")).isEqualTo("3");
    assertThat(r.headers().contains("X-Raft-Index")).isFalse();
    assertThat(body(r))
        .isEqualTo(
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/missing\",\"index\":3}\n");
  }

  /** KEY-036: parse errors have index 0. */
  @Test
  void parseErrorsHaveIndexZero() {
    FullHttpResponse r = call(request("GET", "/v2/keys/a?waitIndex=x"));
    assertThat(r.status().code()).isEqualTo(400);
    assertThat(r.headers().get("X-Etcd-Index")).isEqualTo("0");
    assertThat(body(r)).contains("\"errorCode\":203");
  }

  /** KEY-098: noValueOnSuccess keeps only the action. */
  @Test
  void noValueOnSuccessKeepsOnlyTheAction() {
    FullHttpResponse r = call(form("PUT", "/v2/keys/n?noValueOnSuccess=true", "value=v"));
    assertThat(body(r)).isEqualTo("{\"action\":\"set\"}\n");
    assertThat(r.status().code()).isEqualTo(201);
  }

  /**
   * KEY-097, KEY-098: the status still follows the event: a set over an existing key is a 200
   * though noValueOnSuccess leaves its prevNode out (found by scripts/difffuzz.py).
   */
  @Test
  void noValueOnSuccessKeepsTheStatusOfTheEvent() {
    call(form("PUT", "/v2/keys/existing", "value=v"));
    FullHttpResponse r =
        call(form("PUT", "/v2/keys/existing?noValueOnSuccess=true", "value=w"));
    assertThat(r.status().code()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("{\"action\":\"set\"}\n");
  }

  /** KEY-190: every parsed keys request counts one failed get (the auth lookup). */
  @Test
  void everyKeysRequestBumpsGetsFail() {
    String before = body(call(request("GET", "/v2/stats/store")));
    call(request("GET", "/v2/keys/"));
    call(request("GET", "/v2/keys/"));
    String after = body(call(request("GET", "/v2/stats/store")));
    assertThat(getsFail(after) - getsFail(before)).isEqualTo(2);
  }

  /** KEY-169: a long poll flushes headers, then writes one event and ends. */
  @Test
  void longPollWritesHeadersThenOneEvent() {
    channel.writeInbound(request("GET", "/v2/keys/w?wait=true"));
    HttpResponse headers = (HttpResponse) poll();
    assertThat(headers.status().code()).isEqualTo(200);
    assertThat(headers.headers().get("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(headers.headers().get("X-Etcd-Index")).isEqualTo("3");
    server.propose(io.etcdj.server.Request.put("/1/w", "v1")).join();
    HttpContent event = (HttpContent) poll();
    assertThat(event.content().toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"action\":\"set\",\"node\":{\"key\":\"/w\",\"value\":\"v1\",\"modifiedIndex\":4,"
                + "\"createdIndex\":4}}\n");
    event.release();
    assertThat(poll()).isInstanceOf(LastHttpContent.class);
    assertThat(watchers()).isZero();
  }

  /** KEY-170, KEY-173: a stream writes every event; closing the channel removes the watcher. */
  @Test
  void streamWritesEachEventAndCloseRemovesTheWatcher() {
    channel.writeInbound(request("GET", "/v2/keys/s?wait=true&stream=true"));
    assertThat(poll()).isInstanceOf(HttpResponse.class);
    assertThat(watchers()).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      server.propose(io.etcdj.server.Request.put("/1/s", "v" + i)).join();
      HttpContent event = (HttpContent) poll();
      assertThat(event).isNotInstanceOf(LastHttpContent.class);
      assertThat(event.content().toString(StandardCharsets.UTF_8)).contains("\"value\":\"v" + i);
      event.release();
    }
    channel.close();
    assertThat(watchers()).isZero();
  }

  /** OTH-010, OTH-021: the version and members documents. */
  @Test
  void versionAndMembersHaveEtcdsShapes() {
    assertThat(body(call(request("GET", "/version"))))
        .isEqualTo("{\"etcdserver\":\"2.3.8\",\"etcdcluster\":\"2.3.0\"}");
    assertThat(body(call(request("GET", "/v2/members"))))
        .isEqualTo(
            "{\"members\":[{\"id\":\""
                + server.idHex()
                + "\",\"name\":\"t\","
                + "\"peerURLs\":[\"http://localhost:2380\",\"http://localhost:7001\"],"
                + "\"clientURLs\":[\"http://127.0.0.1:1\"]}]}\n");
    assertThat(body(call(request("GET", "/v2/members/nope"))))
        .isEqualTo("{\"message\":\"Not found\"}");
    FullHttpResponse head = call(request("HEAD", "/v2/members"));
    assertThat(head.headers().get("Allow")).isEqualTo("GET,POST,DELETE,PUT");
    assertThat(call(request("POST", "/version")).headers().get("Allow")).isEqualTo("GET");
  }

  /** OTH-024, OTH-025, OTH-028, OTH-030: member changes are checked as etcd checks them. */
  @Test
  void memberChangesAreValidated() {
    FullHttpResponse noJson = call(form("POST", "/v2/members", "peerURLs=x"));
    assertThat(noJson.status().code()).isEqualTo(415);
    assertThat(body(noJson))
        .isEqualTo(
            "{\"message\":\"Bad Content-Type application/x-www-form-urlencoded, accept"
                + " application/json\"}");
    assertThat(body(call(json("POST", "/v2/members", "{\"peerURLs\":[]}"))))
        .isEqualTo("{\"message\":\"no valid URLs given\"}");
    assertThat(body(call(json("POST", "/v2/members", "{\"peerURLs\":[\"http://h:1/p\"]}"))))
        .isEqualTo("{\"message\":\"URL must not contain a path: http://h:1/p\"}");
    FullHttpResponse taken =
        call(json("POST", "/v2/members", "{\"peerURLs\":[\" http://localhost:2380 \"]}"));
    assertThat(taken.status().code()).isEqualTo(409);
    assertThat(body(taken)).isEqualTo("{\"message\":\"membership: peerURL exists\"}");
    FullHttpResponse unknown = call(request("DELETE", "/v2/members/abc"));
    assertThat(unknown.status().code()).isEqualTo(404);
    assertThat(body(unknown)).isEqualTo("{\"message\":\"No such member: abc\"}");
    FullHttpResponse noId = call(request("DELETE", "/v2/members"));
    assertThat(noId.status().code()).isEqualTo(405);
    assertThat(noId.headers().contains("Allow")).isFalse();
    noId.release();
  }

  /** KEY-170, KEY-191: a stream more than 100 events behind is dropped and its watcher removed. */
  @Test
  void streamFallingTooFarBehindIsEnded() {
    channel.writeInbound(request("GET", "/v2/keys/o?wait=true&stream=true"));
    assertThat(poll()).isInstanceOf(HttpResponse.class);
    // The event loop (this test thread) runs no task while 150 events arrive.
    for (int i = 0; i < 150; i++) {
      server.propose(io.etcdj.server.Request.put("/1/o", "v" + i)).join();
    }
    int events = 0;
    Object out = poll();
    while (!(out instanceof LastHttpContent)) {
      events++;
      ((HttpContent) out).release();
      out = poll();
    }
    assertThat(events).isEqualTo(WatchResponse.MAX_PENDING_EVENTS);
    assertThat(watchers()).isZero();
  }

  private FullHttpResponse call(FullHttpRequest request) {
    // fireChannelRead, unlike writeInbound, does not run the queued tasks: the test thread leaves
    // the queue alone until the barrier has passed.
    channel.pipeline().fireChannelRead(request);
    barrier();
    Object out = poll();
    assertThat(out).isInstanceOf(FullHttpResponse.class);
    return (FullHttpResponse) out;
  }

  /**
   * A quorum read queued behind the request's proposal is a barrier: when it completes, every
   * earlier proposal has handed over its answer. A lone write's raft round runs on the event loop
   * that read it (RaftLoop#propose), here the channel's, so this thread runs the channel's tasks
   * until then. The EmbeddedChannel's task queue is not thread-safe: that is safe because no other
   * round runs meanwhile (this member ticks every 10 s, see {@link #start}); a round on the raft
   * thread would hand its answers over from there.
   */
  private void barrier() {
    java.util.concurrent.CompletableFuture<?> done =
        server.propose(io.etcdj.server.Request.quorumGet("/"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!done.isDone()) {
      channel.runPendingTasks();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the barrier was not applied within 5 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    done.join();
  }

  /** Waits (bounded) for the next outbound message. */
  private Object poll() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      channel.runPendingTasks();
      Object out = channel.readOutbound();
      if (out != null) {
        return out;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    throw new AssertionError("no response within 5 s");
  }

  private int watchers() {
    String stats = new String(server.storeStats(), StandardCharsets.UTF_8);
    return Integer.parseInt(stats.replaceAll(".*\"watchers\":(\\d+).*", "$1"));
  }

  private static long getsFail(String stats) {
    return Long.parseLong(stats.replaceAll(".*\"getsFail\":(\\d+).*", "$1"));
  }

  private static String body(FullHttpResponse r) {
    String s = r.content().toString(StandardCharsets.UTF_8);
    r.release();
    return s;
  }

  /** Every HTTP/1.1 client names the host (Go's server refuses a request without). */
  private static FullHttpRequest request(String method, String uri) {
    FullHttpRequest r =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
    r.headers().set("Host", "127.0.0.1");
    return r;
  }

  private static FullHttpRequest json(String method, String uri, String body) {
    FullHttpRequest r = form(method, uri, body);
    r.headers().set("Content-Type", "application/json");
    return r;
  }

  private static FullHttpRequest form(String method, String uri, String body) {
    FullHttpRequest r =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(method),
            uri,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set("Host", "127.0.0.1");
    r.headers().set("Content-Type", "application/x-www-form-urlencoded");
    r.headers().set("Content-Length", r.content().readableBytes());
    return r;
  }
}
