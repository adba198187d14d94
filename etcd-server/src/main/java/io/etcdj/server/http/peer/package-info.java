/**
 * The peer port ({@code --listen-peer-urls}, default http://localhost:2380), as etcd 2.3 serves it
 * (SPEC section 7.1, 7.2).
 *
 * <h2>Routes</h2>
 *
 * <ul>
 *   <li>{@code POST /raft}: body = one protobuf raftpb.Message, no length prefix; 204 on success.
 *       Other methods: 405 {@code Allow: POST}.
 *   <li>{@code GET /raft/stream/msgapp/<sender hex>} and {@code GET /raft/stream/message/<sender
 *       hex>}: 200 with chunked transfer encoding, then frames (see {@link
 *       io.etcdj.server.transport}) for as long as the connection lives. Other methods: 405 {@code
 *       Allow: GET}.
 *   <li>{@code /raft/probing} (any method): 200 {@code {"OK":true,"Now":"<RFC3339Nano>"}\n}.
 *   <li>{@code GET /members}: 200 JSON array of members sorted by ID, with {@code
 *       X-Etcd-Cluster-Id}.
 *   <li>{@code GET /version}: as on the client port.
 *   <li>anything else: 404 {@code 404 page not found\n}.
 * </ul>
 *
 * <h2>Admission (PTR-012..014)</h2>
 *
 * In this order. Versions: missing {@code X-Server-Version} / {@code X-Min-Cluster-Version} count
 * as 2.0.0; the request is refused with 412 {@code incompatible version\n} when the remote's
 * major.minor is below our minimum cluster version or its minimum is above our version. Cluster:
 * {@code X-Etcd-Cluster-ID} must equal ours, else 412 {@code cluster ID mismatch\n}. Pipeline then:
 * unreadable body 400 {@code error reading raft message\n}, bad protobuf 400 {@code error
 * unmarshalling raft message\n}, sender removed 403 {@code {"message":"cannot process message from
 * removed member"}}, processing failure 500. Streams then: unknown stream type 404 {@code invalid
 * path\n}, bad sender 404 {@code invalid from\n}, sender removed 410 {@code removed member\n},
 * sender not a peer 404 {@code error sender not found\n}, {@code X-Raft-To} not our ID 412 {@code
 * to field mismatch\n}. Pipeline answers carry {@code X-Etcd-Cluster-ID}; stream answers also
 * {@code X-Server-Version}.
 *
 * <p>Thread-safety: every handler is shared by all channels and stateless; they run on Netty event
 * loops and never block.
 */
package io.etcdj.server.http.peer;
