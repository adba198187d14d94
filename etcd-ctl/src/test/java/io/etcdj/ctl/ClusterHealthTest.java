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
 * CTL-064: {@code cluster-health} with healthy, unreachable, unpublished, unhealthy and garbled
 * members. A stand-in serves {@code /v2/members} and the health answers; the expected text is what
 * {@code ETCDCTL_API=2 etcdctl cluster-health} printed against the same stand-in (a Python copy of
 * it, run by hand), ports substituted.
 */
class ClusterHealthTest {
  private HttpServer server;
  private int port;
  private int dead;

  @BeforeEach
  void start() throws IOException {
    dead = TestMember.freePort();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    port = server.getAddress().getPort();
    String c = "http://127.0.0.1:" + port;
    reply(
        "/v2/members",
        "{\"members\":["
            + member("a1", "up", "[\"" + c + "\"]")
            + ","
            + member("b2", "down", "[\"http://127.0.0.1:" + dead + "\"]")
            + ","
            + member("c3", "", "[]")
            + ","
            + member("d4", "sick", "[\"" + c + "/sick\"]")
            + ","
            + member("e5", "weird", "[\"" + c + "/weird\"]")
            + "]}");
    reply("/health", "{\"health\": \"true\"}");
    reply("/sick/health", "{\"health\":false}");
    reply("/weird/health", "not json");
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void reportsEachMemberAndExitsFiveWhenDegraded() {
    String c = "http://127.0.0.1:" + port;
    String d = "http://127.0.0.1:" + dead;
    CtlRun.Result r = CtlRun.run("--endpoints", c, "cluster-health");
    assertThat(r.out())
        .isEqualTo(
            "member a1 is healthy: got healthy result from "
                + c
                + "\n"
                + "failed to check the health of member b2 on "
                + d
                + ": Get \""
                + d
                + "/health\": dial tcp 127.0.0.1:"
                + dead
                + ": connect: connection refused\n"
                + "member b2 is unreachable: ["
                + d
                + "] are all unreachable\n"
                + "member c3 is unreachable: no available published client urls\n"
                + "member d4 is unhealthy: got unhealthy result from "
                + c
                + "/sick\n"
                + "failed to check the health of member e5 on "
                + c
                + "/weird: invalid character"
                + " 'o' in literal null (expecting 'u')\n"
                + "member e5 is unreachable: ["
                + c
                + "/weird] are all unreachable\n"
                + "cluster is degraded\n");
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isEqualTo(5);
  }

  private static String member(String id, String name, String clientUrls) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"peerURLs\":[\"http://127.0.0.1:1\"],\"clientURLs\":"
        + clientUrls
        + "}";
  }

  private void reply(String path, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        path,
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals(path)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
  }
}
