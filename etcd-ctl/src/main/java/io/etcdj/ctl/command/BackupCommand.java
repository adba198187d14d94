package io.etcdj.ctl.command;

import io.etcdj.ctl.backup.DataDirBackup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code backup --data-dir D [--wal-dir W] --backup-dir B [--backup-wal-dir BW]} (CTL-080): an
 * offline copy of a member's data that starts a new single-member cluster; see {@link
 * DataDirBackup}. Failures are logged in Go's log format and exit 1.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class BackupCommand extends CtlCommand {
  private static final Flag DATA_DIR = Flag.string("data-dir", "", "Path to the etcd data dir");
  private static final Flag WAL_DIR = Flag.string("wal-dir", "", "Path to the etcd wal dir");
  private static final Flag BACKUP_DIR = Flag.string("backup-dir", "", "Path to the backup dir");
  private static final Flag BACKUP_WAL_DIR =
      Flag.string("backup-wal-dir", "", "Path to the backup wal dir");

  static final CommandDef DEF =
      CommandDef.command("backup", "backup an etcd directory", BackupCommand.class)
          .synopsis(" ")
          .flags(DATA_DIR, WAL_DIR, BACKUP_DIR, BACKUP_WAL_DIR);

  @Override
  void run(Session s) {
    // As in etcd, empty flags join to relative paths ("member/snap").
    Path srcSnap = Path.of(flags.string(DATA_DIR), "member", "snap");
    Path destSnap = Path.of(flags.string(BACKUP_DIR), "member", "snap");
    Path srcWal =
        flags.string(WAL_DIR).isEmpty()
            ? Path.of(flags.string(DATA_DIR), "member", "wal")
            : Path.of(flags.string(WAL_DIR));
    Path destWal =
        flags.string(BACKUP_WAL_DIR).isEmpty()
            ? Path.of(flags.string(BACKUP_DIR), "member", "wal")
            : Path.of(flags.string(BACKUP_WAL_DIR));
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
    session().err().print(LocalDateTime.now().format(goLogTime()) + line + "\n");
  }

  /** Go's log time stamp; made when needed, not when etcdctl starts (java.time's set-up). */
  private static DateTimeFormatter goLogTime() {
    return DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss ");
  }
}
