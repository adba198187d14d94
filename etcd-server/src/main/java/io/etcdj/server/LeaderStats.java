package io.etcdj.server;

import io.etcdj.server.transport.FollowerStats;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leader's view of its followers for {@code /v2/stats/leader} (SPEC OTH-042, OTH-043, PTR-029;
 * etcd's {@code v2stats/leader.go}): per follower, the latency of handing a MsgApp to its stream
 * or pipeline, in milliseconds, and the counts of successes and failures. A follower's figures
 * start when the transport starts talking to it and end when it is removed.
 *
 * <p>Thread-safety: safe for concurrent use; the transport reports from Netty event loops, the
 * client handler reads from its own; each follower's figures are guarded by that follower.
 */
final class LeaderStats implements FollowerStats {
  private final Map<Long, Follower> followers = new ConcurrentHashMap<>();

  /** Starts the figures of {@code id} (etcd: when the transport adds the peer). */
  void follow(long id) {
    followers.putIfAbsent(id, new Follower());
  }

  void unfollow(long id) {
    followers.remove(id);
  }

  @Override
  public void succ(long followerId, Duration latency) {
    Follower f = followers.get(followerId);
    if (f != null) {
      f.succ(latency.toNanos() / 1_000_000.0);
    }
  }

  @Override
  public void fail(long followerId) {
    Follower f = followers.get(followerId);
    if (f != null) {
      f.fail();
    }
  }

  /** OTH-042: followers keyed by hex ID, in Go's sorted-map order. */
  String json(String leaderHex) {
    Map<String, Follower> sorted = new TreeMap<>();
    followers.forEach((id, f) -> sorted.put(Long.toHexString(id), f));
    StringBuilder b = new StringBuilder("{\"leader\":\"").append(leaderHex);
    b.append("\",\"followers\":{");
    String sep = "";
    for (Map.Entry<String, Follower> e : sorted.entrySet()) {
      b.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue().json());
      sep = ",";
    }
    return b.append("}}").toString();
  }

  /** One follower's figures; {@code minimum} starts at 2^63 as etcd's does (OTH-043). */
  private static final class Follower {
    private double current;
    private double average;
    private double averageSquare;
    private double standardDeviation;
    private double minimum = 0x1p63;
    private double maximum;
    private long fail;
    private long success;

    synchronized void succ(double ms) {
      double total = success * average;
      double totalSquare = success * averageSquare;
      success++;
      current = ms;
      maximum = Math.max(maximum, ms);
      minimum = Math.min(minimum, ms);
      average = (total + ms) / success;
      averageSquare = (totalSquare + ms * ms) / success;
      standardDeviation = Math.sqrt(averageSquare - average * average);
    }

    synchronized void fail() {
      fail++;
    }

    synchronized String json() {
      return "{\"latency\":{\"current\":"
          + goFloat(current)
          + ",\"average\":"
          + goFloat(average)
          + ",\"standardDeviation\":"
          + goFloat(standardDeviation)
          + ",\"minimum\":"
          + goFloat(minimum)
          + ",\"maximum\":"
          + goFloat(maximum)
          + "},\"counts\":{\"fail\":"
          + Long.toUnsignedString(fail)
          + ",\"success\":"
          + Long.toUnsignedString(success)
          + "}}";
    }
  }

  /**
   * A float64 as etcd 2.3's encoding/json writes it: Go's {@code strconv} 'g' format with the
   * shortest digits, so an exponent below -4 or from 6 up uses e-notation ({@code 2^63} is {@code
   * 9.223372036854776e+18}).
   */
  static String goFloat(double v) {
    if (v == 0) {
      return "0";
    }
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "0"; // Go refuses to encode these; no figure here can be one
    }
    BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    String sign = v < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = Integer.toString(Math.abs(exp));
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
    return sign + d.toPlainString();
  }
}
