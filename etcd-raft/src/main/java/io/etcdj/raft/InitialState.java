package io.etcdj.raft;

import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.HardState;
import java.util.Objects;

/**
 * What a restarting node reads from its storage before anything else: the last persisted
 * {@link HardState} and the configuration it had at the last snapshot.
 */
public record InitialState(HardState hardState, ConfState confState) {
  public InitialState {
    Objects.requireNonNull(hardState, "hardState");
    Objects.requireNonNull(confState, "confState");
  }
}
