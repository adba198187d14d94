package io.etcdj.server.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DNS server on a loopback UDP port that answers SRV questions from a fixed table (RFC 1035
 * section 4.1 message format, RFC 2782 SRV data) and NXDOMAIN for every other name; just enough
 * for JNDI's DNS provider to run DNS SRV discovery in a test.
 *
 * <p>Thread-safety: one daemon thread answers; {@link #close()} stops it from any thread.
 */
final class SrvDnsServer implements AutoCloseable {
  private static final int TYPE_SRV = 33;

  /** One SRV record: {@code port} and {@code target} host. */
  record Srv(int port, String target) {}

  private final DatagramSocket socket;
  private final Map<String, List<Srv>> records;

  /** @param records record name (no trailing dot) -> its SRV records */
  SrvDnsServer(Map<String, List<Srv>> records) throws IOException {
    this.records = records;
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "test-dns");
    t.setDaemon(true);
    t.start();
  }

  /** {@code 127.0.0.1:<port>} */
  String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket in = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(in);
        byte[] answer = answer(ByteBuffer.wrap(in.getData(), 0, in.getLength()));
        socket.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        // closed, or a query this server does not understand: nothing to answer
      }
    }
  }

  private byte[] answer(ByteBuffer q) {
    short id = q.getShort();
    short flags = q.getShort();
    q.getShort(); // one question
    q.position(12);
    StringBuilder name = new StringBuilder();
    int questionStart = q.position();
    for (int len = q.get() & 0xff; len != 0; len = q.get() & 0xff) {
      byte[] label = new byte[len];
      q.get(label);
      name.append(name.length() == 0 ? "" : ".").append(new String(label, StandardCharsets.UTF_8));
    }
    int type = q.getShort() & 0xffff;
    q.getShort(); // class IN
    int questionEnd = q.position();
    List<Srv> found = records.get(name.toString().toLowerCase(Locale.ROOT));
    boolean hit = found != null && type == TYPE_SRV;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(12);
    header.putShort(id);
    // QR, authoritative, RD copied, RA; rcode 0 or 3 (NXDOMAIN)
    header.putShort((short) (0x8400 | (flags & 0x0100) | 0x0080 | (found == null ? 3 : 0)));
    header.putShort((short) 1).putShort((short) (hit ? found.size() : 0));
    header.putShort((short) 0).putShort((short) 0);
    out.writeBytes(header.array());
    out.write(q.array(), questionStart, questionEnd - questionStart);
    if (hit) {
      for (Srv srv : found) {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        for (String label : srv.target().split("\\.")) {
          target.write(label.length());
          target.writeBytes(label.getBytes(StandardCharsets.UTF_8));
        }
        target.write(0);
        ByteBuffer rr = ByteBuffer.allocate(2 + 2 + 2 + 4 + 2 + 6 + target.size());
        rr.putShort((short) 0xc00c); // the question's name
        rr.putShort((short) TYPE_SRV).putShort((short) 1).putInt(60);
        rr.putShort((short) (6 + target.size()));
        rr.putShort((short) 0).putShort((short) 0).putShort((short) srv.port());
        rr.put(target.toByteArray());
        out.writeBytes(rr.array());
      }
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    socket.close();
  }
}
