package io.etcdj.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every recorded scenario ({@code src/test/resources/golden/*.golden}) with our etcdctl,
 * in-process, against a fresh member started by the test, and compares stdout, stderr and the exit
 * code of each command with what {@code ETCDCTL_API=2 etcdctl} printed against the reference etcd
 * (CTL-001..073). Member URLs, IDs, expiration times and etcd indexes are normalised on both sides
 * by {@link GoldenNormalizer}.
 *
 * <p>Scenarios that need a server feature not built yet are listed in {@link
 * PendingServerFeatures}.
 *
 * <p>Set {@code -Detcdctl.test.member=reference} to run the same scenarios against the reference
 * etcd binary instead of our server (checks the client alone).
 */
class GoldenScenarioTest {

  static Stream<String> scenarios() throws IOException, URISyntaxException {
    Path dir = Path.of(GoldenScenarioTest.class.getResource("/golden").toURI());
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".golden"))
          .sorted()
          .forEach(n -> names.add(n.substring(0, n.length() - ".golden".length())));
    }
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void matchesReferenceEtcdctl(String scenario, @TempDir Path tmp) throws Exception {
    GoldenFile golden =
        GoldenFile.read(
            Path.of(
                GoldenScenarioTest.class.getResource("/golden/" + scenario + ".golden").toURI()));
    assertThat(golden.steps()).isNotEmpty();
    try (TestMember member = TestMember.start(tmp)) {
      GoldenNormalizer expected =
          new GoldenNormalizer(golden.client(), golden.peer(), golden.member());
      GoldenNormalizer actual =
          new GoldenNormalizer(member.clientUrl(), member.peerUrl(), member.memberId());
      SoftAssertions soft = new SoftAssertions();
      for (GoldenFile.Step step : golden.steps()) {
        List<String> args = new ArrayList<>();
        if (!step.raw()) {
          args.add("--endpoints");
          args.add(member.clientUrl());
        }
        args.addAll(ShellWords.split(actual.substitute(step.command())));
        CtlRun.Result r = CtlRun.run(step.env(), step.stdin(), args.toArray(new String[0]));

        expected.observe(step.out() + step.err());
        actual.observe(r.out() + r.err());
        String what = scenario + ": etcdctl " + step.command();
        soft.assertThat(r.exit()).as(what + " (exit code)").isEqualTo(step.exit());
        soft.assertThat(actual.normalize(r.out()))
            .as(what + " (stdout)")
            .isEqualTo(expected.normalizeRecorded(step.out()));
        soft.assertThat(actual.normalize(r.err()))
            .as(what + " (stderr)")
            .isEqualTo(expected.normalizeRecorded(step.err()));
      }
      PendingServerFeatures.check(scenario, soft::assertAll);
    }
  }
}
