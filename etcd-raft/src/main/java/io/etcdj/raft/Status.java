package io.etcdj.raft;

import java.util.Map;

/**
 * A snapshot of a node's raft state for debugging and for etcd's /v2/stats/self and
 * /debug/vars. Progress is only known (non-empty) on the leader.
 */
public record Status(
    long id,
    long term,
    long vote,
    long commit,
    long applied,
    SoftState softState,
    Map<Long, ProgressStatus> progress,
    long leadTransferee) {

  public Status {
    progress = Map.copyOf(progress);
  }

  /**
   * The JSON etcd 2.3 prints for its raft status (RFT-019): ids in hex, progress by follower
   * in ascending id order.
   */
  public String toJson() {
    StringBuilder b = new StringBuilder(128);
    b.append("{\"id\":\"").append(Long.toHexString(id))
        .append("\",\"term\":").append(Long.toUnsignedString(term))
        .append(",\"vote\":\"").append(Long.toHexString(vote))
        .append("\",\"commit\":").append(Long.toUnsignedString(commit))
        .append(",\"lead\":\"").append(Long.toHexString(softState.lead()))
        .append("\",\"raftState\":\"").append(softState.raftState().statusName())
        .append("\",\"progress\":{");
    boolean first = true;
    for (Map.Entry<Long, ProgressStatus> e : new java.util.TreeMap<>(progress).entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      ProgressStatus p = e.getValue();
      b.append('"').append(Long.toHexString(e.getKey())).append("\":{\"match\":")
          .append(p.match()).append(",\"next\":").append(p.next())
          .append(",\"state\":\"").append(p.state().statusName()).append("\"}");
    }
    return b.append("}}").toString();
  }
}
