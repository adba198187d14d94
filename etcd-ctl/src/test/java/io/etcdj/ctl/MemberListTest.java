package io.etcdj.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CTL-060: {@code member list} with several URLs per member, an unstarted member and the leader
 * mark, and the failure when no leader is known. A stand-in serves the members API; the expected
 * text is what {@code ETCDCTL_API=2 etcdctl --no-sync member list} printed against a Python copy of
 * it, ports substituted.
 */
class MemberListTest {
  private HttpServer server;
  private String url;
  private volatile boolean electing;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    url = "http://127.0.0.1:" + server.getAddress().getPort();
    String members =
        "{\"members\":[{\"id\":\"a1\",\"name\":\"one\",\"peerURLs\":[\"http://127.0.0.1:1\","
            + "\"http://127.0.0.2:1\"],\"clientURLs\":[\""
            + url
            + "\",\"http://127.0.0.2:1\"]},"
            + "{\"id\":\"b2\",\"name\":\"two\",\"peerURLs\":[\"http://127.0.0.1:2\"],"
            + "\"clientURLs\":[\""
            + url
            + "\"]},"
            + "{\"id\":\"c3\",\"name\":\"\",\"peerURLs\":[\"http://127.0.0.1:3\"],"
            + "\"clientURLs\":[]}]}";
    String leader =
        "{\"id\":\"b2\",\"name\":\"two\",\"peerURLs\":[\"http://127.0.0.1:2\"],"
            + "\"clientURLs\":[\""
            + url
            + "\"]}";
    server.createContext(
        "/v2/members",
        exchange -> {
          boolean leaderPath = exchange.getRequestURI().getPath().equals("/v2/members/leader");
          int code = leaderPath && electing ? 503 : 200;
          String body =
              !leaderPath ? members : electing ? "{\"message\":\"During election\"}" : leader;
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(code, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void listsMembersWithTheLeaderMarkedAndUnstartedOnesShort() {
    CtlRun.Result r = CtlRun.run("--no-sync", "--endpoints", url, "member", "list");
    assertThat(r.out())
        .isEqualTo(
            "a1: name=one peerURLs=http://127.0.0.1:1,http://127.0.0.2:1 clientURLs="
                + url
                + ",http://127.0.0.2:1 isLeader=false\n"
                + "b2: name=two peerURLs=http://127.0.0.1:2 clientURLs="
                + url
                + " isLeader=true\n"
                + "c3[unstarted]: peerURLs=http://127.0.0.1:3\n");
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
  }

  @Test
  void failsWhenNoLeaderIsKnown() {
    electing = true;
    CtlRun.Result r = CtlRun.run("--no-sync", "--endpoints", url, "member", "list");
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "Failed to get leader:  client: etcd cluster is unavailable or misconfigured; error"
                + " #0: client: etcd member "
                + url
                + " has no leader\n\n");
    assertThat(r.exit()).isEqualTo(1);
  }
}
