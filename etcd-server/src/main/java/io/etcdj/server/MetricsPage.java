package io.etcdj.server;

import io.etcdj.server.metrics.Labels;
import io.etcdj.server.metrics.ProcessMetrics;
import io.etcdj.server.metrics.PrometheusText;
import io.etcdj.store.Store;
import io.etcdj.store.StoreMetrics;

/**
 * The member's {@code /metrics} page: the families of etcd's v2 era under the names etcd 3.4
 * exports them (SPEC OTH-050, OTH-052, OTH-053), which is what today's dashboards and alerts ask
 * for, plus the {@code process_*} families. Families come in name order, as Go's registry sorts
 * them; Go's own runtime families ({@code go_*}) have no honest JVM counterpart and are left out.
 *
 * <p>Thread-safety: each part it reads is safe to read from any thread.
 */
final class MetricsPage {
  private final ServerMetrics metrics;
  private final Store store;
  private final RaftLoop raft;
  private final PendingRequests pending;
  private final ApplyStep applier;
  private final String idHex;

  MetricsPage(
      ServerMetrics metrics,
      Store store,
      RaftLoop raft,
      PendingRequests pending,
      ApplyStep applier,
      String idHex) {
    this.metrics = metrics;
    this.store = store;
    this.raft = raft;
    this.pending = pending;
    this.applier = applier;
    this.idHex = idHex;
  }

  String render() {
    PrometheusText out = new PrometheusText();
    out.family(
            "etcd_debugging_snap_save_total_duration_seconds",
            "histogram",
            "Seconds taken to write and sync a snapshot file.")
        .histogram(
            "etcd_debugging_snap_save_total_duration_seconds", Labels.NONE, metrics.snapshotSave);
    writeStore(out);
    out.family(
            "etcd_disk_wal_fsync_duration_seconds",
            "histogram",
            "Seconds taken to write and fdatasync appended WAL records.")
        .histogram("etcd_disk_wal_fsync_duration_seconds", Labels.NONE, metrics.walSync);
    metrics.http().writeTo(out);
    writeServer(out);
    ProcessMetrics.writeTo(out);
    return out.toString();
  }

  /** OTH-052: only the actions that were counted at least once, as Go shows a vector's children. */
  private void writeStore(PrometheusText out) {
    StoreMetrics.Counts c = store.metrics();
    out.single(
        "etcd_debugging_store_expires_total", "counter", "Keys expired by TTL.", c.expires());
    if (c.gets() + c.recursiveGets() > 0) {
      String name = "etcd_debugging_store_reads_total";
      out.family(name, "counter", "Store reads served by this member, by kind.");
      if (c.gets() > 0) {
        out.sample(name, Labels.of("action", "get"), c.gets());
      }
      if (c.recursiveGets() > 0) {
        out.sample(name, Labels.of("action", "getRecursive"), c.recursiveGets());
      }
    }
    out.single(
        "etcd_debugging_store_watch_requests_total",
        "counter",
        "Watch requests, new or resumed.",
        c.watchRequests());
    out.single(
        "etcd_debugging_store_watchers", "gauge", "Watchers waiting now.", store.watchers());
    long[] writes = c.writes();
    boolean any = false;
    for (int i = 0; i < writes.length; i++) {
      if (writes[i] == 0) {
        continue;
      }
      String name = "etcd_debugging_store_writes_total";
      if (!any) {
        out.family(name, "counter", "Store writes applied by this member, by action.");
        any = true;
      }
      out.sample(name, Labels.of("action", StoreMetrics.WRITE_ACTIONS[i]), writes[i]);
    }
  }

  /** OTH-053: raft and proposal figures. */
  private void writeServer(PrometheusText out) {
    out.single(
        "etcd_server_has_leader",
        "gauge",
        "1 if this member knows a leader, else 0.",
        raft.observed().lead() != 0 ? 1 : 0);
    out.family("etcd_server_id", "gauge", "1, labelled with this member's ID in hexadecimal.")
        .sample("etcd_server_id", Labels.of("server_id", idHex), 1);
    out.single(
        "etcd_server_is_leader", "gauge", "1 if this member is the leader, else 0.",
        raft.observed().isLeader() ? 1 : 0);
    out.single(
        "etcd_server_leader_changes_seen_total",
        "counter",
        "Times this member saw a new leader.",
        raft.observed().leaderChanges());
    out.single(
        "etcd_server_proposals_applied_total",
        "gauge",
        "The index of the last entry applied.",
        applier.appliedIndex());
    out.single(
        "etcd_server_proposals_committed_total",
        "gauge",
        "The index of the last entry committed.",
        raft.observed().committedIndex());
    out.single(
        "etcd_server_proposals_failed_total",
        "counter",
        "Proposals that timed out or were cut short by a stop.",
        pending.abandoned());
    out.single(
        "etcd_server_proposals_pending",
        "gauge",
        "Proposals waiting to be applied.",
        pending.waiting());
    out.family("etcd_server_version", "gauge", "1, labelled with the version this member runs.")
        .sample("etcd_server_version", Labels.of("server_version", EtcdServer.VERSION), 1);
  }
}
