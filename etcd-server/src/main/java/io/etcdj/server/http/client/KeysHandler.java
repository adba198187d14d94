package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.Request;
import io.etcdj.server.Request.Method;
import io.etcdj.server.auth.Authorizer;
import io.etcdj.server.metrics.HttpMetrics;
import io.etcdj.store.EtcdError;
import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import io.etcdj.store.Watcher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v2/keys}: parse (a pure function), then a local read, a proposal or a watch, then the
 * event or error with etcd's headers (SPEC KEY-001..010, KEY-090..100, KEY-180..181), once v2 auth
 * allows it (OTH-079, OTH-080; a bcrypt check answers on the event loop later). Never blocks:
 * proposals answer in a callback on the channel's event loop.
 *
 * <p>Thread-safety: stateless apart from the shared server; one instance serves every channel.
 */
final class KeysHandler implements Route {
  static final String[] ALLOWED = {"HEAD", "GET", "PUT", "POST", "DELETE"};
  // Header names and constant values as AsciiString: hashed once, copied to the wire as bytes
  // (a String is hashed per response and encoded char by char).
  static final AsciiString CLUSTER_ID = AsciiString.cached("X-Etcd-Cluster-Id");
  static final AsciiString ETCD_INDEX = AsciiString.cached("X-Etcd-Index");
  static final AsciiString RAFT_INDEX = AsciiString.cached("X-Raft-Index");
  static final AsciiString RAFT_TERM = AsciiString.cached("X-Raft-Term");
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
  private static final AsciiString JSON = AsciiString.cached(HttpReplies.JSON);

  private static final Logger LOG = LoggerFactory.getLogger("etcdhttp");

  private static final String PREFIX = "/v2/keys";

  private final EtcdServer server;
  private final Authorizer authorizer;
  private final ClientCredentials credentials;

  /** The cluster ID header value, fixed once the member has bootstrapped (before it serves). */
  private volatile AsciiString clusterId;

  KeysHandler(EtcdServer server) {
    this.server = server;
    this.authorizer = new Authorizer(server.auth());
    this.credentials = new ClientCredentials(server.config().clientTls());
  }

  @Override
  public void handle(
      ChannelHandlerContext ctx, FullHttpRequest request, String path, String rawQuery) {
    long startNanos = System.nanoTime();
    String method = request.method().name();
    boolean head = method.equals("HEAD");
    // KEY-002, KEY-004: the 405 is written before the cluster ID header is set.
    if (HttpReplies.refusesMethod(ctx, request, ALLOWED)) {
      return;
    }
    KeysRequest parsed;
    try {
      parsed =
          KeysRequestParser.parse(
              method,
              path,
              rawQuery,
              request.headers().get(HttpHeaderNames.CONTENT_TYPE),
              ByteBufUtil.getBytes(request.content()),
              server.clock().instant());
    } catch (EtcdException e) {
      sendError(ctx, head, e);
      return;
    }
    // OTH-079: authorization comes after parsing, as in etcd: a malformed request is answered
    // with its own error first. With auth off this is one lookup of the flag (KEY-190 counts it).
    Request r = parsed.request();
    Measured m = new Measured(HttpMetrics.method(method, r.quorum()), startNanos);
    CompletableFuture<Boolean> allowed =
        authorizer.keyAccess(
            credentials.of(ctx, request),
            path.substring(PREFIX.length()),
            r.recursive(),
            !head && !method.equals("GET"));
    if (allowed.isDone()) {
      dispatch(ctx, r, head, parsed.noValueOnSuccess(), allowed.getNow(false), m);
    } else {
      allowed.whenCompleteAsync(
          (ok, error) -> dispatch(ctx, r, head, parsed.noValueOnSuccess(), ok != null && ok, m),
          ctx.executor());
    }
  }

  /** A request that reached the store, for the HTTP metrics (OTH-050): its label and start. */
  private record Measured(String method, long startNanos) {}

