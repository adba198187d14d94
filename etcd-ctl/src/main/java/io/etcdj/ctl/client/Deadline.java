package io.etcdj.ctl.client;

import java.time.Duration;
import java.time.Instant;

/**
 * The end of a command's time budget ({@code --total-timeout}), or none (watches run forever).
 *
 * @param end the instant the budget runs out, or null for no limit
 */
public record Deadline(Instant end) {

  public static Deadline none() {
    return new Deadline(null);
  }

  public static Deadline after(Duration budget) {
    return new Deadline(Instant.now().plus(budget));
  }

  /** Time left, or null when there is no limit. Never negative. */
  public Duration remaining() {
    if (end == null) {
      return null;
    }
    Duration left = Duration.between(Instant.now(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean expired() {
    return end != null && !Instant.now().isBefore(end);
  }

  /** The smaller of this deadline's remaining time and {@code limit} (null means no limit). */
  public Duration cap(Duration limit) {
    Duration left = remaining();
    if (left == null) {
      return limit;
    }
    return limit == null || left.compareTo(limit) < 0 ? left : limit;
  }
}
