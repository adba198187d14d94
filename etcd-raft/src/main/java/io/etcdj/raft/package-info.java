/**
 * Raft consensus as a pure state machine, shaped like etcd's {@code raft} package.
 *
 * <p>The application owns a {@link io.etcdj.raft.RawNode} on one thread: it ticks it, steps
 * peer messages into it, proposes data and membership changes, and handles each {@link
 * io.etcdj.raft.Ready} in order (persist, send, apply, {@code advance}). The node never starts
 * threads, reads clocks or does I/O; its only randomness is seeded by {@link
 * io.etcdj.raft.RaftConfig#randomSeed()}. {@link io.etcdj.raft.Storage} is the read-only view of
 * the persisted log; {@link io.etcdj.raft.MemoryStorage} is the implementation the application
 * fills from its WAL.
 *
 * <p>Wire and storage types are the generated {@code io.etcdj.raft.raftpb} protobuf classes,
 * field for field as etcd's raftpb (SPEC PER-060..066). Internals: {@code tracker} (follower
 * progress) and {@code quorum} (majority arithmetic).
 */
package io.etcdj.raft;
