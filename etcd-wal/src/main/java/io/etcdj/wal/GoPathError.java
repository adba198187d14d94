package io.etcdj.wal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * An I/O failure worded as Go's {@code *os.PathError} prints it, {@code write
 * /data/member/wal/0000000000000000-0000000000000000.wal: no space left on device}: etcd's fatal
 * log lines quote it after their own words, and operators grep for it.
 *
 * <p>Thread-safety: immutable.
 */
public final class GoPathError extends IOException {
  private GoPathError(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * @param op Go's operation word: {@code write}, {@code sync}, {@code open}
   * @return an exception whose message is {@code "<op> <path>: <errno text>"}, caused by {@code
   *     e}; {@code e} itself if it is worded so already (by a callee closer to the failure)
   */
  public static IOException wrap(String op, Path path, IOException e) {
    if (e instanceof GoPathError) {
      return e;
    }
    return new GoPathError(op + " " + path + ": " + errnoText(e), e);
  }

  /**
   * The system error as Go spells it. Java carries the C library's {@code strerror} text ("No space
   * left on device"); Go's table has the same words in lower case.
   */
  static String errnoText(IOException e) {
    if (e instanceof ClosedChannelException) {
      return "file already closed"; // Go's os.ErrClosed
    }
    // java.nio.file's exceptions name the file, not the error; these are their errnos.
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (m == null || m.isEmpty()) {
      return e.getClass().getSimpleName();
    }
    return Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }
}
