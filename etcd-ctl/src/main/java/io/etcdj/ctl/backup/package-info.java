/**
 * The offline {@code etcdctl backup} (CTL-080): copies a member's data directory into one that
 * starts a new single-member cluster. It reads and writes the WAL and snapshot formats of SPEC §6
 * through the etcd-wal module; it never talks to a member.
 */
package io.etcdj.ctl.backup;
