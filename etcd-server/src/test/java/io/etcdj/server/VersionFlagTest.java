package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private int run(String... args) {
    return EtcdMain.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
