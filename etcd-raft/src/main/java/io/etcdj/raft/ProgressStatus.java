package io.etcdj.raft;

import io.etcdj.raft.tracker.ProgressState;

/** A copy of the leader's view of one follower, for status output (RFT-019). */
public record ProgressStatus(long match, long next, ProgressState state) {}
