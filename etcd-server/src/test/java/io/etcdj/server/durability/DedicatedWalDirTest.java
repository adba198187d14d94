package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC FLG-022: {@code --wal-dir} puts the WAL segments in a directory of their own (a disk of
 * their own, typically); the snapshots stay in {@code <data-dir>/member/snap}, and a restart with
 * the same flags finds its log there.
 */
class DedicatedWalDirTest {
  @TempDir Path tmp;

  @Test
  void theWalLivesWhereWalDirSaysAndARestartReadsItThere() throws Exception {
    Path data = tmp.resolve("data");
    Path wal = tmp.resolve("disk2").resolve("wal");
    try (EmbeddedEtcd etcd = LoopbackMember.start("w", data, "--wal-dir", wal.toString())) {
      new V2Client(etcd.clientUrl()).put("/a", V2Client.form("value", "1"));
    }
    assertThat(walFiles(wal)).isNotZero();
    assertThat(data.resolve("member/wal")).doesNotExist();
    assertThat(data.resolve("member/snap")).isDirectory();

    try (EmbeddedEtcd etcd = LoopbackMember.start("w", data, "--wal-dir", wal.toString())) {
      V2Client c = new V2Client(etcd.clientUrl());
      assertThat(c.get("/a").body().path("node").path("value").asText()).isEqualTo("1");
    }
  }

  private static long walFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".wal")).count();
    }
  }
}
