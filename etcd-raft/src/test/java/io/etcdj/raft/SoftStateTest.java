package io.etcdj.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The written-out equality of {@link SoftState} is still the record's: both components. */
class SoftStateTest {
  @Test
  void equalWhenLeaderAndRoleAre() {
    SoftState s = new SoftState(7, StateType.LEADER);
    assertThat(s).isEqualTo(new SoftState(7, StateType.LEADER)).hasSameHashCodeAs(
        new SoftState(7, StateType.LEADER));
    assertThat(s)
        .isNotEqualTo(new SoftState(8, StateType.LEADER))
        .isNotEqualTo(new SoftState(7, StateType.FOLLOWER))
        .isNotEqualTo(null)
        .isNotEqualTo("SoftState[lead=7, raftState=LEADER]");
    assertThat(s).hasToString("SoftState[lead=7, raftState=LEADER]");
  }
}
