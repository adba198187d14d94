package io.etcdj.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v2/auth} end to end on one member (SPEC OTH-060..077): statuses, messages and bodies byte
 * for byte as etcd 2.3 answers them (each expected string was checked against a reference etcd run
 * with the same requests).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthApiTest {
  static final String ROOT_ROLE =
      "{\"role\":\"root\",\"permissions\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}";
  static final String GUEST_ROLE =
      "{\"role\":\"guest\",\"permissions\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}";
  static final String NO_CREDENTIALS = "{\"message\":\"Insufficient credentials\"}";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;
  private EmbeddedEtcd member;

  @BeforeEach
  void start() {
    member = LoopbackMember.start("auth", dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    member.close();
  }

  /** One request; {@code user} is {@code name:password} or null, {@code body} null for none. */
  static HttpResponse<String> send(
      EmbeddedEtcd m, String method, String path, String user, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(m.clientUrl() + path)).timeout(Duration.ofSeconds(15));
    if (user != null) {
      b.header("Authorization", basic(user));
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      String type =
          path.startsWith("/v2/keys") ? "application/x-www-form-urlencoded" : "application/json";
      b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(String method, String path, String user, String body)
      throws Exception {
    return send(member, method, path, user, body);
  }

  private void expect(
      String method, String path, String user, String body, int status, String answer)
      throws Exception {
    HttpResponse<String> r = send(method, path, user, body);
    assertThat(r.statusCode()).as("%s %s status (%s)", method, path, r.body()).isEqualTo(status);
    assertThat(r.body()).as("%s %s body", method, path).isEqualTo(answer);
  }

  /** OTH-064..066, OTH-077: the flag, the root user it needs, and root credentials after. */
  @Test
  void enableNeedsARootUserThenRootCredentials() throws Exception {
    expect("GET", "/v2/auth/enable", null, null, 200, "{\"enabled\":false}\n");
    expect(
        "DELETE", "/v2/auth/enable", null, null, 409, "{\"message\":\"auth: already disabled\"}");
    expect(
        "PUT",
        "/v2/auth/enable",
        null,
        null,
        409,
        "{\"message\":\"auth: No root user available, please create one\"}");
    expect(
        "PUT",
        "/v2/auth/users/root",
        null,
        "{\"user\":\"root\",\"password\":\"rootpw\"}",
        201,
        "{\"user\":\"root\",\"roles\":[\"root\"]}\n");

    HttpResponse<String> enabled = send("PUT", "/v2/auth/enable", null, null);
    assertThat(enabled.statusCode()).isEqualTo(200);
    assertThat(enabled.body()).isEmpty();
    assertThat(enabled.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(enabled.headers().firstValue("X-Etcd-Cluster-Id")).isPresent();

    // OTH-064: reading the flag needs nothing; changing it needs root now.
    expect("GET", "/v2/auth/enable", null, null, 200, "{\"enabled\":true}\n");
    HttpResponse<String> denied = send("PUT", "/v2/auth/enable", null, null);
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.body()).isEqualTo(NO_CREDENTIALS);
    assertThat(denied.headers().firstValue("X-Etcd-Cluster-Id")).isEmpty();
    expect("PUT", "/v2/auth/enable", "root:wrong", null, 401, NO_CREDENTIALS);
    expect(
        "PUT",
        "/v2/auth/enable",
        "root:rootpw",
        null,
        409,
        "{\"message\":\"auth: already enabled\"}");

    // OTH-065: enabling created the guest role; OTH-074: root is always listed.
    expect("GET", "/v2/auth/roles", null, null, 401, NO_CREDENTIALS);
    expect(
        "GET",
        "/v2/auth/roles",
        "root:rootpw",
        null,
        200,
        "{\"roles\":[" + GUEST_ROLE + "," + ROOT_ROLE + "]}\n");
    // OTH-073: root cannot go while auth is on.
    expect(
        "DELETE",
        "/v2/auth/users/root",
        "root:rootpw",
        null,
        403,
        "{\"message\":\"auth: Cannot delete root user while auth is enabled.\"}");

    expect("DELETE", "/v2/auth/enable", null, null, 401, NO_CREDENTIALS);
    expect("DELETE", "/v2/auth/enable", "root:rootpw", null, 200, "");
    expect("GET", "/v2/auth/enable", null, null, 200, "{\"enabled\":false}\n");
    // OTH-077: with auth off everything is open again.
    expect("DELETE", "/v2/auth/users/root", null, null, 200, "");
  }

  /** OTH-060: methods, paths with more segments, and the mux's 404 around the five patterns. */
  @Test
  void pathsAndMethodsAnswerAsEtcdsMux() throws Exception {
    HttpResponse<String> head = send("HEAD", "/v2/auth/enable", null, null);
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.headers().firstValue("Allow")).hasValue("GET,PUT,DELETE");
    HttpResponse<String> post = send("POST", "/v2/auth/users", null, "{}");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    expect("GET", "/v2/auth/users/a/b", null, null, 400, "{\"message\":\"Invalid path\"}");
    expect("GET", "/v2/auth", null, null, 404, "404 page not found\n");
    expect("GET", "/v2/auth/enable/x", null, null, 404, "404 page not found\n");
    expect("GET", "/v2/auth/users/", null, null, 200, "{\"users\":null}\n");
    expect("GET", "/v2/auth/roles/", null, null, 200, "{\"roles\":[" + ROOT_ROLE + "]}\n");
  }

  /** OTH-067..073: users, with etcd's statuses (200 vs 201) and messages. */
  @Test
  void usersAreCreatedUpdatedAndDeletedAsInEtcd() throws Exception {
    String url = "/v2/auth/users/alice";
    expect("PUT", url, null, "nope", 400, "{\"message\":\"Invalid JSON in request body.\"}");
    expect(
        "PUT",
        url,
        null,
        "{\"user\":\"bob\"}",
        400,
        "{\"message\":\"User JSON name does not match the name in the URL\"}");
    expect(
        "PUT",
        url,
        null,
        "{\"user\":\"alice\"}",
        400,
        "{\"message\":\"auth: Cannot create user alice with an empty password\"}");
    expect(
        "PUT",
        url,
        null,
        "{\"user\":\"alice\",\"password\":\"pw\"}",
        201,
        "{\"user\":\"alice\",\"roles\":null}\n");
    expect("GET", url, null, null, 200, "{\"user\":\"alice\"}\n");
    // OTH-071: etcd turns a null role list into [] on the first update, then finds no change.
    expect("PUT", url, null, "{\"user\":\"alice\"}", 200, "{\"user\":\"alice\",\"roles\":[]}\n");
    expect(
        "PUT",
        url,
        null,
        "{\"user\":\"alice\"}",
        400,
        "{\"message\":\"auth: User not updated. Use grant/revoke/password to update the user.\"}");
    // OTH-070: a create with roles answers 200 and keeps the roles as sent; a second is a 409.
    String bob = "{\"user\":\"bob\",\"password\":\"pw\",\"roles\":[\"b\",\"a\"]}";
    expect(
        "PUT",
        "/v2/auth/users/bob",
        null,
        bob,
        200,
        "{\"user\":\"bob\",\"roles\":[\"b\",\"a\"]}\n");
    expect(
        "PUT",
        "/v2/auth/users/bob",
        null,
        bob,
        409,
        "{\"message\":\"auth: User bob already exists.\"}");
    // OTH-071: grant and revoke.
    expect(
        "PUT",
        "/v2/auth/users/bob",
        null,
        "{\"user\":\"bob\",\"roles\":[\"x\"],\"grant\":[\"c\"]}",
        400,
        "{\"message\":\"User JSON contains both roles and grant/revoke\"}");
    expect(
        "PUT",
        "/v2/auth/users/bob",
        null,
        "{\"user\":\"bob\",\"grant\":[\"a\"]}",
        409,
        "{\"message\":\"auth: Granting duplicate role a for user bob\"}");
    expect(
        "PUT",
        "/v2/auth/users/bob",
        null,
        "{\"user\":\"bob\",\"revoke\":[\"zz\"]}",
        409,
        "{\"message\":\"auth: Revoking ungranted role zz for user bob\"}");
    expect(
        "PUT",
        "/v2/auth/users/bob",
        null,
        "{\"user\":\"bob\",\"grant\":[\"c\"],\"revoke\":[\"a\"]}",
        200,
        "{\"user\":\"bob\",\"roles\":[\"b\",\"c\"]}\n");
    expect(
        "PUT",
        "/v2/auth/users/nobody",
        null,
        "{\"user\":\"nobody\",\"grant\":[\"c\"]}",
        404,
        "{\"message\":\"auth: User nobody does not exist.\"}");
    // OTH-068: a role the user names that does not exist is a 404 on GET; OTH-067 skips it.
    expect(
        "GET",
        "/v2/auth/users/bob",
        null,
        null,
        404,
        "{\"message\":\"auth: Role b does not exist.\"}");
    expect(
        "PUT",
        "/v2/auth/roles/c",
        null,
        "{\"role\":\"c\"}",
        201,
        "{\"role\":\"c\",\"permissions\":{\"kv\":{\"read\":null,\"write\":null}}}\n");
    expect(
        "GET",
        "/v2/auth/users",
        null,
        null,
        200,
        "{\"users\":[{\"user\":\"alice\"},{\"user\":\"bob\",\"roles\":[{\"role\":\"c\","
            + "\"permissions\":{\"kv\":{\"read\":null,\"write\":null}}}]}]}\n");
    // OTH-073.
    expect("DELETE", url, null, null, 200, "");
    expect("DELETE", url, null, null, 404, "{\"message\":\"auth: User alice does not exist\"}");
    expect("GET", url, null, null, 404, "{\"message\":\"auth: User alice does not exist.\"}");
  }

  /** OTH-074..076: roles, grant/revoke of permissions, and the synthetic root role. */
  @Test
  void rolesAreCreatedUpdatedAndDeletedAsInEtcd() throws Exception {
    String url = "/v2/auth/roles/rw";
    String created =
        "{\"role\":\"rw\",\"permissions\":{\"kv\":{\"read\":[\"/app/*\",\"/b\"],\"write\":[\"/app/*\"]}}}";
    expect("PUT", url, null, created, 201, created + "\n");
    expect("PUT", url, null, created, 409, "{\"message\":\"auth: Role rw already exists.\"}");
    expect(
        "PUT",
        url,
        null,
        "{\"role\":\"x\"}",
        400,
        "{\"message\":\"Role JSON name does not match the name in the URL\"}");
    expect(
        "PUT",
        url,
        null,
        "{\"role\":\"rw\",\"permissions\":{\"kv\":{\"read\":[\"/x\"]}},\"grant\":{\"kv\":{\"read\":[\"/b\"]}}}",
        400,
        "{\"message\":\"Role JSON contains both permissions and grant/revoke\"}");
    expect(
        "PUT",
        url,
        null,
        "{\"role\":\"rw\",\"grant\":{\"kv\":{\"read\":[\"/b\"]}}}",
        409,
        "{\"message\":\"auth: Granting duplicate read permission /b\"}");
    expect(
        "PUT",
        url,
        null,
        "{\"role\":\"rw\",\"grant\":{\"kv\":{\"read\":[\"/z\",\"/c\"]}},\"revoke\":{\"kv\":{\"write\":[\"/nope\"]}}}",
        200,
        "{\"role\":\"rw\",\"permissions\":{\"kv\":{\"read\":[\"/app/*\",\"/b\",\"/c\",\"/z\"],"
            + "\"write\":[\"/app/*\"]}}}\n");
    expect(
        "PUT",
        url,
        null,
        "{\"role\":\"rw\",\"revoke\":{\"kv\":{\"write\":[\"/nope\"]}}}",
        400,
        "{\"message\":\"auth: Role not updated. Use grant/revoke to update the role.\"}");
    expect(
        "PUT",
        "/v2/auth/roles/none",
        null,
        "{\"role\":\"none\",\"grant\":{\"kv\":{\"read\":[\"/b\"]}}}",
        404,
        "{\"message\":\"auth: Role none does not exist.\"}");
    String rootRefused = "{\"message\":\"auth: Cannot modify role root: is root role.\"}";
    expect("PUT", "/v2/auth/roles/root", null, "{\"role\":\"root\"}", 403, rootRefused);
    expect("DELETE", "/v2/auth/roles/root", null, null, 403, rootRefused);
    expect("GET", "/v2/auth/roles/root", null, null, 200, ROOT_ROLE + "\n");
    expect(
        "GET",
        "/v2/auth/roles/none",
        null,
        null,
        404,
        "{\"message\":\"auth: Role none does not exist.\"}");
    expect("DELETE", url, null, null, 200, "");
    expect("DELETE", url, null, null, 404, "{\"message\":\"auth: Role rw doesn't exist.\"}");
  }

  /**
   * OTH-062: the state is ordinary v2 writes through raft: the first auth write creates {@code /2},
   * {@code /2/users/}, {@code /2/roles/} and {@code /2/enabled} before the user, so the next key
   * takes etcd index 4 + 5 on a fresh member, as on etcd.
   */
  @Test
  void authWritesTakeEtcdIndexesAsEtcdDoes() throws Exception {
    send("PUT", "/v2/auth/users/u", null, "{\"user\":\"u\",\"password\":\"p\"}");
    HttpResponse<String> key = send("PUT", "/v2/keys/k", null, "value=1");
    assertThat(key.headers().firstValue("X-Etcd-Index")).hasValue("9");
    // Later auth writes skip the directories: one index each.
    send("PUT", "/v2/auth/roles/r", null, "{\"role\":\"r\"}");
    HttpResponse<String> next = send("PUT", "/v2/keys/k", null, "value=2");
    assertThat(next.headers().firstValue("X-Etcd-Index")).hasValue("11");
  }
}
