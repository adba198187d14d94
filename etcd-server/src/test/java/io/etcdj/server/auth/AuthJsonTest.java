package io.etcdj.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * User and role JSON as Go's encoding/json reads and writes etcd's structs (SPEC OTH-062,
 * OTH-067..075); expected strings come from etcd 2.3 (reference runs).
 */
class AuthJsonTest {
  /** OTH-069: names match case-insensitively; unknown fields are ignored; null leaves nil. */
  @Test
  void userBodyIsReadAsGoReadsIt() throws Exception {
    User u =
        AuthJson.parseUser(
            "{\"USER\":\"bob\",\"Password\":\"pw\",\"roles\":null,\"grant\":[\"a\"],\"x\":1}"
                .getBytes(UTF_8));
    assertThat(u).isEqualTo(new User("bob", "pw", null, List.of("a"), null));
  }

  /** OTH-069: only the first JSON value counts; a JSON null is an empty user. */
  @Test
  void trailingDataAndNullBodiesAreAccepted() throws Exception {
    assertThat(AuthJson.parseUser("{\"user\":\"a\"} trailing".getBytes(UTF_8)).name())
        .isEqualTo("a");
    assertThat(AuthJson.parseUser("null".getBytes(UTF_8)).name()).isEmpty();
  }

  /** OTH-069: what Go refuses: not JSON, wrong types, another top-level type, nothing. */
  @ParameterizedTest
  @ValueSource(
      strings = {"nope", "", "[1]", "{\"user\":5}", "{\"roles\":\"x\"}", "{\"roles\":[1]}", "{"})
  void invalidUserBodiesAreRefused(String body) {
    assertThatThrownBy(() -> AuthJson.parseUser(body.getBytes(UTF_8)))
        .isInstanceOf(AuthJson.InvalidJsonException.class);
  }

  /** OTH-075: a grant object allocates the pointer even when empty; null leaves it absent. */
  @Test
  void roleBodyKeepsGrantPointersApartFromNull() throws Exception {
    Role r =
        AuthJson.parseRole(
            "{\"role\":\"r\",\"Permissions\":{\"KV\":{\"Read\":[\"/x\"]}},\"grant\":{},\"revoke\":null}"
                .getBytes(UTF_8));
    assertThat(r.permissions()).isEqualTo(new Permissions(List.of("/x"), null));
    assertThat(r.grant()).isEqualTo(Permissions.NONE);
    assertThat(r.revoke()).isNull();
    assertThat(AuthJson.role(r))
        .isEqualTo(
            "{\"role\":\"r\",\"permissions\":{\"kv\":{\"read\":[\"/x\"],\"write\":null}},"
                + "\"grant\":{\"kv\":{\"read\":null,\"write\":null}}}");
  }

  /** OTH-062, OTH-072: stored users carry the hash; answers omit an empty password. */
  @Test
  void userOutputOmitsAnEmptyPasswordAndKeepsNullRoles() {
    assertThat(AuthJson.user(new User("u", "$2a$10$h", List.of("a"))))
        .isEqualTo("{\"user\":\"u\",\"password\":\"$2a$10$h\",\"roles\":[\"a\"]}");
    assertThat(AuthJson.user(new User("u", "", null))).isEqualTo("{\"user\":\"u\",\"roles\":null}");
  }

  /** OTH-067, OTH-068: roles omitted when there are none; Go's HTML escaping of strings. */
  @Test
  void userWithRolesEscapesAsGoDoes() {
    assertThat(AuthJson.userWithRoles("a<b>", List.of()))
        .isEqualTo("{\"user\":\"a\\u003cb\\u003e\"}");
    assertThat(AuthJson.userWithRoles("root", List.of(Role.ROOT_ROLE)))
        .isEqualTo(
            "{\"user\":\"root\",\"roles\":[{\"role\":\"root\",\"permissions\":"
                + "{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}}}]}");
  }
}
