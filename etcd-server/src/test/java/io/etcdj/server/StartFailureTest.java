package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.etcdj.server.log.CapnslogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code etcd} tells why a member without a WAL did not start (SPEC CLU-013, CLU-014): exit
 * status 1 and a critical line, except for advertised peer URLs missing from the initial cluster,
 * which etcd 2.3 explains at info level with hints about the flags it guesses were forgotten.
 */
class StartFailureTest {
  @TempDir Path dir;

  @RegisterExtension final LogLines lines = LogLines.of("etcdmain");

  @Test
  void advertisedUrlsMissingFromTheDefaultClusterGetHints() {
    int status =
        run(
            "--name", "n1",
            "--initial-advertise-peer-urls", "http://127.0.0.1:29383",
            "--initial-cluster", "n1=http://localhost:2380,n1=http://localhost:7001");
    assertThat(status).isEqualTo(1);
    assertThat(infoLines())
        .containsSubsequence(
            "--initial-cluster must include n1=http://127.0.0.1:29383 given"
                + " --initial-advertise-peer-urls=http://127.0.0.1:29383",
            "forgot to set --initial-cluster flag?",
            "if you want to use discovery service, please set --discovery flag.")
        .doesNotContain("forgot to set --initial-advertise-peer-urls flag?");
  }

  @Test
  void otherFailuresAreCritical() {
    int status = run("--name", "n1", "--initial-cluster", "n2=http://127.0.0.1:29384");
    assertThat(status).isEqualTo(1);
    assertThat(lines.events())
        .filteredOn(e -> e.getMarkerList() != null
            && e.getMarkerList().contains(CapnslogLevel.CRITICAL))
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("couldn't find local name \"n1\" in the initial cluster configuration");
  }

  private List<String> infoLines() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : lines.events()) {
      if (e.getLevel() == Level.INFO) {
        out.add(e.getFormattedMessage());
      }
    }
    return out;
  }

  private int run(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--data-dir", dir.resolve("data").toString(),
                "--listen-peer-urls", "http://127.0.0.1:0",
                "--listen-client-urls", "http://127.0.0.1:0",
                "--advertise-client-urls", "http://127.0.0.1:0"));
    all.addAll(List.of(args));
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    return EtcdMain.run(all.toArray(String[]::new), Map.of(), sink, sink);
  }
}
