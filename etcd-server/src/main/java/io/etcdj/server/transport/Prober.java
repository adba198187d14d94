package io.etcdj.server.transport;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one peer's {@code /raft/probing} every {@link #INTERVAL} (SPEC PTR-003), keeping the last
 * round-trip time and warning when the peer's clock is more than a second away from ours, which
 * breaks lease-like reasoning such as TTL expiry decided by the leader.
 *
 * <p>Thread-safety: thread-safe; results are published through volatile fields, probes run on one
 * event loop.
 */
final class Prober {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");
  static final Duration INTERVAL = Duration.ofSeconds(4);
  private static final Duration MAX_DRIFT = Duration.ofSeconds(1);
  private static final Duration WARN_EVERY = Duration.ofSeconds(30);
  private static final Pattern NOW = Pattern.compile("\"Now\":\"([^\"]+)\"");

  private final long peerId;
  private final PeerHttpClient client;
  private final UrlPicker picker;
  private final Clock clock;
  private ScheduledFuture<?> task;
  private volatile Duration rtt;
  private volatile Duration clockDiff = Duration.ZERO;
  private volatile Instant lastWarning;

  Prober(long peerId, PeerHttpClient client, UrlPicker picker, Clock clock) {
    this.peerId = peerId;
    this.client = client;
    this.picker = picker;
    this.clock = clock;
  }

  synchronized void start(EventLoop loop) {
    task = loop.scheduleAtFixedRate(this::probe, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** The last measured round trip, or null before the first successful probe. */
  Duration rtt() {
    return rtt;
  }

  /** How far the peer's clock was from ours at the last probe, corrected by half the RTT. */
  Duration clockDiff() {
    return clockDiff;
  }

  private void probe() {
    URI url = picker.pick();
    Instant start = clock.instant();
    FullHttpRequest request =
        PeerHttpClient.request(HttpMethod.GET, url, "/raft/probing", new byte[0]);
    client
        .send(url, request)
        .whenComplete(
            (reply, error) -> {
              if (error != null || reply.status() != 200) {
                LOG.debug(
                    "health check for peer {} could not connect: {}",
                    TransportConfig.hex(peerId),
                    error != null ? error.getMessage() : "status " + reply.status());
                return;
              }
              record(start, clock.instant(), reply.body());
            });
  }

  void record(Instant sent, Instant received, String body) {
    Matcher m = NOW.matcher(body);
    if (!m.find()) {
      return;
    }
    Instant remoteNow;
    try {
      remoteNow = OffsetDateTime.parse(m.group(1)).toInstant();
    } catch (DateTimeParseException e) {
      return;
    }
    Duration roundTrip = Duration.between(sent, received);
    rtt = roundTrip;
    Duration diff = Duration.between(remoteNow, received).minus(roundTrip.dividedBy(2)).abs();
    clockDiff = diff;
    if (diff.compareTo(MAX_DRIFT) > 0
        && (lastWarning == null
            || Duration.between(lastWarning, received).compareTo(WARN_EVERY) >= 0)) {
      lastWarning = received;
      LOG.warn(
          "the clock difference against peer {} is too high [{} > {}]",
          TransportConfig.hex(peerId),
          diff,
          MAX_DRIFT);
    }
  }
}
