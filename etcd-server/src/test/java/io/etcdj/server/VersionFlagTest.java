package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code etcd --version} (SPEC FLG-004, FLG-046): four lines on standard output, exit 0. */
class VersionFlagTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsFourLinesAndExitsZero() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).split("\n", -1))
        .hasSize(5)
        .satisfies(l -> assertThat(l[0]).isEqualTo("etcd Version: 2.3.8"))
        .satisfies(l -> assertThat(l[1]).isEqualTo("Git SHA: Not provided (use ./build instead of go build)"))
        .satisfies(l -> assertThat(l[2]).startsWith("Go Version: "))
        .satisfies(l -> assertThat(l[3]).matches("Go OS/Arch: [a-z0-9]+/[a-z0-9_]+"))
        .satisfies(l -> assertThat(l[4]).isEmpty());
    assertThat(err.size()).isZero();
  }

  /** FLG-004: etcd prints the version before it validates the other flags. */
  @Test
  void otherwiseInvalidFlagsDoNotMatter() {
    assertThat(run("--election-timeout", "1", "-version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("etcd Version: 2.3.8\n");
  }

  /**
   * FLG-004: etcd 2.3 looks at --version before it reads the environment, so ETCD_VERSION is
   * used as a flag value but prints nothing (3.4 alike: the member starts).
   */
  @Test
  void etcdVersionInTheEnvironmentPrintsNothing() throws Exception {
    List<String> lines = new ArrayList<>();
    EtcdFlags flags = EtcdFlags.parse(new String[0], Map.of("ETCD_VERSION", "true"), lines::add);
    assertThat(flags.versionRequested()).isFalse();
    assertThat(lines).containsExactly("I|recognized and used environment variable ETCD_VERSION=true");
  }

  /**
   * {@code --version} prints no log line, so it need not start logging (a tenth of a second): a
   * JVM of its own with logback's status listener, which would print logback's start on
   * standard output, prints the four lines alone.
   */
  @Test
  void doesNotStartLogging() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.OnConsoleStatusListener",
                "-cp",
                System.getProperty("java.class.path"),
                EtcdMain.class.getName(),
                "--version")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(output.split("\n")).hasSize(4).allMatch(l -> l.matches("(etcd|Git|Go) .*"));
  }

  private int run(String... args) {
    return EtcdMain.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
