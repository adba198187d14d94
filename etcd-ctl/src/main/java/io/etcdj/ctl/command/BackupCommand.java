package io.etcdj.ctl.command;

import io.etcdj.ctl.backup.DataDirBackup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backup --data-dir D [--wal-dir W] --backup-dir B [--backup-wal-dir BW]} (CTL-080): an
 * offline copy of a member's data that starts a new single-member cluster; see {@link
 * DataDirBackup}. Failures are logged in Go's log format and exit 1.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "backup", description = "backup an etcd directory", customSynopsis = " ")
final class BackupCommand extends CtlCommand {
  private static final DateTimeFormatter GO_LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss ");

  @Option(
      names = {"--data-dir", "-data-dir"},
      defaultValue = "",
      description = "Path to the etcd data dir")
  String dataDir;

  @Option(
      names = {"--wal-dir", "-wal-dir"},
      defaultValue = "",
      description = "Path to the etcd wal dir")
  String walDir;

  @Option(
      names = {"--backup-dir", "-backup-dir"},
      defaultValue = "",
      description = "Path to the backup dir")
  String backupDir;

  @Option(
      names = {"--backup-wal-dir", "-backup-wal-dir"},
      defaultValue = "",
      description = "Path to the backup wal dir")
  String backupWalDir;

  @Override
  void run(Session s) {
    // As in etcd, empty flags join to relative paths ("member/snap").
    Path srcSnap = Path.of(dataDir, "member", "snap");
    Path destSnap = Path.of(backupDir, "member", "snap");
    Path srcWal = walDir.isEmpty() ? Path.of(dataDir, "member", "wal") : Path.of(walDir);
    Path destWal =
        backupWalDir.isEmpty() ? Path.of(backupDir, "member", "wal") : Path.of(backupWalDir);
    try {
      new DataDirBackup(this::logLine)
          .backup(srcSnap, srcWal, destSnap, destWal, System.currentTimeMillis());
    } catch (java.nio.file.NoSuchFileException e) {
      logLine("open " + e.getFile() + ": no such file or directory");
      throw new ExitException(ExitCodes.BAD_ARGS);
    } catch (IOException | RuntimeException e) {
      logLine(String.valueOf(e.getMessage()));
      throw new ExitException(ExitCodes.BAD_ARGS);
    }
  }

  private void logLine(String line) {
    session().err().print(LocalDateTime.now().format(GO_LOG_TIME) + line + "\n");
  }
}
