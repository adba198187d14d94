package io.etcdj.raft;

/**
 * The volatile part of a node's state that the application may want to observe: the current
 * leader (0 when none) and this node's role. It is not persisted.
 */
public record SoftState(long lead, StateType raftState) {
  /**
   * The record's own equality, written out: {@link RawNode#ready()} compares soft states on
   * every Ready, and a record's generated {@code equals} is linked through invokedynamic on its
   * first call, which cost a fresh member's raft loop some 14 ms of method handle spinning just
   * before its first election.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SoftState s && s.lead == lead && s.raftState == raftState;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(lead) * 31 + raftState.hashCode();
  }
}
