package io.etcdj.server.transport;

import com.google.protobuf.ByteString;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A rough manual measurement (not part of the suite): how many MsgApp per second one transport
 * moves to another on loopback, over the msgapp stream and over the pipeline alone. The sender
 * waits for the receiver to keep the number of messages in transit below the queue limits (2048 on
 * the stream; one batch of 50 on the pipeline, whose queue holds 64).
 *
 * <p>Usage: {@code StreamThroughput <stream messages> <pipeline messages>}.
 *
 * <p>Thread-safety: a program.
 */
public final class StreamThroughput {
  private StreamThroughput() {}

  public static void main(String[] args) throws Exception {
    int streamCount = Integer.parseInt(args[0]);
    int pipelineCount = Integer.parseInt(args[1]);
    ByteString payload = ByteString.copyFrom(new byte[128]);
    try (LoopbackNode a = LoopbackNode.start(1, 0xc1);
        LoopbackNode b = LoopbackNode.start(2, 0xc1)) {
      a.connect(b);
      Poll.until(() -> a.streamsUp(2), "streams");
      run("stream (msgappv2)", a, b, streamCount, payload, 100, 2048);
    }
    try (LoopbackNode a = LoopbackNode.start(1, 0xc1);
        LoopbackNode b = LoopbackNode.start(2, 0xc1)) {
      a.transport.addPeer(2, List.of(b.url()));
      run("pipeline", a, b, pipelineCount, payload, 50, 0);
    }
  }

  private static void run(
      String name,
      LoopbackNode a,
      LoopbackNode b,
      int count,
      ByteString payload,
      int batchSize,
      int outstanding) {
    b.raft.keepMessages = false;
    long start = System.nanoTime();
    long index = 1;
    int sent = 0;
    while (sent < count) {
      int batch = Math.min(batchSize, count - sent);
      List<Message> out = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        out.add(
            Message.newBuilder()
                .setType(MessageType.MsgApp)
                .setFrom(1)
                .setTo(2)
                .setTerm(2)
                .setLogTerm(2)
                .setIndex(index - 1)
                .setCommit(index - 1)
                .addEntries(Entry.newBuilder().setTerm(2).setIndex(index).setData(payload))
                .build());
        index++;
      }
      a.transport.send(out);
      sent += batch;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (b.raft.count.get() < sent - outstanding) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("receiver stuck at " + b.raft.count.get());
        }
        Thread.onSpinWait();
      }
    }
    Poll.until(Duration.ofSeconds(60), () -> b.raft.count.get() >= count, "all messages");
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s: %d MsgApp (1 entry of 128 B) in %.2f s = %.0f msg/s, unreachable reports %d%n",
        name, count, seconds, count / seconds, a.raft.unreachableCount(2));
  }
}
