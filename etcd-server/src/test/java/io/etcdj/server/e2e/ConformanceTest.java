package io.etcdj.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared conformance scenarios, replayed against an in-process member and compared with the
 * golden responses recorded from etcd 3.4.23 {@code --enable-v2} (data copied into test
 * resources): status, Content-Type, X-Etcd-Index, presence of the raft and cluster headers, the
 * normalised body and its JSON key order (SPEC sections 1 and 2).
 */
class ConformanceTest {
  @TempDir static Path dataDir;
  private static EmbeddedEtcd etcd;
  private static int port;

  @BeforeAll
  static void start() {
    etcd = LoopbackMember.start("conform", dataDir.resolve("conform.etcd"));
    port = URI.create(etcd.clientUrl()).getPort();
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "basic", "cad", "cas", "dirs", "errors", "hidden", "inorder", "misc", "quorum", "refresh",
        "stream", "ttl", "ttl_expire", "watch", "watch_cleared"
      })
  void matchesTheReference(String scenario) throws Exception {
    List<String> lines = List.of(resource("scenarios/" + scenario + ".txt").split("\n"));
    JsonNode golden = ScenarioRunner.JSON.readTree(resource("golden/" + scenario + ".json"));
    List<ScenarioRunner.Recorded> got = new ScenarioRunner(port).run(scenario, lines);
    assertThat(got).hasSize(golden.size());
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < golden.size(); i++) {
      diffs.addAll(compare(golden.get(i), got.get(i)));
    }
    assertThat(diffs).isEmpty();
  }

  private static List<String> compare(JsonNode g, ScenarioRunner.Recorded r) {
    List<String> diffs = new ArrayList<>();
    String where = g.get("step").asText();
    if (g.get("status").asInt() != r.status()) {
      diffs.add(where + ": status " + r.status() + ", want " + g.get("status"));
    }
    for (Map.Entry<String, JsonNode> h : iterable(g.get("headers"))) {
      if (!h.getValue().equals(r.headers().get(h.getKey()))) {
        diffs.add(where + ": header " + h.getKey() + "=" + r.headers().get(h.getKey()) + ", want "
            + h.getValue());
      }
    }
    for (JsonNode h : g.get("present")) {
      if (!r.present().contains(h.asText())) {
        diffs.add(where + ": header " + h.asText() + " missing");
      }
    }
    JsonNode goldBody = g.get("body").isNull() ? null : g.get("body");
    String goldRaw = g.path("raw").isTextual() ? g.get("raw").asText() : null;
    boolean rawDiffers = goldBody == null && !java.util.Objects.equals(goldRaw, r.raw());
    if (!GoldenNormaliser.closeTtl(goldBody, r.body()) || rawDiffers) {
      diffs.add(where + ": got " + (r.body() != null ? r.body() : r.raw()) + ", want "
          + (goldBody != null ? goldBody : goldRaw));
    } else if (!GoldenNormaliser.order(goldBody).equals(GoldenNormaliser.order(r.body()))) {
      diffs.add(where + ": key order " + r.body() + ", want " + goldBody);
    }
    return diffs;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    return object::fields;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
