package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.http.GoResponseHeaders;
import io.etcdj.server.http.GoServerCodec;
import io.etcdj.server.http.OneRequestAtATime;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client port's pipeline (STYLE 8): HTTP codec, keep-alive, body aggregation with etcd's
 * form limit, optional CORS, then the router with the whole route table.
 *
 * <p>Thread-safety: shared by the server's channels; it holds only immutable, shared handlers.
 */
public final class ClientInitializer extends ChannelInitializer<SocketChannel> {
  private final EtcdServer server;
  private final ClientRouter router;

  public ClientInitializer(EtcdServer server) {
    this.server = server;
    this.router = new ClientRouter(routes(server), server::clientRequestRead);
  }

  /** The route table, as etcd 2.3 mounts its client handlers (SPEC KEY-001, section 3). */
  static Map<String, Route> routes(EtcdServer server) {
    Map<String, Route> routes = new LinkedHashMap<>();
    KeysHandler keys = new KeysHandler(server);
    routes.put("/v2/keys", keys);
    routes.put("/v2/keys/", keys);
    MembersHandler members = new MembersHandler(server);
    routes.put("/v2/members", members);
    routes.put("/v2/members/", members);
    routes.put("/v2/machines", new MachinesHandler(server));
    AuthHandler.addRoutes(routes, server);
    StatsHandler stats = new StatsHandler(server);
    routes.put("/v2/stats/self", stats.self());
    routes.put("/v2/stats/leader", stats.leader());
    routes.put("/v2/stats/store", stats.store());
    routes.put("/version", new VersionHandler(server));
    routes.put("/health", new HealthHandler(server));
    routes.put("/metrics", new MetricsHandler(server));
    routes.put("/config/local/log", new LogLevelHandler());
    routes.put("/debug/vars", new DebugVarsHandler(server));
    return routes;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("codec", GoServerCodec.create());
    p.addLast("goHeaders", new GoResponseHeaders());
    p.addLast("keepAlive", new HttpServerKeepAliveHandler());
    if (!server.config().corsOrigins().isEmpty()) {
      p.addLast("cors", new CorsHeaders(server.config().corsOrigins()));
    }
    p.addLast("aggregator", new FormLimitAggregator(server.clusterIdHex()));
    p.addLast("sequence", new OneRequestAtATime());
    p.addLast("router", router);
  }
}
