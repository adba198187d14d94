/**
 * PEM files to JDK TLS objects, shared by the member and etcdctl so that both accept what etcd and
 * etcdctl accept (SPEC FLG-041, FLG-042, CTL-001): certificate chains, CA bundles, and unencrypted
 * private keys as PKCS#8, PKCS#1 RSA or SEC1 EC.
 *
 * <p>{@link io.etcdj.tls.PemFiles} reads the files ({@code Pkcs8} rewraps PKCS#1 and SEC1 keys as
 * PKCS#8 for the JDK's key factories); {@link io.etcdj.tls.KeyMaterial} builds key managers, trust
 * managers and {@code SSLContext}s from them. Nothing here knows etcd's flags or Netty: the callers
 * map their flags to file paths.
 */
package io.etcdj.tls;
