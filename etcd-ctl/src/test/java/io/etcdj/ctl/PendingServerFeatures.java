package io.etcdj.ctl;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Golden scenarios whose etcdctl output is right against the reference etcd but that our own
 * server cannot pass yet, because the server feature they exercise is not built. Each is a strict
 * "expected failure": while the feature is missing the test is reported as skipped with the
 * reason (visible in the test count); once the scenario passes against our server, the test fails
 * and asks for its entry to be removed, so a pending mark never outlives the gap it describes.
 * Against the reference etcd ({@code -Detcdctl.test.member=reference}) nothing is pending.
 */
final class PendingServerFeatures {
  /** Scenario name to the missing feature; empty while the server passes every scenario. */
  private static final Map<String, String> PENDING = Map.of();

  private PendingServerFeatures() {}

  /** Runs the check; reports a pending scenario as skipped while it fails, fails once it passes. */
  static void check(String scenario, Runnable assertions) {
    String reason = TestMember.usesReference() ? null : PENDING.get(scenario);
    if (reason == null) {
      assertions.run();
      return;
    }
    try {
      assertions.run();
    } catch (AssertionError expected) {
      Assumptions.abort("pending server feature: " + reason);
    }
    fail("scenario '" + scenario + "' passes now: remove it from PendingServerFeatures");
  }
}
