package io.etcdj.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.Epoll;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Netty's one-time costs, paid on a thread of their own while a member's start does its other
 * work, instead of on the main thread when it binds its first port: loading the epoll native
 * library (Netty copies it out of the jar first), the first {@code @Sharable} check of a
 * pipeline, which parses annotations and has the JDK generate proxy classes for them, and the
 * class initialisation of the HTTP handlers, which the first connection would otherwise pay on
 * its event loop. All of it is cached for the whole JVM, so the listeners find it done (or wait
 * for it to finish); the handlers made here are dropped.
 *
 * <p>Thread-safety: {@link #begin} may be called from any thread; only the first call starts
 * anything. Must be called once SLF4J has started (Netty's loggers are SLF4J's), so that no
 * logger is created while SLF4J initializes.
 */
public final class NettyPreload {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private NettyPreload() {}

  /** Starts the preloading, the first time only. */
  public static void begin() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(NettyPreload::preload, "netty-preload");
    t.setDaemon(true);
    t.start();
  }

  private static void preload() {
    Epoll.isAvailable();
    ChannelInitializer.class.isAnnotationPresent(ChannelHandler.Sharable.class);
    // The HTTP pipeline's handlers, initialised here rather than by the first connection.
    GoServerCodec.create();
    new GoResponseHeaders();
    new HttpServerKeepAliveHandler();
    new HttpObjectAggregator(1);
    new OneRequestAtATime();
  }
}
