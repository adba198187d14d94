/**
 * One etcd member: {@link io.etcdj.server.EtcdMain} (the {@code etcd} command and its flags),
 * {@link io.etcdj.server.EmbeddedEtcd} (a member in-process), {@link io.etcdj.server.EtcdServer}
 * (store, proposal seam, expiry timer) and the {@link io.etcdj.server.Proposer} seam that raft
 * replaces. The client port lives in {@code io.etcdj.server.http.client}.
 */
package io.etcdj.server;
