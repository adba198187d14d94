/**
 * The client side of etcd 2.3's peer protocol ("rafthttp", SPEC section 7): how this member sends
 * raft messages to the other members and receives theirs.
 *
 * <h2>Connections</h2>
 *
 * Streams are pulled (PTR-020): to receive from peer P, member L dials {@code GET
 * /raft/stream/msgapp/<L hex>} and {@code GET /raft/stream/message/<L hex>} on P, and P writes the
 * messages it has for L on those responses ({@link io.etcdj.server.transport.StreamReader}).
 * Conversely, L writes its messages for P on the responses to P's GETs, which the peer server
 * attaches here ({@link io.etcdj.server.transport.Transport#attachStream}). A failed or lost dial
 * is retried every 100 ms; a peer's URLs are tried in turn (PTR-027). A stream idle for 5 s is
 * dropped; link heartbeats every 5 s / 3 prevent that (PTR-024).
 *
 * <p>Routing of one message (PTR-021): MsgSnap always by pipeline ({@code POST /raft}, one protobuf
 * Message as the whole body, answered 204); MsgApp on the msgapp stream if attached; otherwise the
 * message stream if attached; otherwise the pipeline, whose POSTs reuse up to 4 keep-alive
 * connections. Queues are bounded (4096 per stream, 64 for the pipeline with 4 requests in flight,
 * PTR-025); a full queue drops the message and reports the peer unreachable to raft, which
 * tolerates loss.
 *
 * <p>Every 4 s each peer's {@code /raft/probing} is fetched to measure the round trip and warn when
 * its clock is more than 1 s away from ours (PTR-003).
 *
 * <h2>Headers (PTR-010, PTR-011)</h2>
 *
 * Every request carries {@code X-Server-From: <local id hex>}, {@code X-Server-Version: 2.3.8},
 * {@code X-Min-Cluster-Version: 2.2.0}, {@code X-Etcd-Cluster-ID: <cluster id hex>} and {@code
 * X-PeerURLs}; stream GETs also carry {@code X-Raft-To: <peer id hex>}; pipeline POSTs carry {@code
 * Content-Type: application/protobuf}. IDs are lowercase hex without leading zeros. On the wire the
 * names are spelled as Go canonicalizes them ({@code X-Etcd-Cluster-Id}, {@code X-Peerurls});
 * receivers ignore case.
 *
 * <h2>{@code message} stream framing (PTR-022)</h2>
 *
 * <pre>
 * frame   = length:uint64be message:bytes[length]     ; protobuf raftpb.Message
 * </pre>
 *
 * A length above 512 MiB is an error ({@code rafthttp: error limit exceeded}). The link heartbeat
 * is an ordinary frame holding MsgHeartbeat with from = to = 0, dropped by the receiver.
 *
 * <h2>{@code msgapp} (v2) stream framing (PTR-023)</h2>
 *
 * <pre>
 * frame     = 0x00                                         ; link heartbeat
 *           | 0x01 count:uint64be (size:uint64be entry:bytes[size]){count} commit:uint64be
 *           | 0x02 size:uint64be message:bytes[size]       ; whole raftpb.Message
 * </pre>
 *
 * Both ends remember a term and an index, starting at 0 on every new connection. After a type 2
 * frame they become the message's Term and its last entry's Index (or its Index when it has no
 * entries). A MsgApp whose Index equals the remembered index and whose LogTerm equals both the
 * remembered term and its own Term is sent as type 1; the receiver rebuilds MsgApp{from = peer, to
 * = local, term = logTerm = remembered term, index = remembered index, entries, commit} and both
 * ends add the entry count to the remembered index. All integers are big-endian.
 *
 * <p>Thread-safety: {@link io.etcdj.server.transport.Transport#send} may be called from any thread
 * and never blocks; received messages are passed to {@link io.etcdj.server.transport.RaftHandler}
 * on Netty event loops, which must only enqueue them.
 */
package io.etcdj.server.transport;
