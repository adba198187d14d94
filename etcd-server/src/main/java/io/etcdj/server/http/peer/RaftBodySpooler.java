package io.etcdj.server.http.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a large {@code POST /raft} body out of the heap: a MsgSnap from etcd 2.3 carries the whole
 * store (SPEC PTR-028), hundreds of megabytes for a million keys. The body is written to a scratch
 * file as it arrives, chunk by chunk, instead of being aggregated in memory; once complete it is
 * mapped read-only, the file unlinked (the mapping keeps its pages), and passed on as a {@link
 * MappedRequest} whose content is that mapping. {@link PipelineHandler} then parses it without
 * copying the snapshot's data (see {@link MappedMessage}).
 *
 * <p>The scratch file goes to the member's snap directory, on the data disk as etcd keeps its
 * received snapshots, not to the system temp directory, which may be a RAM-backed tmpfs. Its name
 * ends in {@code .tmp}, which the snapshot loader ignores, like the snapshotter's own scratch files.
 *
 * <p>Smaller bodies, other paths and bodies without a Content-Length go on to the aggregator as
 * before. Sits between the HTTP codec and the aggregator.
 *
 * <p>Thread-safety: not thread-safe; one instance per channel, used on its event loop only.
 */
final class RaftBodySpooler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger("rafthttp");

  /** Bodies above this are spooled; a MsgApp of etcd's usual 1 MiB batches stays in memory. */
  static final long SPOOL_ABOVE = 4L * 1024 * 1024;

  /** A complete request whose content maps a spooled body. */
  static final class MappedRequest extends DefaultFullHttpRequest {
    MappedRequest(HttpRequest head, ByteBuf content, HttpHeaders trailers) {
      super(head.protocolVersion(), head.method(), head.uri(), content, head.headers(), trailers);
    }
  }

  private final Path dir;
  private HttpRequest head;
  private Path file;
  private FileChannel channel;

  /** @param dir where scratch files go; null for the system temp directory (tests) */
  RaftBodySpooler(Path dir) {
    this.dir = dir;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (head == null) {
      if (msg instanceof HttpRequest r && !(msg instanceof FullHttpRequest) && spools(r)) {
        start(r);
      } else {
        ctx.fireChannelRead(msg);
      }
      return;
    }
    if (!(msg instanceof HttpContent c)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      for (ByteBuffer b : c.content().nioBuffers()) {
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
    } finally {
      c.release();
    }
    if (msg instanceof LastHttpContent last) {
      ctx.fireChannelRead(finish(last.trailingHeaders()));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    discard();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    discard();
    super.exceptionCaught(ctx, cause);
  }

  private static boolean spools(HttpRequest r) {
    if (!r.decoderResult().isSuccess() || !r.method().equals(HttpMethod.POST)) {
      return false;
    }
    String uri = r.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    long length = HttpUtil.getContentLength(r, -1L);
    // Above 2 GiB it cannot be one mapping nor a protobuf message: the aggregator refuses it.
    return path.equals("/raft") && length > SPOOL_ABOVE && length <= Integer.MAX_VALUE;
  }

  private void start(HttpRequest r) throws IOException {
    file =
        dir == null
            ? Files.createTempFile("etcd-raft-body-", ".tmp")
            : Files.createTempFile(dir, "etcd-raft-body-", ".tmp");
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    head = r;
    LOG.debug("spooling a {} byte pipeline body to {}", HttpUtil.getContentLength(r, -1L), file);
  }

  private MappedRequest finish(HttpHeaders trailers) throws IOException {
    try {
      ByteBuffer body = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      return new MappedRequest(head, Unpooled.wrappedBuffer(body), trailers);
    } finally {
      discard();
    }
  }

  /** Closes and unlinks the scratch file; a mapping made from it stays valid. */
  private void discard() throws IOException {
    head = null;
    if (channel != null) {
      channel.close();
      channel = null;
    }
    if (file != null) {
      Files.deleteIfExists(file);
      file = null;
    }
  }
}
