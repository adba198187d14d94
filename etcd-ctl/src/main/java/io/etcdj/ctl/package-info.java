/**
 * etcdctl v2 in Java: {@link io.etcdj.ctl.EtcdctlMain} is the process entry point of {@code
 * etcdctl.jar}; commands live in {@code command}, the HTTP client in {@code client}, the offline
 * backup in {@code backup} (SPEC §9).
 */
package io.etcdj.ctl;
