package io.etcdj.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** I/O failures in the words of Go's os.PathError, as etcd's fatal log lines quote them. */
class GoPathErrorTest {
  private static final Path WAL = Path.of("/d/member/wal/0000000000000000-0000000000000000.wal");

  @Test
  void theSystemsErrorTextInGosLowerCase() {
    IOException e = GoPathError.wrap("write", WAL, new IOException("No space left on device"));
    assertThat(e)
        .hasMessage(
            "write /d/member/wal/0000000000000000-0000000000000000.wal: no space left on device")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void exceptionsThatNameTheFileGetTheirErrnoText() {
    assertThat(GoPathError.wrap("open", WAL, new NoSuchFileException(WAL.toString())))
        .hasMessageEndingWith(".wal: no such file or directory");
    assertThat(GoPathError.wrap("write", WAL, new FileAlreadyExistsException("/d/member/snap")))
        .hasMessageEndingWith(".wal: file exists");
    assertThat(
            GoPathError.wrap(
                "write", WAL, new FileSystemException("/x", null, "Read-only file system")))
        .hasMessageEndingWith(".wal: read-only file system");
    assertThat(GoPathError.wrap("write", WAL, new ClosedChannelException()))
        .hasMessageEndingWith(".wal: file already closed");
  }

  @Test
  void theInnermostWordingIsKept() {
    IOException inner = GoPathError.wrap("sync", WAL, new IOException("Input/output error"));
    assertThat(GoPathError.wrap("write", Path.of("/elsewhere"), inner)).isSameAs(inner);
  }
}
