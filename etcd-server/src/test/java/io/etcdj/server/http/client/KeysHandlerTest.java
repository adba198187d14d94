package io.etcdj.server.http.client;

import static io.etcdj.server.http.client.ClientHarness.body;
import static io.etcdj.server.http.client.ClientHarness.form;
import static io.etcdj.server.http.client.ClientHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EtcdServer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client handlers through an EmbeddedChannel (STYLE 13): routing, headers, watches. */
class KeysHandlerTest {
  @TempDir Path dataDir;
  private ClientHarness member;
  private EtcdServer server;
  private EmbeddedChannel channel;

  @BeforeEach
  void start() throws Exception {
    member = new ClientHarness(dataDir);
    server = member.server;
    channel = member.channel;
  }

  @AfterEach
  void stop() {
    member.close();
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

  /**
   * KEY-053, KEY-054, KEY-055: how a PUT is dispatched: prevExist=false creates (201; 105 once the
   * key exists), prevValue or prevIndex without prevExist compare and swap, anything else sets.
   */
  @Test
  void putIsCreateCompareAndSwapOrSet() {
    FullHttpResponse created = call(form("PUT", "/v2/keys/p?prevExist=false", "value=1"));
    assertThat(created.status().code()).isEqualTo(201);
    assertThat(body(created))
        .isEqualTo(
            "{\"action\":\"create\",\"node\":{\"key\":\"/p\",\"value\":\"1\","
                + "\"modifiedIndex\":4,\"createdIndex\":4}}\n");
    FullHttpResponse exists = call(form("PUT", "/v2/keys/p?prevExist=false", "value=2"));
    assertThat(exists.status().code()).isEqualTo(412);
    assertThat(body(exists))
        .isEqualTo(
            "{\"errorCode\":105,\"message\":\"Key already exists\",\"cause\":\"/p\","
                + "\"index\":4}\n");
    FullHttpResponse byValue = call(form("PUT", "/v2/keys/p?prevValue=1", "value=2"));
    assertThat(byValue.status().code()).isEqualTo(200);
    assertThat(body(byValue))
        .isEqualTo(
            "{\"action\":\"compareAndSwap\",\"node\":{\"key\":\"/p\",\"value\":\"2\","
                + "\"modifiedIndex\":5,\"createdIndex\":4},\"prevNode\":{\"key\":\"/p\","
                + "\"value\":\"1\",\"modifiedIndex\":4,\"createdIndex\":4}}\n");
    assertThat(body(call(form("PUT", "/v2/keys/p?prevIndex=5", "value=3"))))
        .startsWith("{\"action\":\"compareAndSwap\",\"node\":{\"key\":\"/p\",\"value\":\"3\",");
    FullHttpResponse failed = call(form("PUT", "/v2/keys/p?prevIndex=5", "value=4"));
    assertThat(failed.status().code()).isEqualTo(412);
    assertThat(body(failed)).contains("\"errorCode\":101,").contains("[5 != 6]");
    FullHttpResponse set = call(form("PUT", "/v2/keys/p?prevIndex=0", "value=4"));
    assertThat(set.status().code()).isEqualTo(200);
    assertThat(body(set))
        .startsWith(
            "{\"action\":\"set\",\"node\":{\"key\":\"/p\",\"value\":\"4\","
                + "\"modifiedIndex\":7,\"createdIndex\":7},\"prevNode\":");
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

  /** KEY-002, KEY-004: 405 with Allow (first, as Go sorts headers), plain text, no cluster ID. */
  @Test
  void otherMethodsGet405WithAllow() {
    FullHttpResponse r = call(form("PATCH", "/v2/keys/foo", "value=x"));
    assertThat(r.status().code()).isEqualTo(405);
    assertThat(r.headers().get("Allow")).isEqualTo("HEAD,GET,PUT,POST,DELETE");
    assertThat(r.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.headers().contains("X-Etcd-Cluster-Id")).isFalse();
    assertThat(r.headers().names())
        .containsExactly("Allow", "Content-Type", "X-Content-Type-Options", "Content-Length");
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

  /**
   * KEY-171: the member sets no time limit on a watch: an hour later the long poll is still open,
   * its watcher registered, and it still answers the next event.
   */
  @Test
  void longPollHasNoServerTimeout() {
    channel.writeInbound(request("GET", "/v2/keys/idle?wait=true"));
    assertThat(poll()).isInstanceOf(HttpResponse.class);
    channel.advanceTimeBy(1, TimeUnit.HOURS);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(watchers()).isEqualTo(1);
    server.propose(io.etcdj.server.Request.put("/1/idle", "late")).join();
    assertThat(eventBody(poll())).contains("\"value\":\"late\"");
    assertThat(poll()).isInstanceOf(LastHttpContent.class);
  }

  /**
   * KEY-172: a watch that fails (401: its index left the 1000-event history) gets a plain error
   * response, before any header is flushed. KEY-174: the client's way back, a GET then a watch
   * from X-Etcd-Index + 1, then from each event's modifiedIndex + 1, misses no event.
   */
  @Test
  void clearedWatchIsAPlainErrorAndTheClientResumes() {
    for (int i = 0; i < 1001; i++) {
      server.propose(io.etcdj.server.Request.put("/1/h", "v" + i)).join();
    }
    FullHttpResponse cleared = call(request("GET", "/v2/keys/h?wait=true&waitIndex=4"));
    assertThat(cleared.status().code()).isEqualTo(400);
    assertThat(cleared.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(cleared.headers().get("X-Etcd-Index")).isEqualTo("1004");
    assertThat(cleared.headers().contains("Transfer-Encoding")).isFalse();
    assertThat(cleared.headers().contains("X-Raft-Index")).isFalse();
    assertThat(body(cleared))
        .isEqualTo(
            "{\"errorCode\":401,\"message\":\"The event in requested index is outdated and"
                + " cleared\",\"cause\":\"the requested history has been cleared [5/4]\","
                + "\"index\":1004}\n");
    FullHttpResponse get = call(request("GET", "/v2/keys/h"));
    long next = Long.parseLong(get.headers().get("X-Etcd-Index")) + 1;
    get.release();
    channel.writeInbound(request("GET", "/v2/keys/h?wait=true&waitIndex=" + next));
    assertThat(poll()).isInstanceOf(HttpResponse.class);
    server.propose(io.etcdj.server.Request.put("/1/h", "after")).join();
    assertThat(eventBody(poll())).contains("\"value\":\"after\",\"modifiedIndex\":" + next);
    assertThat(poll()).isInstanceOf(LastHttpContent.class);
    // Two writes while no watch is open: each is found from the one before it.
    server.propose(io.etcdj.server.Request.put("/1/h", "x1")).join();
    server.propose(io.etcdj.server.Request.put("/1/h", "x2")).join();
    for (String value : List.of("x1", "x2")) {
      next++;
      channel.writeInbound(request("GET", "/v2/keys/h?wait=true&waitIndex=" + next));
      assertThat(poll()).isInstanceOf(HttpResponse.class);
      assertThat(eventBody(poll()))
          .contains("\"value\":\"" + value + "\",\"modifiedIndex\":" + next);
      assertThat(poll()).isInstanceOf(LastHttpContent.class);
    }
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

  /**
   * OTH-023: any other path under /v2/members/ (a member's own ID included) is a JSON 404 with
   * the cluster ID.
   */
  @Test
  void otherMemberPathsAreNotFound() {
    for (String path :
        List.of(
            "/v2/members/nope", "/v2/members/" + server.idHex(), "/v2/members/leader/x",
            "/v2/members/abc/", "/v2/members/LEADER?x=1")) {
      FullHttpResponse r = call(request("GET", path));
      assertThat(r.status().code()).as(path).isEqualTo(404);
      assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
      assertThat(r.headers().get("X-Etcd-Cluster-Id")).isEqualTo(server.clusterIdHex());
      assertThat(body(r)).isEqualTo("{\"message\":\"Not found\"}");
    }
  }

  /**
   * KEY-057: a member's name and client URLs are an internal PUT under /0, applied in log order as
   * any write; the members list reads what was applied last.
   */
  @Test
  void internalAttributePutsUpdateTheMembers() {
    server
        .propose(
            io.etcdj.server.Request.put(
                "/0/members/" + server.idHex() + "/attributes",
                "{\"name\":\"renamed\",\"clientURLs\":[\"http://127.0.0.1:9\"]}"))
        .join();
    assertThat(body(call(request("GET", "/v2/members"))))
        .isEqualTo(
            "{\"members\":[{\"id\":\""
                + server.idHex()
                + "\",\"name\":\"renamed\",\"peerURLs\":[\"http://localhost:2380\",\"http://localhost:7001\"],"
                + "\"clientURLs\":[\"http://127.0.0.1:9\"]}]}\n");
    // /0 is not in the keys space: the keys root stays empty.
    assertThat(body(call(request("GET", "/v2/keys/?recursive=true"))))
        .isEqualTo("{\"action\":\"get\",\"node\":{\"dir\":true}}\n");
  }

  /**
   * OTH-046: the stats documents answer GET only, with a 405 whose Allow comes first (Go writes a
   * handler's headers sorted by name); they check no credentials, so no auth lookup counts a
   * failed get (KEY-190).
   */
  @Test
  void statsAllowOnlyGetAndCheckNoCredentials() {
    long before = getsFail(body(call(request("GET", "/v2/stats/store"))));
    for (String path : List.of("/v2/stats/self", "/v2/stats/leader", "/v2/stats/store")) {
      FullHttpResponse get = call(request("GET", path));
      assertThat(get.status().code()).as(path).isEqualTo(200);
      get.release();
      for (String method : List.of("POST", "PUT", "DELETE", "HEAD", "PATCH")) {
        FullHttpResponse r = call(request(method, path));
        assertThat(r.status().code()).as(method + " " + path).isEqualTo(405);
        assertThat(r.headers().get("Allow")).isEqualTo("GET");
        assertThat(r.headers().names())
            .containsExactly("Allow", "Content-Type", "X-Content-Type-Options", "Content-Length");
        r.release();
      }
    }
    assertThat(getsFail(body(call(request("GET", "/v2/stats/store"))))).isEqualTo(before);
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
    return member.call(request);
  }

  private Object poll() {
    return member.poll();
  }

  /** The JSON line of one watch event (the content is released). */
  private static String eventBody(Object out) {
    assertThat(out).isInstanceOf(HttpContent.class).isNotInstanceOf(LastHttpContent.class);
    HttpContent event = (HttpContent) out;
    String s = event.content().toString(StandardCharsets.UTF_8);
    event.release();
    return s;
  }

  private int watchers() {
    String stats = new String(server.storeStats(), StandardCharsets.UTF_8);
    return Integer.parseInt(stats.replaceAll(".*\"watchers\":(\\d+).*", "$1"));
  }

  private static long getsFail(String stats) {
    return Long.parseLong(stats.replaceAll(".*\"getsFail\":(\\d+).*", "$1"));
  }

  private static FullHttpRequest json(String method, String uri, String body) {
    FullHttpRequest r = form(method, uri, body);
    r.headers().set("Content-Type", "application/json");
    return r;
  }
}
