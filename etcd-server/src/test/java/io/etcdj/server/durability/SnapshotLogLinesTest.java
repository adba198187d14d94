package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LogLines;
import io.etcdj.server.LoopbackMember;
import io.etcdj.wal.FilePurger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC FLG-065: the lines a member logs as it snapshots, compacts and purges, word for word what
 * etcd prints (checked against etcd 3.4 with {@code --snapshot-count 5} and twelve PUTs).
 */
class SnapshotLogLinesTest {
  @TempDir Path tmp;

  @RegisterExtension final LogLines lines = LogLines.of("etcdserver", "fileutil");

  @Test
  void snapshotAndCompactionLines() throws Exception {
    try (EmbeddedEtcd etcd =
        LoopbackMember.start("s", tmp.resolve("s.etcd"), "--snapshot-count", "5")) {
      V2Client c = new V2Client(etcd.clientUrl());
      for (int i = 1; i <= 12; i++) {
        c.put("/k" + i, V2Client.form("value", "v"));
      }
      awaitMessage("saved snapshot at index 12");
    }
    // Indexes 1-3: the member's own bootstrap entry, its attributes and the cluster version.
    assertThat(messages())
        .containsSubsequence(
            "start to snapshot (applied: 6, lastsnap: 0)",
            "saved snapshot at index 6",
            "compacted raft log at 1",
            "start to snapshot (applied: 12, lastsnap: 6)",
            "saved snapshot at index 12");
  }

  @Test
  void purgeLine() throws Exception {
    Files.writeString(tmp.resolve("0000000000000001-0000000000000001.snap"), "");
    Files.writeString(tmp.resolve("0000000000000001-0000000000000002.snap"), "");
    FilePurger.purge(tmp, "snap", 1);
    assertThat(lines.events())
        .filteredOn(e -> e.getLoggerName().equals("fileutil"))
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "purged file " + tmp.resolve("0000000000000001-0000000000000001.snap")
                + " successfully");
  }

  private List<String> messages() {
    synchronized (lines) {
      return lines.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private void awaitMessage(String message) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end && !messages().contains(message)) {
      Thread.sleep(10);
    }
  }
}
