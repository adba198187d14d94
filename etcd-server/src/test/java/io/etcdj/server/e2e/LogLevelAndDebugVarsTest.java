package io.etcdj.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import io.etcdj.server.log.CapnslogLevel;
import io.etcdj.server.log.GlobalLogLevel;
import io.etcdj.server.log.LogLevel;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * OTH-013 {@code /config/local/log} and OTH-014 {@code /debug/vars} over the wire, one member for
 * the class. The raw answers are those of etcd 3.4 (whose two handlers are 2.3's) to the same
 * requests, less the CORS headers 3.4 adds by default.
 */
class LogLevelAndDebugVarsTest {
  @TempDir static Path dataDir;
  private static EmbeddedEtcd etcd;
  private static int port;

  private final Logger etcdhttp = (Logger) LoggerFactory.getLogger("etcdhttp");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeAll
  static void start() {
    etcd = LoopbackMember.start("vars", dataDir.resolve("vars.etcd"));
    port = URI.create(etcd.clientUrl()).getPort();
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  @AfterEach
  void quiet() {
    GlobalLogLevel.set(LogLevel.INFO); // the logging context is the whole test JVM's
    etcdhttp.detachAppender(lines);
  }

  /** OTH-013: an empty 204, no Content-Type, no length. */
  @Test
  void settingALevelAnswersAnEmpty204() throws Exception {
    assertThat(put("{\"Level\":\"INFO\"}"))
        .matches("HTTP/1\\.1 204 No Content\r\nDate: [^\r]+ GMT\r\nConnection: close\r\n\r\n");
  }

  /** OTH-013, OTH-003: etcd's {"message":...} errors, without a newline. */
  @Test
  void badBodiesAre400WithEtcdsMessages() throws Exception {
    assertThat(put("notjson"))
        .startsWith("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nDate: ")
        .endsWith("\r\nContent-Length: 31\r\nConnection: close\r\n\r\n"
            + "{\"message\":\"Invalid json body\"}");
    assertThat(put("{\"Level\":\"bogus\"}"))
        .startsWith("HTTP/1.1 400 Bad Request\r\n")
        .endsWith("\r\n\r\n{\"message\":\"Invalid log level bogus\"}");
    assertThat(put("{\"Level\":\"<x>\"}"))
        .endsWith("\r\n\r\n{\"message\":\"Invalid log level \\u003cx\\u003e\"}");
  }

  /** OTH-013, KEY-002: every other method is 405 with Allow: PUT, sorted before Content-Type. */
  @Test
  void otherMethodsAre405() throws Exception {
    assertThat(exchange("GET /config/local/log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 405 Method Not Allowed\r\nAllow: PUT\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n")
        .endsWith("\r\nContent-Length: 19\r\nConnection: close\r\n\r\nMethod Not Allowed\n");
    assertThat(exchange("HEAD /config/local/log HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 405 Method Not Allowed\r\nAllow: PUT\r\n")
        .endsWith("\r\nContent-Length: 19\r\nConnection: close\r\n\r\n");
  }

  /**
   * OTH-013: DEBUG makes the member print its debug lines from the next request on (etcd's
   * {@code [GET] /version remote:...}), INFO quiets them again. The change itself is a notice,
   * printed at the level being left.
   */
  @Test
  void debugPrintsTheDebugLinesAndInfoQuietsThem() throws Exception {
    lines.start();
    etcdhttp.addAppender(lines);
    try (RawHttp c = new RawHttp(port)) {
      c.send("GET", "/version?at=info", (String) null).read();
      assertThat(putOn(c, "{\"Level\":\"debug\"}").status()).isEqualTo(204);
      assertThat(((Logger) LoggerFactory.getLogger("etcdserver")).isDebugEnabled()).isTrue();
      c.send("GET", "/version?at=debug", (String) null).read();
      assertThat(putOn(c, "{\"Level\":\"INFO\"}").status()).isEqualTo(204);
      c.send("GET", "/version?at=info-again", (String) null).read();
      // Requests on one connection are handled in order: once the last line is there, every
      // line of the requests before it is.
      GlobalLogLevel.set(LogLevel.DEBUG);
      c.send("GET", "/version?last", (String) null).read();
    }
    List<String> seen = awaitLine("/version?last");

    assertThat(seen)
        .filteredOn(l -> l.contains("/version?at="))
        .containsExactly("DEBUG [GET] /version?at=debug remote:127.0.0.1:" + localPort(seen));
    assertThat(seen)
        .contains(
            "INFO NOTICE globalLogLevel set to \"DEBUG\"",
            "DEBUG [PUT] /config/local/log remote:127.0.0.1:" + localPort(seen),
            "INFO NOTICE globalLogLevel set to \"INFO\"");
  }

  /** OTH-014: Go's expvar layout, sorted by name, with this member's raft status. */
  @Test
  void debugVarsServesEtcdsVariables() throws Exception {
    RawHttp.Response r;
    try (RawHttp c = new RawHttp(port)) {
      r = c.send("GET", "/debug/vars", (String) null).read();
    }
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked"); // more than Go buffers
    assertThat(r.body())
        .startsWith("{\n\"cmdline\": [\"etcd\",\"--name\",\"vars\",\"--data-dir\",")
        .containsSubsequence(
            "\n\"file_descriptor_limit\": ", ",\n\"memstats\": {", ",\n\"raft.status\": {")
        .endsWith("}}\n}\n");

    JsonNode vars = new ObjectMapper().readTree(r.body());
    List<String> names = new ArrayList<>();
    vars.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly("cmdline", "file_descriptor_limit", "memstats", "raft.status");
    JsonNode raft = vars.get("raft.status");
    List<String> fields = new ArrayList<>();
    raft.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly("id", "term", "vote", "commit", "lead", "raftState", "progress");
    String id = etcd.server().idHex();
    assertThat(raft.get("id").asText()).isEqualTo(id);
    assertThat(raft.get("lead").asText()).isEqualTo(id);
    assertThat(raft.get("vote").asText()).isEqualTo(id);
    assertThat(raft.get("raftState").asText()).isEqualTo("StateLeader");
    assertThat(raft.get("term").asLong()).isPositive();
    assertThat(raft.get("commit").asLong()).isPositive();
    JsonNode self = raft.get("progress").get(id);
    assertThat(raft.get("progress")).hasSize(1);
    assertThat(self.get("state").asText()).isEqualTo("ProgressStateReplicate");
    assertThat(self.get("next").asLong()).isEqualTo(self.get("match").asLong() + 1);
    assertThat(self.get("match").asLong()).isGreaterThanOrEqualTo(raft.get("commit").asLong());
  }

  /** OTH-014: GET only; HEAD too is refused, without a body. */
  @Test
  void debugVarsIsGetOnly() throws Exception {
    assertThat(exchange("POST /debug/vars HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\n")
        .endsWith("\r\n\r\nMethod Not Allowed\n");
    assertThat(exchange("HEAD /debug/vars HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\n")
        .endsWith("\r\nContent-Length: 19\r\nConnection: close\r\n\r\n");
  }

  private static String put(String body) throws Exception {
    return exchange(
        "PUT /config/local/log HTTP/1.1\r\nHost: x\r\nContent-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body);
  }

  private static RawHttp.Response putOn(RawHttp c, String body) throws Exception {
    return c.send("PUT", "/config/local/log", body).read();
  }

  private static String exchange(String request) throws Exception {
    return RawHttp.exchangeOnce(port, request);
  }

  /** The lines logged so far, {@code LEVEL [MARKER ]message}, once {@code text} is among them. */
  private List<String> awaitLine(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      List<String> seen = new ArrayList<>();
      synchronized (lines) { // the appender appends under its own lock
        for (ILoggingEvent e : lines.list) {
          boolean notice = e.getMarkerList() != null
              && e.getMarkerList().contains(CapnslogLevel.NOTICE);
          seen.add(e.getLevel() + (notice ? " NOTICE " : " ") + e.getFormattedMessage());
        }
      }
      if (seen.stream().anyMatch(l -> l.contains(text)) || System.nanoTime() > deadline) {
        return seen;
      }
      Thread.sleep(5);
    }
  }

  /** The client's port, as the member logged it (one connection for every request). */
  private static String localPort(List<String> seen) {
    String any = seen.stream().filter(l -> l.contains(" remote:")).findFirst().orElseThrow();
    return any.substring(any.lastIndexOf(':') + 1);
  }
}
