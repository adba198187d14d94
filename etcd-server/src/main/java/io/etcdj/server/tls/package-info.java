/**
 * TLS for the client and peer ports, configured with etcd 2.3's flags (SPEC FLG-041, FLG-042,
 * FLG-010, CLU-076; etcd's v2.3 security guide).
 *
 * <p>{@link io.etcdj.server.tls.TlsInfo} names the files of one side (client or peer); the
 * etcd-tls module ({@code io.etcdj.tls}, shared with etcdctl) reads certificates and private keys in
 * the PEM forms etcd users have (PKCS#8, PKCS#1 RSA and SEC1 EC keys); {@link
 * io.etcdj.server.tls.TlsContexts} builds the server and client contexts from them on the JDK's TLS
 * provider; {@link io.etcdj.server.tls.PeerTls} holds what the peer transport needs.
 *
 * <p>A URL's scheme decides: {@code https} listen URLs get a Netty {@code SslHandler} first in the
 * pipeline, {@code https} peer URLs are dialled with TLS, and everything on {@code http} keeps the
 * plain pipeline with no TLS object built.
 */
package io.etcdj.server.tls;
