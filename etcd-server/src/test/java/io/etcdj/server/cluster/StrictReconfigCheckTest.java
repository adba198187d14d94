package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.EmbeddedEtcd;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --strict-reconfig-check} (SPEC CLU-035, OTH-029) on a three-member loopback cluster:
 * members that were added but never started count against the quorum, so once they would
 * outvote the started ones an add, or the removal of a started member, is refused with 500 and
 * nothing is proposed; removing a never-started member stays allowed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StrictReconfigCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @RegisterExtension
  final LoopbackCluster cluster = LoopbackCluster.inTempDir("--strict-reconfig-check");

  private final MemberHttp web = new MemberHttp(DEADLINE);

  @Test
  void changesThatCouldCostQuorumAreRefused() throws Exception {
    cluster.start("a", "b", "c");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    web.awaitJson(leader, "/v2/members", j -> namedCount(j) == 3);
    int[] ports = ClusterTestSupport.freePorts(3);

    // 3 started of 4, then 3 started of 5: a quorum either way
    String x = add(leader, ports[0], 201);
    add(leader, ports[1], 201);
    // 3 started of 6 is no quorum (4): refused before anything is proposed
    HttpResponse<String> refused = post(leader, ports[2]);
    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(refused.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    assertThat(JSON.readTree(web.send(leader, "GET", "/v2/members", null).body())
        .path("members")).hasSize(5);

    // removing started member a would leave 2 started of 4
    String a = idOf(leader, "a");
    HttpResponse<String> removeStarted = web.send(leader, "DELETE", "/v2/members/" + a, null);
    assertThat(removeStarted.statusCode()).isEqualTo(500);
    // removing the never-started x leaves 3 started of 4
    HttpResponse<String> removeX = web.send(leader, "DELETE", "/v2/members/" + x, null);
    assertThat(removeX.statusCode()).isEqualTo(204);
  }

  private String add(EmbeddedEtcd leader, int port, int status) throws Exception {
    HttpResponse<String> r = post(leader, port);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body()).path("id").asText();
  }

  private HttpResponse<String> post(EmbeddedEtcd leader, int port) throws Exception {
    return web.sendJson(
        leader, "POST", "/v2/members", "{\"peerURLs\":[\"http://127.0.0.1:" + port + "\"]}");
  }

  private String idOf(EmbeddedEtcd m, String name) throws Exception {
    JsonNode list = JSON.readTree(web.send(m, "GET", "/v2/members", null).body());
    for (JsonNode member : list.path("members")) {
      if (member.path("name").asText().equals(name)) {
        return member.path("id").asText();
      }
    }
    throw new AssertionError("no member " + name + " in " + list);
  }

  private static int namedCount(JsonNode list) {
    int n = 0;
    for (JsonNode m : list.path("members")) {
      n += m.path("name").asText("").isEmpty() ? 0 : 1;
    }
    return n;
  }
}
