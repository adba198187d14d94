package io.etcdj.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listening: a port already taken fails in etcd's (Go's) words. */
class EventLoopsTest {
  private final EventLoopGroup group = EventLoops.single("test-loop");

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private ServerBootstrap bootstrap() {
    return new ServerBootstrap()
        .group(group)
        .channel(EventLoops.serverChannel(group))
        .childHandler(new ChannelInboundHandlerAdapter());
  }

  @Test
  void aFreePortIsBound() throws Exception {
    Channel ch = EventLoops.bind(bootstrap(), "127.0.0.1", 0);
    try {
      assertThat(((InetSocketAddress) ch.localAddress()).getPort()).isPositive();
    } finally {
      ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aTakenPortFailsAsEtcdSaysIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EventLoops.bind(bootstrap(), "127.0.0.1", port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("listen tcp 127.0.0.1:" + port + ": bind: address already in use");
    }
  }
}
