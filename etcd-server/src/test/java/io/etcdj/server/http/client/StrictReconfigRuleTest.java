package io.etcdj.server.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.Member;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quorum rules of {@code --strict-reconfig-check} (SPEC CLU-035) as a table: a member counts
 * as started once it has published its name.
 */
class StrictReconfigRuleTest {
  /**
   * @param started members with a name
   * @param unstarted members added but never started
   * @param canAdd whether one more member may be added
   * @param canRemoveStarted whether a started member may be removed
   * @param canRemoveUnstarted whether an unstarted member may be removed (if there is one)
   */
  record Row(
      int started, int unstarted, boolean canAdd, boolean canRemoveStarted,
      boolean canRemoveUnstarted) {}

  static List<Row> rows() {
    return List.of(
        // one started of two after the add: allowed, the way to replace a lost member
        new Row(1, 0, true, false, false),
        new Row(1, 1, false, false, true),
        new Row(2, 0, true, true, false),
        new Row(3, 0, true, true, false),
        new Row(3, 1, true, true, true),
        new Row(3, 2, false, false, true),
        new Row(2, 1, false, false, true),
        new Row(2, 2, false, false, true),
        new Row(5, 0, true, true, false));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void startedMembersMustStayAQuorum(Row row) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < row.started(); i++) {
      members.add(new Member(i + 1, "m" + i, List.of("http://s" + i + ":2380"), List.of()));
    }
    for (int i = 0; i < row.unstarted(); i++) {
      members.add(new Member(100 + i, "", List.of("http://u" + i + ":2380"), List.of()));
    }
    assertThat(MembersHandler.readyToAddMember(members)).isEqualTo(row.canAdd());
    assertThat(MembersHandler.readyToRemoveMember(members, 1)).isEqualTo(row.canRemoveStarted());
    if (row.unstarted() > 0) {
      assertThat(MembersHandler.readyToRemoveMember(members, 100))
          .isEqualTo(row.canRemoveUnstarted());
    }
  }
}
