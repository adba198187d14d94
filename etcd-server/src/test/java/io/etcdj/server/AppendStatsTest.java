package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcdj.raft.Snapshots;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The append counters and rates of {@code /v2/stats/self} (SPEC OTH-040, OTH-041; etcd's {@code
 * v2stats/server.go}, {@code queue.go}) on an injected clock.
 */
class AppendStatsTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(5 * SECOND);
  private final AppendStats stats = new AppendStats(now::get);

  @Test
  void countsStartAtZeroWithoutRates() {
    assertThat(stats.json()).isEqualTo("\"recvAppendRequestCnt\":0,\"sendAppendRequestCnt\":0");
  }

  @Test
  void ratesAreMessagesAndBytesOverTheSpanOfTheSamples() {
    Message m = app(100);
    int size = AppendStats.goSize(m);
    stats.sent(m);
    // One sample spans no time: no rate yet (etcd would fail to encode an infinite one).
    assertThat(stats.json()).isEqualTo("\"recvAppendRequestCnt\":0,\"sendAppendRequestCnt\":1");
    now.addAndGet(SECOND / 2);
    stats.sent(m);
    now.addAndGet(SECOND / 2);
    stats.sent(m);
    assertThat(stats.json())
        .isEqualTo(
            "\"recvAppendRequestCnt\":0,\"sendAppendRequestCnt\":3,\"sendPkgRate\":3,"
                + "\"sendBandwidthRate\":" + 3 * size);
    stats.received(m);
    now.addAndGet(SECOND / 4);
    stats.received(m);
    assertThat(stats.json())
        .startsWith("\"recvAppendRequestCnt\":2,\"recvPkgRate\":8,\"recvBandwidthRate\":"
            + 8 * size + ",\"sendAppendRequestCnt\":3,\"sendPkgRate\":3,");
  }

  @Test
  void ratesVanishOnceTheNewestSampleIsOverASecondOld() {
    stats.received(app(10));
    now.addAndGet(SECOND / 10);
    stats.received(app(10));
    assertThat(stats.json()).contains("recvPkgRate");
    now.addAndGet(SECOND + 1);
    assertThat(stats.json()).isEqualTo("\"recvAppendRequestCnt\":2,\"sendAppendRequestCnt\":0");
    now.addAndGet(SECOND / 10);
    stats.received(app(10));
    assertThat(stats.json()).isEqualTo("\"recvAppendRequestCnt\":3,\"sendAppendRequestCnt\":0");
  }

  @Test
  void onlyTheLast200MessagesMakeTheRate() {
    for (int i = 0; i < 400; i++) {
      stats.sent(app(i < 200 ? 1000 : 10));
      now.addAndGet(SECOND / 1000);
    }
    int small = AppendStats.goSize(app(10));
    // 200 samples 1 ms apart span 199 ms.
    assertThat(stats.json())
        .isEqualTo(
            "\"recvAppendRequestCnt\":0,\"sendAppendRequestCnt\":400,\"sendPkgRate\":"
                + LeaderStats.goFloat(200 / 0.199)
                + ",\"sendBandwidthRate\":"
                + LeaderStats.goFloat(200.0 * small / 0.199));
  }

  /**
   * PER-069: a MsgApp rebuilt from the compact msgappv2 frame lacks the always-written zero
   * fields, yet counts the size of the message the leader sent, as etcd's {@code m.Size()} does.
   */
  @Test
  void compactMsgAppCountsTheSizeOfTheMessageTheLeaderSent() {
    Message compact = app(100);
    Message sent =
        compact.toBuilder().setSnapshot(Snapshots.EMPTY).setReject(false).setRejectHint(0).build();
    assertThat(AppendStats.goSize(compact)).isEqualTo(sent.getSerializedSize());
    assertThat(AppendStats.goSize(sent)).isEqualTo(sent.getSerializedSize());
  }

  private static Message app(int valueBytes) {
    Entry e =
        Entry.newBuilder()
            .setType(EntryType.EntryNormal)
            .setTerm(2)
            .setIndex(9)
            .setData(ByteString.copyFromUtf8("x".repeat(valueBytes)))
            .build();
    return Message.newBuilder()
        .setType(MessageType.MsgApp)
        .setFrom(1)
        .setTo(2)
        .setTerm(2)
        .setLogTerm(2)
        .setIndex(8)
        .addEntries(e)
        .setCommit(8)
        .build();
  }
}
