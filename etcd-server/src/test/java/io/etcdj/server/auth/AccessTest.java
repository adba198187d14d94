package io.etcdj.server.auth;

import static io.etcdj.server.auth.AuthApiTest.NO_CREDENTIALS;
import static io.etcdj.server.auth.AuthApiTest.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authorization once auth is on (SPEC OTH-077..081): keys by role permissions and the guest role,
 * members writes by root only, the open endpoints, and auth state surviving a restart (it is in the
 * store, so in the WAL).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessTest {
  /** OTH-079: error 110, status 401, index 0, byte for byte as etcd writes it. */
  static final String KEY_DENIED =
      "{\"errorCode\":110,\"message\":\"The request requires user authentication\","
          + "\"cause\":\"Insufficient credentials\",\"index\":0}\n";

  @TempDir Path dir;
  private EmbeddedEtcd member;

  @BeforeEach
  void startWithAuthOn() throws Exception {
    member = LoopbackMember.start("access", dir.resolve("data"));
    enableAuth(member);
  }

  @AfterEach
  void stop() {
    member.close();
  }

  /**
   * Root, a read-only guest, and bob with role rw: read {@code /app/*} and {@code /b}, write {@code
   * /app/*}.
   */
  static void enableAuth(EmbeddedEtcd m) throws Exception {
    assertThat(
            status(
                m,
                "PUT",
                "/v2/auth/users/root",
                null,
                "{\"user\":\"root\",\"password\":\"rootpw\"}"))
        .isEqualTo(201);
    assertThat(status(m, "PUT", "/v2/auth/enable", null, null)).isEqualTo(200);
    assertThat(
            status(
                m,
                "PUT",
                "/v2/auth/roles/guest",
                "root:rootpw",
                "{\"role\":\"guest\",\"revoke\":{\"kv\":{\"write\":[\"/*\"]}}}"))
        .isEqualTo(200);
    String rw =
        "{\"role\":\"rw\",\"permissions\":{\"kv\":{\"read\":[\"/app/*\",\"/b\"],\"write\":[\"/app/*\"]}}}";
    assertThat(status(m, "PUT", "/v2/auth/roles/rw", "root:rootpw", rw)).isEqualTo(201);
    assertThat(
            status(
                m,
                "PUT",
                "/v2/auth/users/bob",
                "root:rootpw",
                "{\"user\":\"bob\",\"password\":\"pw\",\"roles\":[\"rw\"]}"))
        .isEqualTo(200);
  }

  private static int status(EmbeddedEtcd m, String method, String path, String user, String body)
      throws Exception {
    return send(m, method, path, user, body).statusCode();
  }

  private int status(String method, String path, String user) throws Exception {
    return status(member, method, path, user, method.equals("PUT") ? "value=1" : null);
  }

  /** OTH-079: a denied key request is error 110 with X-Etcd-Index 0, byte for byte. */
  @Test
  void deniedKeyRequestsAnswerError110() throws Exception {
    HttpResponse<String> r = send(member, "PUT", "/v2/keys/foo", null, "value=1");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEqualTo(KEY_DENIED);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("X-Etcd-Index")).hasValue("0");
    assertThat(r.headers().firstValue("X-Etcd-Cluster-Id")).isPresent();
    // A wrong password, an unknown user and a malformed header are denied, not guests.
    assertThat(send(member, "GET", "/v2/keys/foo", "bob:bad", null).body()).isEqualTo(KEY_DENIED);
    assertThat(status("GET", "/v2/keys/foo", "nobody:x")).isEqualTo(401);
    HttpResponse<String> malformed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(member.clientUrl() + "/v2/keys/foo"))
                    .header("Authorization", "Basic !!!")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(malformed.body()).isEqualTo(KEY_DENIED);
    // Without the header the read-only guest may read (the key is missing: 404).
    assertThat(status("GET", "/v2/keys/foo", null)).isEqualTo(404);
  }

  /** OTH-079: without credentials the guest role decides; without a guest role, nothing. */
  @Test
  void theGuestRoleServesRequestsWithoutCredentials() throws Exception {
    assertThat(status("PUT", "/v2/keys/foo", "root:rootpw")).isEqualTo(201);
    assertThat(status("GET", "/v2/keys/foo", null)).isEqualTo(200);
    assertThat(status("PUT", "/v2/keys/foo", null)).isEqualTo(401);
    assertThat(status(member, "DELETE", "/v2/auth/roles/guest", "root:rootpw", null))
        .isEqualTo(200);
    assertThat(status("GET", "/v2/keys/foo", null)).isEqualTo(401);
    assertThat(status("GET", "/v2/keys/foo", "root:rootpw")).isEqualTo(200);
  }

  /** OTH-080: prefix and exact patterns, and recursive requests needing a * pattern. */
  @Test
  void rolePermissionsMatchPrefixesAndRecursion() throws Exception {
    assertThat(status("PUT", "/v2/keys/app/x", "bob:pw")).isEqualTo(201);
    assertThat(status("PUT", "/v2/keys/other", "bob:pw")).isEqualTo(401);
    assertThat(status("GET", "/v2/keys/app/x", "bob:pw")).isEqualTo(200);
    assertThat(status("GET", "/v2/keys/app/", "bob:pw")).isEqualTo(200);
    assertThat(status("GET", "/v2/keys/b", "bob:pw")).isEqualTo(404);
    assertThat(status("GET", "/v2/keys/b/c", "bob:pw")).isEqualTo(401);
    // /app/* does not cover /app itself, nor a recursive read of it; it does cover /app/.
    assertThat(status("GET", "/v2/keys/app?recursive=true", "bob:pw")).isEqualTo(401);
    assertThat(status("GET", "/v2/keys/app/?recursive=true", "bob:pw")).isEqualTo(200);
    assertThat(status("GET", "/v2/keys/b?recursive=true", "bob:pw")).isEqualTo(401);
    // KEY-024: the path is matched as the request wrote it after /v2/keys, not as the store
    // cleans it: /app and /app/ name one directory, but only /app/ is under /app/*. Escapes are
    // decoded first (%2F is a separator, %70 a p), as the reference does.
    assertThat(status("PUT", "/v2/keys/app?dir=true", "bob:pw")).isEqualTo(401);
    assertThat(status("GET", "/v2/keys/app%2Fx", "bob:pw")).isEqualTo(200);
    assertThat(status("GET", "/v2/keys/ap%70/x", "bob:pw")).isEqualTo(200);
    assertThat(status("DELETE", "/v2/keys/app/?recursive=true", "bob:pw")).isEqualTo(200);
    // A user's roles do not fall back to the guest role.
    assertThat(status("GET", "/v2/keys/other", "bob:pw")).isEqualTo(401);
    // Root reads and writes everything (OTH-063).
    assertThat(status("GET", "/v2/keys/?recursive=true", "root:rootpw")).isEqualTo(200);
  }

  /** OTH-077: the auth API needs root, not just any valid user. */
  @Test
  void theAuthApiNeedsRoot() throws Exception {
    HttpResponse<String> r = send(member, "GET", "/v2/auth/users", "bob:pw", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEqualTo(NO_CREDENTIALS);
    assertThat(status(member, "GET", "/v2/auth/users", "root:rootpw", null)).isEqualTo(200);
    assertThat(status(member, "GET", "/v2/auth/enable", null, null)).isEqualTo(200);
  }

  /** OTH-081: members writes need root; reads and the stats/version/health/machines do not. */
  @Test
  void membersWritesNeedRootAndTheRestStaysOpen() throws Exception {
    String add = "{\"peerURLs\":[\"http://127.0.0.1:1\"]}";
    HttpResponse<String> denied = send(member, "POST", "/v2/members", null, add);
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.body()).isEqualTo(NO_CREDENTIALS);
    assertThat(denied.headers().firstValue("X-Etcd-Cluster-Id")).isEmpty();
    assertThat(status(member, "DELETE", "/v2/members/abc", "bob:pw", null)).isEqualTo(401);
    // With root the request reaches the members handler (an unknown ID is its own 404).
    assertThat(status(member, "DELETE", "/v2/members/abc", "root:rootpw", null)).isEqualTo(404);
    for (String open :
        new String[] {
          "/v2/members",
          "/v2/stats/self",
          "/v2/stats/store",
          "/v2/stats/leader",
          "/version",
          "/health",
          "/v2/machines"
        }) {
      assertThat(status(member, "GET", open, null, null)).as(open).isEqualTo(200);
    }
  }

  /** OTH-062: users, roles and the flag are in the store, so a restarted member keeps them. */
  @Test
  void authStateSurvivesARestart() throws Exception {
    member.close();
    member = LoopbackMember.start("access", dir.resolve("data"));
    HttpResponse<String> flag = send(member, "GET", "/v2/auth/enable", null, null);
    assertThat(flag.body()).isEqualTo("{\"enabled\":true}\n");
    assertThat(status("PUT", "/v2/keys/app/y", "bob:pw")).isEqualTo(201);
    assertThat(status("PUT", "/v2/keys/app/y", "bob:wrong")).isEqualTo(401);
    assertThat(status("PUT", "/v2/keys/app/y", null)).isEqualTo(401);
    assertThat(status(member, "GET", "/v2/auth/roles/rw", "root:rootpw", null)).isEqualTo(200);
  }

  /**
   * OTH-062: the {@code /2} tree is part of the store's snapshot, so a member restarting from a
   * snapshot taken after the auth writes (with only later entries in the WAL replay) keeps it.
   */
  @Test
  void authStateSurvivesARestartFromASnapshot() throws Exception {
    member.close();
    Path data = dir.resolve("snapshotted");
    member = LoopbackMember.start("access", data, "--snapshot-count", "5");
    enableAuth(member);
    for (int i = 0; i < 12; i++) {
      assertThat(status("PUT", "/v2/keys/app/k" + i, "bob:pw")).isEqualTo(201);
    }
    Path snapDir = data.resolve("member/snap");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (snapshots(snapDir) < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(snapshots(snapDir)).isGreaterThanOrEqualTo(2);
    member.close();

    member = LoopbackMember.start("access", data, "--snapshot-count", "5");
    assertThat(send(member, "GET", "/v2/auth/enable", null, null).body())
        .isEqualTo("{\"enabled\":true}\n");
    assertThat(status("GET", "/v2/keys/app/k0", "bob:pw")).isEqualTo(200);
    assertThat(status("PUT", "/v2/keys/app/k0", null)).isEqualTo(401);
    assertThat(status(member, "GET", "/v2/auth/users/bob", "root:rootpw", null)).isEqualTo(200);
  }

  private static long snapshots(Path snapDir) throws IOException {
    if (!Files.isDirectory(snapDir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(snapDir)) {
      return files.filter(p -> p.toString().endsWith(".snap")).count();
    }
  }
}
