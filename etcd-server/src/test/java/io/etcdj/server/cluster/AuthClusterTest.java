package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * v2 auth on a three-member cluster (SPEC OTH-062, OTH-078, OTH-079): users, roles and the flag are
 * ordinary replicated v2 writes, so a user created through one member authenticates on every other,
 * and auth turned on through one member guards the keys of all.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AuthClusterTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @RegisterExtension final LoopbackCluster cluster = LoopbackCluster.inTempDir();

  private final MemberHttp web = new MemberHttp(DEADLINE);

  @Test
  void aUserCreatedOnOneMemberAuthenticatesOnAnother() throws Exception {
    cluster.start("a", "b", "c");
    EmbeddedEtcd leader = cluster.awaitLeader(DEADLINE);
    EmbeddedEtcd first = cluster.follower(leader);
    EmbeddedEtcd other =
        cluster.running().stream().filter(m -> m != leader && m != first).findFirst().orElseThrow();

    // Everything is written through a follower, which forwards its proposals to the leader.
    assertThat(
            send(first, "PUT", "/v2/auth/users/root", null, user("root", "rootpw", ""))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            send(
                    first,
                    "PUT",
                    "/v2/auth/roles/app",
                    null,
                    "{\"role\":\"app\",\"permissions\":{\"kv\":{\"read\":[\"/app/*\"],"
                        + "\"write\":[\"/app/*\"]}}}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            send(
                    first,
                    "PUT",
                    "/v2/auth/users/bob",
                    null,
                    user("bob", "pw", ",\"roles\":[\"app\"]"))
                .statusCode())
        .isEqualTo(200);
    assertThat(send(first, "PUT", "/v2/auth/enable", null, null).statusCode()).isEqualTo(200);
    assertThat(
            send(
                    first,
                    "PUT",
                    "/v2/auth/roles/guest",
                    "root:rootpw",
                    "{\"role\":\"guest\",\"revoke\":{\"kv\":{\"write\":[\"/*\"]}}}")
                .statusCode())
        .isEqualTo(200);

    // The other member's local store catches up; then it checks bob's bcrypt hash itself.
    awaitBody(other, "/v2/auth/roles/guest", "root:rootpw", "\"write\":[]");
    assertThat(send(other, "PUT", "/v2/keys/app/x", null, "value=1").statusCode()).isEqualTo(401);
    assertThat(send(other, "PUT", "/v2/keys/app/x", "bob:pw", "value=1").statusCode())
        .isEqualTo(201);
    assertThat(send(other, "PUT", "/v2/keys/app/x", "bob:wrong", "value=1").statusCode())
        .isEqualTo(401);
    assertThat(send(other, "PUT", "/v2/keys/elsewhere", "bob:pw", "value=1").statusCode())
        .isEqualTo(401);
    assertThat(send(leader, "GET", "/v2/auth/users/bob", "root:rootpw", null).body())
        .isEqualTo(
            "{\"user\":\"bob\",\"roles\":[{\"role\":\"app\",\"permissions\":{\"kv\":"
                + "{\"read\":[\"/app/*\"],\"write\":[\"/app/*\"]}}}]}\n");
    web.awaitValue(leader, "/app/x", "1");
  }

  private static String user(String name, String password, String more) {
    return "{\"user\":\"" + name + "\",\"password\":\"" + password + "\"" + more + "}";
  }

  /** One request with optional Basic credentials; JSON body for auth, a form for keys. */
  private HttpResponse<String> send(
      EmbeddedEtcd m, String method, String path, String credentials, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(m.clientUrl() + path)).timeout(Duration.ofSeconds(15));
    if (credentials != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      String type =
          path.startsWith("/v2/keys") ? "application/x-www-form-urlencoded" : "application/json";
      b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return web.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Polls a GET with credentials until its body contains {@code part}: the member's local store may
   * lag the leader's a moment, and until it has the flag and root, the answer differs.
   */
  private void awaitBody(EmbeddedEtcd m, String path, String credentials, String part)
      throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      HttpResponse<String> r = send(m, "GET", path, credentials, null);
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200 && r.body().contains(part)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("GET " + path + " on " + m.clientUrl() + " last " + last);
  }
}
