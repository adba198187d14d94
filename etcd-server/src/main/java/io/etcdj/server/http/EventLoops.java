package io.etcdj.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * The member's Netty event loop groups: epoll when the platform has it, NIO otherwise, and how many
 * threads each listener gets.
 *
 * <p>Sizing: the loops never block, so a loop per free CPU is the most they can use; more only adds
 * preemption. A member is more than its client loops, though: the raft loop fsyncs, the apply and
 * snapshot threads run beside it, and the clients or other members often share the machine. On
 * two CPUs, two client loops and {@code wrk} were three busy threads on two cores: GET c=16 p99
 * 3.6-4.2 ms against 0.75-0.99 ms with one loop, and more requests a second too (55,087-60,780 vs
 * 64,076-67,108; docs/benchmarks.md, session 4). So the client listeners get every CPU but one,
 * and the peer connections share one thread with the raft loop ({@code RaftLoop}).
 */
public final class EventLoops {
  private EventLoops() {}

  /** Threads for the client listeners: every CPU but one, at least one. */
  public static int clientThreads() {
    return Math.max(1, cpus() - 1);
  }

  /** A group of {@code threads} loops: epoll when available. */
  public static EventLoopGroup group(int threads) {
    return group(threads, null);
  }

  /** One loop on a thread named {@code name}: epoll when available. */
  public static EventLoopGroup single(String name) {
    return group(1, new DefaultThreadFactory(name));
  }

  /** {@code names} null: Netty's default thread names. */
  private static EventLoopGroup group(int threads, ThreadFactory names) {
    return Epoll.isAvailable()
        ? new EpollEventLoopGroup(threads, names)
        : new NioEventLoopGroup(threads, names);
  }

  /** The listening channel type that runs on {@code group}. */
  public static Class<? extends ServerChannel> serverChannel(EventLoopGroup group) {
    return group instanceof EpollEventLoopGroup
        ? EpollServerSocketChannel.class
        : NioServerSocketChannel.class;
  }

  /** The dialing channel type that runs on {@code group}. */
  public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
    return group instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /**
   * Binds {@code host:port} and waits for it. A port that cannot be bound fails the way Go's
   * {@code net.Listen} does in etcd's log ({@code listen tcp 127.0.0.1:2379: bind: address already
   * in use}).
   *
   * @throws IllegalStateException when the address cannot be bound
   */
  public static Channel bind(ServerBootstrap bootstrap, String host, int port)
      throws InterruptedException {
    ChannelFuture f = bootstrap.bind(new InetSocketAddress(host, port)).await();
    if (!f.isSuccess()) {
      throw new IllegalStateException(
          "listen tcp " + hostPort(host, port) + ": bind: " + goError(f.cause()), f.cause());
    }
    return f.channel();
  }

  private static String hostPort(String host, int port) {
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Netty's "bind(..) failed: Address already in use" or the JDK's message, as Go words it. */
  private static String goError(Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    int colon = message.lastIndexOf(": ");
    String reason = colon >= 0 ? message.substring(colon + 2) : message;
    return reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }

  private static int cpus() {
    return Runtime.getRuntime().availableProcessors();
  }
}