  private void dispatch(
      ChannelHandlerContext ctx,
      Request r,
      boolean head,
      boolean noValue,
      boolean allowed,
      Measured m) {
    if (!allowed) {
      EtcdException denied =
          new EtcdException(EtcdError.UNAUTHORIZED, "Insufficient credentials", 0);
      sendError(ctx, head, denied);
      return;
    }
    HttpMetrics metrics = server.metrics().http();
    if (r.watch() && r.method() == Method.GET) {
      watch(ctx, r, m);
      return;
    }
    metrics.received(m.method());
    if (r.needsProposal()) {
      server
          .propose(r, ctx.executor())
          .whenCompleteAsync(
              (event, error) -> {
                if (error != null) {
                  sendFailure(ctx, false, asEtcdException(error), m);
                } else {
                  sendEvent(ctx, false, event, noValue);
                  metrics.succeeded(m.method(), System.nanoTime() - m.startNanos());
                }
              },
              ctx.executor());
    } else {
      try {
        sendEvent(ctx, head, server.get(r), false);
        metrics.succeeded(m.method(), System.nanoTime() - m.startNanos());
      } catch (EtcdException e) {
        sendFailure(ctx, head, e, m);
      }
    }
  }

  /** A watch counts in the metrics only when the store refuses it, as in etcd. */
  private void watch(ChannelHandlerContext ctx, Request r, Measured m) {
    WatchResponse response = new WatchResponse(ctx, r.stream(), this);
    Watcher watcher;
    try {
      watcher = server.watch(r, response::offer);
    } catch (EtcdException e) {
      sendFailure(ctx, false, e, m);
      return;
    }
    response.start(watcher);
  }

  private void sendFailure(ChannelHandlerContext ctx, boolean head, EtcdException e, Measured m) {
    sendError(ctx, head, e);
    server.metrics().http().failed(m.method(), e.error().httpStatus());
  }

  /** KEY-180: the raft headers of a successful response. */
  void setIndexHeaders(HttpHeaders headers, long etcdIndex) {
    headers.set(CONTENT_TYPE, JSON);
    headers.set(CLUSTER_ID, clusterId());
    headers.set(ETCD_INDEX, unsigned(etcdIndex));
    headers.set(RAFT_INDEX, unsigned(server.raftIndex()));
    headers.set(RAFT_TERM, unsigned(server.raftTerm()));
  }

  private AsciiString clusterId() {
    AsciiString id = clusterId;
    if (id == null) {
      id = new AsciiString(server.clusterIdHex());
      clusterId = id;
    }
    return id;
  }

  /** Go's {@code strconv.FormatUint}, as ASCII bytes. */
  private static AsciiString unsigned(long value) {
    return new AsciiString(Long.toUnsignedString(value));
  }

  private void sendEvent(ChannelHandlerContext ctx, boolean head, Event event, boolean noValue) {
    // The status is the event's, decided before noValueOnSuccess drops the prevNode it reads.
    HttpResponseStatus status = status(event);
    if (noValue && hidesValue(event.action())) {
      event = new Event(event.action(), null, null, event.etcdIndex(), event.refresh());
    }
    ByteBuf body = ctx.alloc().buffer(KeysJson.sizeHint(event));
    KeysJson.writeEvent(event, body);
    FullHttpResponse response = HttpReplies.response(status, null, body);
    setIndexHeaders(response.headers(), event.etcdIndex());
    HttpReplies.send(ctx, head, response);
  }

  /** KEY-097: 201 for create, and for a set that created the key. */
  private static HttpResponseStatus status(Event event) {
    boolean created =
        event.action().equals("create")
            || (event.action().equals("set") && event.prevNode() == null);
    return created ? HttpResponseStatus.CREATED : HttpResponseStatus.OK;
  }

  /** KEY-098: noValueOnSuccess only affects these actions. */
  private static boolean hidesValue(String action) {
    return switch (action) {
      case "set", "compareAndSwap", "create", "update" -> true;
      default -> false;
    };
  }

  /** ERR-001, KEY-181: the error JSON with X-Etcd-Index and no raft headers. */
  void sendError(ChannelHandlerContext ctx, boolean head, EtcdException e) {
    ByteBuf body = ctx.alloc().buffer(128);
    KeysJson.writeError(e, body);
    FullHttpResponse response =
        HttpReplies.response(
            HttpResponseStatus.valueOf(e.error().httpStatus()), HttpReplies.JSON, body);
    response.headers().set(CLUSTER_ID, clusterId());
    response.headers().set(ETCD_INDEX, unsigned(e.index()));
    HttpReplies.send(ctx, head, response);
  }

  /** ERR-004: anything that is not a store error is a 300 with the error's text as cause. */
  private static EtcdException asEtcdException(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof EtcdException e) {
      return e;
    }
    LOG.warn("internal error on a keys request: {}", cause.toString());
    return new EtcdException(EtcdError.RAFT_INTERNAL, String.valueOf(cause.getMessage()), 0);
  }
}
