package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a data dir holds decides what starts (SPEC CLU-071, FLG-061). */
class DataDirTypeTest {
  @TempDir Path dir;

  @RegisterExtension final LogLines lines = LogLines.of("etcdmain");

  @Test
  void aMissingOrEmptyDirLeavesItToTheFlags() throws Exception {
    assertThat(DataDirType.identify(dir.resolve("none"))).isEqualTo(DataDirType.EMPTY);
    assertThat(DataDirType.identify(dir)).isEqualTo(DataDirType.EMPTY);
  }

  @Test
  void memberOrProxyAndWarningsForAnythingElse() throws Exception {
    Files.createDirectories(dir.resolve("member/wal"));
    Files.writeString(dir.resolve("notes.txt"), "x");
    assertThat(DataDirType.identify(dir)).isEqualTo(DataDirType.MEMBER);
    assertThat(DataDirType.MEMBER).hasToString("member");
    assertThat(lines.events())
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "found invalid file/dir notes.txt under data dir " + dir
                + " (Ignore this if you are upgrading etcd)");

    Path proxyDir = dir.resolve("p");
    Files.createDirectories(proxyDir.resolve("proxy"));
    assertThat(DataDirType.identify(proxyDir)).isEqualTo(DataDirType.PROXY);
  }

  @Test
  void bothAMemberAndAProxyIsNoDataDir() throws Exception {
    Files.createDirectories(dir.resolve("member"));
    Files.createDirectories(dir.resolve("proxy"));
    assertThatThrownBy(() -> DataDirType.identify(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("invalid datadir. Both member and proxy directories exist.");
  }
}
