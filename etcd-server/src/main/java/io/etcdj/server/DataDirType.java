package io.etcdj.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a data dir already holds, which decides what {@code etcd} starts whatever the flags say
 * (SPEC CLU-071, FLG-061): {@code member/} a member, {@code proxy/} a proxy; a missing or empty
 * dir leaves it to the flags. Any other entry is reported and ignored, as etcd 2.3 does (older
 * releases kept other files there).
 *
 * <p>Thread-safety: stateless.
 */
enum DataDirType {
  MEMBER,
  PROXY,
  EMPTY;

  private static final Logger LOG = LoggerFactory.getLogger("etcdmain");

  /**
   * @throws IllegalStateException if the dir holds both a member and a proxy, or cannot be read
   */
  static DataDirType identify(Path dataDir) {
    List<String> names;
    try (Stream<Path> entries = Files.list(dataDir)) {
      names = entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (NoSuchFileException e) {
      return EMPTY;
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("error listing data dir: " + dataDir, e);
    }
    boolean member = false;
    boolean proxy = false;
    for (String name : names) {
      switch (name) {
        case "member" -> member = true;
        case "proxy" -> proxy = true;
        default ->
            LOG.warn(
                "found invalid file/dir {} under data dir {} (Ignore this if you are upgrading"
                    + " etcd)",
                name,
                dataDir);
      }
    }
    if (member && proxy) {
      throw new IllegalStateException("invalid datadir. Both member and proxy directories exist.");
    }
    return member ? MEMBER : proxy ? PROXY : EMPTY;
  }

  /** As etcd names it in its notice: {@code member} or {@code proxy}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
