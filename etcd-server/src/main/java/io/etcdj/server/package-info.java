/**
 * One etcd member: {@link io.etcdj.server.EtcdMain} (the {@code etcd} command and its flags),
 * {@link io.etcdj.server.EmbeddedEtcd} (a member in-process) and {@link
 * io.etcdj.server.EtcdServer} (store, raft, WAL and snapshots behind {@code propose}). The client
 * port lives in {@code io.etcdj.server.http.client}, the peer port in {@code
 * io.etcdj.server.http.peer} and the peer transport in {@code io.etcdj.server.transport}.
 *
 * <h2>Threads (DESIGN "Threads and ownership")</h2>
 *
 * <ul>
 *   <li>Netty event loops parse requests and call {@link io.etcdj.server.EtcdServer#propose},
 *       which registers a future by request ID ({@code PendingRequests}) and queues the encoded
 *       request ({@code RequestCodec}, etcd's {@code etcdserverpb.Request}) for the raft loop.
 *   <li>{@code RaftLoop} (thread {@code etcd-raft}) owns the {@code RawNode}, raft's {@code
 *       MemoryStorage} writes and the {@code Wal} (through {@code RaftDisk}): it ticks, batches
 *       everything queued into one proposal, and for each {@code Ready} persists (one fsync) and
 *       sends through {@link
 *       io.etcdj.server.PeerSender} (a leader sends first), then applies, then advances. The same
 *       thread is the event loop of every peer connection, so peer messages reach raft, and
 *       raft's messages reach the sockets, without a hand-off.
 *   <li>{@code ApplyStep} is the only writer of the store: it applies entries in log order,
 *       completes the futures, and every {@code --snapshot-count} entries freezes the store in O(1)
 *       for {@code SnapshotSaver}. {@code ApplyScheduler} runs it on the raft loop itself when
 *       nothing else waits (one wake-up less per write), else on the thread {@code etcd-apply} so
 *       the next fsync starts at once; one batch at a time, in log order either way.
 *   <li>{@code SnapshotSaver} (thread {@code etcd-snapshot}) writes the JSON and the {@code .snap}
 *       file while writes go on, then asks the raft loop to mark it in the WAL and compact.
 *   <li>Timers ({@code etcd-timers}): the leader's SYNC every 500 ms, the purge every 30 s; request
 *       timeouts are swept every 100 ms ({@code etcd-request-timeout}).
 *   <li>{@code auth.Passwords} (daemon thread {@code etcd-bcrypt}, started on the first password
 *       check, gone after a minute idle): bcrypt checks, never on a network thread.
 * </ul>
 *
 * <p>Start-up and recovery: {@code DataDir} creates a new member's WAL or recovers the newest
 * usable snapshot and the WAL after it.
 */
package io.etcdj.server;
