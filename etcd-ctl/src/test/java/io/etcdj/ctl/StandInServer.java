package io.etcdj.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback server that is not etcd, for what etcdctl does then: one that accepts connections
 * and never answers (client time limits), or one that reads what a client sends first, writes a
 * fixed reply (possibly nothing) and closes the connection (the errors etcdctl prints, ERR-006).
 *
 * <p>Thread-safe: one acceptor thread owns the connections until {@link #close}.
 */
final class StandInServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> kept = new ArrayList<>();
  private final Thread acceptor;

  /** @param reply null to keep every connection open and silent */
  private StandInServer(String reply) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    byte[] bytes = reply == null ? null : reply.getBytes(StandardCharsets.ISO_8859_1);
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket s = socket.accept();
                  if (bytes == null) {
                    synchronized (kept) {
                      kept.add(s);
                    }
                    continue;
                  }
                  try (s) {
                    InputStream in = s.getInputStream();
                    in.read(new byte[65536]); // the request or the TLS hello, whatever it is
                    s.getOutputStream().write(bytes);
                  }
                } catch (IOException e) {
                  // closed by the test, or the client went away first
                }
              }
            },
            "stand-in-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Accepts connections and never answers. */
  static StandInServer silent() throws IOException {
    return new StandInServer(null);
  }

  /** Answers each connection with {@code reply} ({@code ""} for nothing), then closes it. */
  static StandInServer replyingAndClosing(String reply) throws IOException {
    return new StandInServer(reply);
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.close();
    acceptor.join(5_000);
    synchronized (kept) {
      for (Socket s : kept) {
        s.close();
      }
    }
  }
}
