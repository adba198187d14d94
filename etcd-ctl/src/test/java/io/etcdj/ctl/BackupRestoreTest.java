package io.etcdj.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CTL-080, end to end: the data of a stopped member, backed up by our etcdctl, starts a new
 * single-member cluster with {@code --force-new-cluster} that serves the same keys under a new
 * member ID (etcd's documented restore procedure, GOT-016). Needs a member that writes its WAL and
 * honours {@code --force-new-cluster}.
 */
class BackupRestoreTest {

  @Test
  void backupStartsANewClusterWithTheSameKeys(@TempDir Path tmp) throws Exception {
    String oldId;
    Path dataDir;
    try (TestMember member = TestMember.start(tmp)) {
      assertThat(CtlRun.run("--endpoints", member.clientUrl(), "set", "/bk/a", "1").exit())
          .isZero();
      assertThat(CtlRun.run("--endpoints", member.clientUrl(), "set", "/bk/b", "2").exit())
          .isZero();
      oldId = member.memberId();
      dataDir = member.etcdDir();
    }
    Path backup = tmp.resolve("backup.etcd");

    CtlRun.Result b =
        CtlRun.run("backup", "--data-dir", dataDir.toString(), "--backup-dir", backup.toString());
    assertThat(b.exit()).as(b.err()).isZero();
    assertThat(b.out()).isEmpty();

    try (TestMember restored = TestMember.startOn(tmp, backup, "--force-new-cluster")) {
      CtlRun.Result ls = CtlRun.run("--endpoints", restored.clientUrl(), "ls", "--sort", "/bk");
      assertThat(ls.out()).isEqualTo("/bk/a\n/bk/b\n");
      assertThat(CtlRun.run("--endpoints", restored.clientUrl(), "get", "/bk/b").out())
          .isEqualTo("2\n");
      assertThat(restored.memberId()).isNotEqualTo(oldId);
      CtlRun.Result members = CtlRun.run("--endpoints", restored.clientUrl(), "member", "list");
      assertThat(members.out().lines()).hasSize(1);
    }
  }
}
