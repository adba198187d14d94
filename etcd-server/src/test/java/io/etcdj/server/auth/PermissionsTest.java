package io.etcdj.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Key permission matching (SPEC OTH-080) and role grant/revoke (OTH-075). */
class PermissionsTest {
  private static final Role APP =
      new Role("app", new Permissions(List.of("/app/*", "/exact"), List.of("/app/w*")));

  record Row(String key, boolean recursive, boolean write, boolean allowed) {}

  static Stream<Row> rows() {
    return Stream.of(
        // A pattern ending in * is a prefix match on the rest (OTH-080).
        new Row("/app/x", false, false, true),
        new Row("/app/", false, false, true),
        new Row("/app/deep/er", false, false, true),
        new Row("/app", false, false, false),
        new Row("/apple", false, false, false),
        // Any other pattern matches only the key itself.
        new Row("/exact", false, false, true),
        new Row("/exact/child", false, false, false),
        // Recursive requests count only * patterns.
        new Row("/exact", true, false, false),
        new Row("/app/", true, false, true),
        new Row("/app", true, false, false),
        // Writes use the write list.
        new Row("/app/x", false, true, false),
        new Row("/app/w1", false, true, true),
        new Row("/app/w1", true, true, true));
  }

  /** OTH-080: {@code /app/*} allows {@code /app/x} and {@code /app/} but not {@code /app}. */
  @ParameterizedTest
  @MethodSource("rows")
  void patternsMatchAsEtcdDoes(Row row) {
    boolean allowed =
        row.recursive()
            ? APP.allowsRecursive(row.key(), row.write())
            : APP.allows(row.key(), row.write());
    assertThat(allowed).as("%s", row).isEqualTo(row.allowed());
  }

  /** OTH-063, OTH-080: role root matches everything, whatever its lists. */
  @Test
  void rootRoleAllowsEveryKey() {
    Role root = new Role(Role.ROOT, Permissions.NONE);
    assertThat(root.allows("/anything", true)).isTrue();
    assertThat(root.allowsRecursive("", true)).isTrue();
  }

  /** OTH-075: a grant adds and sorts; both lists come out non-null. */
  @Test
  void grantSortsAndFillsBothLists() throws Exception {
    Role merged =
        new Role("r", new Permissions(List.of("/b"), null))
            .merge(new Role("r", null, new Permissions(List.of("/a"), null), null));
    assertThat(merged.permissions()).isEqualTo(new Permissions(List.of("/a", "/b"), List.of()));
    assertThat(merged.grant()).isNull();
  }

  /** OTH-075: granting a pattern the role has is a 409 with etcd's message. */
  @Test
  void duplicateGrantIsAConflict() {
    Role role = new Role("r", new Permissions(List.of("/a"), List.of("/w")));
    assertThatThrownBy(
            () -> role.merge(new Role("r", null, new Permissions(null, List.of("/w")), null)))
        .isInstanceOf(AuthException.class)
        .hasMessage("auth: Granting duplicate write permission /w")
        .extracting(e -> ((AuthException) e).status())
        .isEqualTo(409);
  }

  /** OTH-075: revoking a pattern the role lacks is ignored; the merge equals nothing changed. */
  @Test
  void revokingAnUngrantedPatternChangesNothing() throws Exception {
    Role role = new Role("r", new Permissions(List.of("/a"), List.of()));
    Role merged = role.merge(new Role("r", null, null, new Permissions(List.of("/zz"), null)));
    assertThat(merged).isEqualTo(role);
  }

  /** OTH-075: null and empty lists differ, so a first revoke of nothing still updates. */
  @Test
  void nullListsDifferFromEmptyOnes() throws Exception {
    Role role = new Role("r", Permissions.NONE);
    Role merged = role.merge(new Role("r", null, null, new Permissions(List.of("/zz"), null)));
    assertThat(merged).isNotEqualTo(role);
    assertThat(merged.permissions()).isEqualTo(new Permissions(List.of(), List.of()));
  }
}
