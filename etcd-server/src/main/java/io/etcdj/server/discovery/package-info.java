/**
 * Bootstrapping a new cluster without a static member list (SPEC sections 4.5 and 4.6).
 *
 * <h2>Discovery token ({@code --discovery}, CLU-050..056)</h2>
 *
 * The token URL names a directory on another etcd: {@code scheme://host} is the endpoint and the
 * URL path the directory, used as a full key path ({@code /v2/keys/...} included for a
 * self-hosted token). Layout:
 *
 * <ul>
 *   <li>{@code <token>/_config/size}: the expected member count (decimal);
 *   <li>{@code <token>/<member id hex>}: one per member, created with {@code prevExist=false},
 *       value {@code name=peerURL[,name=peerURL2]}.
 * </ul>
 *
 * The first {@code size} registrations by {@code createdIndex} form the initial cluster; their
 * values joined with {@code ,} read as an {@code --initial-cluster} value with exactly {@code
 * size} names. Member IDs hash the peer URLs with the token URL (CLU-002).
 *
 * <h2>DNS SRV ({@code --discovery-srv}, CLU-060)</h2>
 *
 * {@code _etcd-server-ssl._tcp.<domain>} gives https peers and {@code _etcd-server._tcp.<domain>}
 * http peers, {@code scheme://<target without the trailing dot>:<port>}.
 */
package io.etcdj.server.discovery;
