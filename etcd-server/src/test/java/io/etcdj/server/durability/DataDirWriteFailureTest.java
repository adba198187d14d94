package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member that cannot write its data dir stops as etcd's does ({@code plog.Fatalf}): one
 * CRITICAL line in etcd's words with Go's error text, exit status 1 at once, and no acknowledged
 * write lost; once the cause is gone, a restart serves every write it acknowledged. (It used to
 * log the error and keep serving reads while every write timed out, a zombie a supervisor would
 * never restart; a full disk does this: {@code save snapshot error: write ...: no space left on
 * device} from etcd and from this member alike, measured on a 100 MB tmpfs.)
 *
 * <p>The failure here: the snapshot directory replaced by a plain file while the member runs, so
 * the first {@code .snap} file cannot be written (a full disk cannot be had without mounting one).
 */
class DataDirWriteFailureTest {
  @TempDir Path tmp;

  @Test
  void aSnapshotThatCannotBeWrittenStopsTheMemberWithExitStatusOne() throws Exception {
    Path data = tmp.resolve("m.etcd");
    Path log = tmp.resolve("member.log");
    Path snap = data.resolve("member").resolve("snap");
    List<Integer> acknowledged = new ArrayList<>();
    try (MemberProcess m = MemberProcess.start(data, log, "--snapshot-count", "100")) {
      deleteRecursively(snap);
      Files.writeString(snap, "not a directory");
      V2Client c = m.client();
      for (int i = 0; i < 1000 && m.alive(); i++) {
        try {
          if (c.put("/k" + i, V2Client.form("value", "v" + i)).status() == 201) {
            acknowledged.add(i);
          }
        } catch (IOException e) {
          break; // the member is gone
        }
      }
      assertThat(m.awaitExit(60)).isEqualTo(1);
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(90).hasSizeLessThan(1000);
    assertThat(Files.readAllLines(log))
        .anyMatch(
            line ->
                line.contains(" C | etcdserver: save snapshot error: write " + snap + "/")
                    && line.endsWith(".snap: file exists"))
        .noneMatch(line -> line.contains("received a stop signal"));

    Files.delete(snap);
    Files.createDirectory(snap);
    try (MemberProcess m = MemberProcess.start(data, tmp.resolve("restart.log"))) {
      V2Client c = m.client();
      for (int i : acknowledged) {
        assertThat(c.get("/k" + i).body().path("node").path("value").asText()).isEqualTo("v" + i);
      }
      assertThat(m.terminate()).isZero();
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    try (Stream<Path> all = Files.walk(p)) {
      for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
