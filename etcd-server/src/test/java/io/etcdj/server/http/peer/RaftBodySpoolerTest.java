package io.etcdj.server.http.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PTR-028: a large {@code POST /raft} body is written to a scratch file in the directory given (the
 * member's snap dir) while it arrives, and handed on whole, mapped, once complete; the file is gone
 * by then.
 */
class RaftBodySpoolerTest {
  @TempDir Path snapDir;

  @Test
  void aLargeBodyIsSpooledInTheGivenDirectoryAndHandedOnWhole() throws Exception {
    int size = (int) RaftBodySpooler.SPOOL_ABOVE + 1000;
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 7);
    body[size - 1] = 9;
    EmbeddedChannel ch = new EmbeddedChannel(new RaftBodySpooler(snapDir));
    HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/raft");
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, size);

    ch.writeInbound(head);
    ch.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(body, 0, size / 2)));
    assertThat(scratchFiles()).hasSize(1);
    assertThat((Object) ch.readInbound()).isNull();

    ch.writeInbound(
        new DefaultLastHttpContent(Unpooled.wrappedBuffer(body, size / 2, size - size / 2)));
    RaftBodySpooler.MappedRequest whole = ch.readInbound();
    ByteBuf content = whole.content();
    assertThat(content.readableBytes()).isEqualTo(size);
    assertThat(content.getByte(0)).isEqualTo((byte) 7);
    assertThat(content.getByte(size - 1)).isEqualTo((byte) 9);
    assertThat(scratchFiles()).isEmpty();
    whole.release();
    ch.finishAndReleaseAll();
  }

  private List<Path> scratchFiles() throws Exception {
    try (Stream<Path> files = Files.list(snapDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
