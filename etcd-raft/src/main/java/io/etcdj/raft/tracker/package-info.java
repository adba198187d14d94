/**
 * The leader's bookkeeping of its followers: configuration, per-follower {@link
 * io.etcdj.raft.tracker.Progress} with its probe / replicate / snapshot states, the inflight
 * window, and the votes of the current election. Internal to the raft state machine.
 */
package io.etcdj.raft.tracker;
