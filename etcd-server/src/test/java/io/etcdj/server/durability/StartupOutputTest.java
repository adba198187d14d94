package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a member started as a process prints (SPEC 5.3, issue 7's start-up output): capnslog lines
 * only, from the logging configuration the jar carries (log.CapnslogConfigurator; logback's own
 * default would print {@code 14:38:33.602 [main] INFO etcdmain -- ...}), with the lines tools watch
 * for: the version lines (FLG-060), a line per listener once it is bound, peers first (FLG-062);
 * and a clean stop, exit status 0, on SIGTERM (FLG-066).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartupOutputTest {
  private static final String CAPNSLOG =
      "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} [CEWNIDT] \\| [a-z]+: .*";

  @TempDir Path dir;

  @Test
  void everyLineIsACapnslogLine() throws Exception {
    Path log = dir.resolve("member.log");
    String peerUrl;
    String clientUrl;
    try (MemberProcess m = MemberProcess.start(dir.resolve("data"), log)) {
      peerUrl = m.peerUrl();
      clientUrl = m.clientUrl();
      awaitLine(log, "etcdserver: published {Name:crash ClientURLs:[");
      assertThat(m.terminate()).isZero();
    }

    List<String> lines = Files.readAllLines(log);
    assertThat(lines).allMatch(l -> l.matches(CAPNSLOG), "a capnslog line");
    assertThat(lines)
        .anyMatch(l -> l.endsWith(" I | etcdmain: etcd Version: 2.3.8"))
        .anyMatch(l -> l.endsWith(" I | etcdmain: Git SHA: Not provided (use ./build instead of"
            + " go build)"))
        .anyMatch(l -> l.contains(" I | etcdmain: Go Version: "))
        .anyMatch(l -> l.matches(".* I \\| etcdmain: Go OS/Arch: [a-z0-9]+/[a-z0-9_]+"))
        .anyMatch(l -> l.matches(".* I \\| etcdmain: setting maximum number of CPUs to \\d+,"
            + " total number of available CPUs is \\d+"))
        .anyMatch(l -> l.endsWith(" I | etcdserver: name = crash"))
        .anyMatch(l -> l.contains(" I | raft: ") && l.contains(" became leader at term 2"))
        .anyMatch(l -> l.endsWith(" I | etcdmain: received a stop signal, shutting down"));
    assertThat(messages(lines))
        .containsSubsequence(
            "etcdmain: etcd Version: 2.3.8",
            "etcdmain: listening for peers on " + peerUrl,
            "etcdmain: listening for client requests on " + clientUrl,
            "etcdserver: name = crash");
  }

  /** Each line without its time and level. */
  private static List<String> messages(List<String> lines) {
    return lines.stream().map(l -> l.substring(l.indexOf(" | ") + 3)).toList();
  }

  private static void awaitLine(Path log, String part) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      if (Files.readAllLines(log).stream().anyMatch(l -> l.contains(part))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line with " + part + " in " + log);
  }
}
