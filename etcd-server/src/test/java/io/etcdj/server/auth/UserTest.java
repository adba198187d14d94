package io.etcdj.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** User merges (SPEC OTH-071) and the root user's role (OTH-063). */
class UserTest {
  /** OTH-071: grants then revokes, roles sorted, the password hash kept when none is given. */
  @Test
  void mergeGrantsRevokesAndSorts() throws Exception {
    User old = new User("u", "hash", List.of("b", "a"));
    User merged = old.merge(new User("u", "", null, List.of("c"), List.of("a")), null);
    assertThat(merged).isEqualTo(new User("u", "hash", List.of("b", "c")));
  }

  /** OTH-071: etcd's two conflicts, with its messages. */
  @Test
  void duplicateGrantAndUngrantedRevokeAreConflicts() {
    User old = new User("u", "hash", List.of("a"));
    assertThatThrownBy(() -> old.merge(new User("u", "", null, List.of("a"), null), null))
        .hasMessage("auth: Granting duplicate role a for user u");
    assertThatThrownBy(() -> old.merge(new User("u", "", null, null, List.of("z")), null))
        .hasMessage("auth: Revoking ungranted role z for user u");
  }

  /** OTH-071: "not updated" is equality, and a null role list differs from an empty one. */
  @Test
  void mergeWithoutChangesEqualsTheOldUserOnlyWhenRolesWereAList() throws Exception {
    User listed = new User("u", "hash", List.of());
    assertThat(listed.merge(new User("u", "", null), null)).isEqualTo(listed);
    User unlisted = new User("u", "hash", null);
    assertThat(unlisted.merge(new User("u", "", null), null)).isNotEqualTo(unlisted);
  }

  /** OTH-063: user root always has role root, appended; other users are left alone. */
  @Test
  void rootUserAlwaysHasTheRootRole() {
    assertThat(new User("root", "", null).withRootRole().roles()).containsExactly("root");
    assertThat(new User("root", "", List.of("b")).withRootRole().roles())
        .containsExactly("b", "root");
    assertThat(new User("bob", "", null).withRootRole().roles()).isNull();
  }
}
