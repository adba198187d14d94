package io.etcdj.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback server that reads what a client sends first, writes a fixed reply (possibly nothing)
 * and closes the connection: something that is not etcd, for the errors etcdctl prints then
 * (ERR-006).
 *
 * <p>Thread-safe: one acceptor thread owns the connections.
 */
final class ClosingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread acceptor;

  /**
   * @param reply what each connection gets before it is closed ({@code ""} for nothing)
   */
  ClosingServer(String reply) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    byte[] bytes = reply.getBytes(StandardCharsets.ISO_8859_1);
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                  InputStream in = s.getInputStream();
                  in.read(new byte[65536]); // the request or the TLS hello, whatever it is
                  s.getOutputStream().write(bytes);
                } catch (IOException e) {
                  // closed by the test, or the client went away first
                }
              }
            },
            "closing-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.close();
    acceptor.join(5_000);
  }
}
