package io.etcdj.ctl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a one-member etcd on loopback, for client behaviour that a real member cannot show
 * or that the tests cannot observe on it: it records every request (method, target, {@code
 * Authorization} header, body), answers {@code /v2/members} with itself as the only member, and
 * everything else with the answer the test set (by default the key {@code /k} with value {@code
 * v}).
 *
 * <p>Thread-safe: the server's thread records and answers under this object's monitor.
 */
final class FakeMember implements AutoCloseable {
  /** One request as the member received it; {@code authorization} is null when absent. */
  record Request(String method, String target, String authorization, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private int status = 200;
  private String location;
  private String membersBody;
  private String body =
      "{\"action\":\"get\",\"node\":{\"key\":\"/k\",\"value\":\"v\",\"modifiedIndex\":4,"
          + "\"createdIndex\":4}}\n";

  private FakeMember(HttpServer server) {
    this.server = server;
  }

  static FakeMember start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeMember m = new FakeMember(server);
    server.createContext("/", m::handle);
    server.start();
    return m;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** What every later request outside {@code /v2/members} gets. */
  synchronized void answer(int status, String body) {
    this.status = status;
    this.body = body;
    this.location = null;
  }

  /** Every later request outside {@code /v2/members} gets a 307 to {@code location} (or none). */
  synchronized void redirect(String location) {
    answer(307, "");
    this.location = location;
  }

  /** What every later {@code /v2/members} request gets (200), instead of this member's list. */
  synchronized void answerMembers(String body) {
    this.membersBody = body;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestURI().getRawPath();
      if (exchange.getRequestURI().getRawQuery() != null) {
        target += "?" + exchange.getRequestURI().getRawQuery();
      }
      byte[] answer;
      int code;
      String redirect;
      synchronized (this) {
        requests.add(
            new Request(
                exchange.getRequestMethod(),
                target,
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        boolean members = target.startsWith("/v2/members");
        code = members ? 200 : status;
        redirect = members ? null : location;
        String text = members ? (membersBody != null ? membersBody : membersJson()) : body;
        answer = text.getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("X-Etcd-Index", "4");
      if (redirect != null) {
        exchange.getResponseHeaders().add("Location", redirect);
      }
      exchange.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private String membersJson() {
    return "{\"members\":[{\"id\":\"8e9e05c52164694d\",\"name\":\"r\","
        + "\"peerURLs\":[\"http://127.0.0.1:2380\"],\"clientURLs\":[\""
        + url()
        + "\"]}]}\n";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
