package io.etcdj.server.proxy;

/**
 * The proxy flags (SPEC FLG-040, CLU-073, CLU-076), all durations in milliseconds as etcd takes
 * them.
 *
 * <p>Thread-safety: immutable.
 *
 * @param mode {@code --proxy}
 * @param failureWaitMs {@code --proxy-failure-wait}: how long a failed endpoint is skipped
 * @param refreshIntervalMs {@code --proxy-refresh-interval}: how often the endpoints are re-read
 * @param dialTimeoutMs {@code --proxy-dial-timeout}: connecting to an endpoint
 * @param writeTimeoutMs {@code --proxy-write-timeout}: sending a request to an endpoint
 * @param readTimeoutMs {@code --proxy-read-timeout}: 0 waits forever (watches are long polls)
 */
public record ProxyConfig(
    Mode mode,
    long failureWaitMs,
    long refreshIntervalMs,
    long dialTimeoutMs,
    long writeTimeoutMs,
    long readTimeoutMs) {

  /** The values of {@code --proxy}. */
  public enum Mode {
    /** A member, not a proxy (the default). */
    OFF,
    /** Forwards only GET requests; anything else is answered 501 (CLU-075). */
    READONLY,
    /** Forwards every request. */
    ON;

    /** Parses the flag value; null if it is none of {@code off}, {@code readonly}, {@code on}. */
    public static Mode parse(String flag) {
      return switch (flag) {
        case "off" -> OFF;
        case "readonly" -> READONLY;
        case "on" -> ON;
        default -> null;
      };
    }
  }

  /** etcd's defaults: off, 5 s failure wait, 30 s refresh, 1 s dial, 5 s write, no read limit. */
  public static ProxyConfig defaults() {
    return new ProxyConfig(Mode.OFF, 5000, 30000, 1000, 5000, 0);
  }

  /** Whether this process runs as a proxy rather than a member. */
  public boolean enabled() {
    return mode != Mode.OFF;
  }

  /** The same settings with {@code mode}: a member whose discovery found a full cluster. */
  public ProxyConfig withMode(Mode newMode) {
    return new ProxyConfig(
        newMode, failureWaitMs, refreshIntervalMs, dialTimeoutMs, writeTimeoutMs, readTimeoutMs);
  }
}
