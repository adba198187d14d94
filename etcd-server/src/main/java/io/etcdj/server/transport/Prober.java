package io.etcdj.server.transport;

import io.etcdj.server.log.GoDuration;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one peer's {@code /raft/probing} every {@link #INTERVAL} (SPEC PTR-003), keeping the last
 * round-trip time and warning when the peer's clock is more than a second away from ours, which
 * breaks lease-like reasoning such as TTL expiry decided by the leader.
 *
 * <p>Probes reuse one keep-alive connection, as etcd's Go transport does: on an {@code https} peer
 * URL a fresh connection per probe would cost a TLS handshake every 4 s, and the round trip would
 * measure the handshake (which also made the clock difference look like a second or more on a busy
 * machine). The round trip is timed on an open connection only.
 *
 * <p>Thread-safety: thread-safe; results are published through volatile fields, probes start on one
 * event loop and at most one is in flight (the connection is handed between threads through a
 * volatile field, guarded by {@link #inFlight}).
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
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private volatile KeepAliveConnection connection;
  private volatile boolean stopped;
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
    stopped = true;
    if (task != null) {
      task.cancel(false);
    }
    KeepAliveConnection c = connection;
    if (c != null) {
      c.close();
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
    if (!inFlight.compareAndSet(false, true)) {
      return; // the previous probe has not been answered yet
    }
    URI url = picker.pick();
    KeepAliveConnection c = connection;
    if (c != null && c.isUsable() && c.url().equals(url)) {
      send(c);
      return;
    }
    if (c != null) {
      c.close();
    }
    connection = null;
    client
        .open(url)
        .whenComplete(
            (opened, error) -> {
              if (error != null) {
                failed(error.getMessage());
                return;
              }
              connection = opened;
              if (stopped) {
                opened.close();
                return;
              }
              send(opened);
            });
  }

  private void send(KeepAliveConnection c) {
    URI url = c.url();
    FullHttpRequest request =
        PeerHttpClient.request(HttpMethod.GET, url, "/raft/probing", new byte[0]);
    Instant start = clock.instant();
    c.send(request)
        // A peer that keeps the connection open but never answers must not stop the probing.
        .orTimeout(INTERVAL.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (reply, error) -> {
              if (error != null || reply.status() != 200) {
                failed(error != null ? error.getMessage() : "status " + reply.status());
                return;
              }
              inFlight.set(false);
              record(start, clock.instant(), reply.body());
            });
  }

  private void failed(String why) {
    KeepAliveConnection c = connection;
    if (c != null) {
      c.close();
      connection = null;
    }
    inFlight.set(false);
    LOG.debug("health check for peer {} could not connect: {}", TransportConfig.hex(peerId), why);
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
          GoDuration.format(diff),
          GoDuration.format(MAX_DRIFT));
    }
  }
}
