package io.etcdj.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.store.V2Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <data-dir>/proxy/cluster} (SPEC CLU-070, PER-001): the cluster's peer URLs as JSON
 * {@code {"PeerURLs":[...]}}, rewritten after every successful refresh so that a restarted proxy
 * finds the cluster even if its members moved. Written to {@code cluster.bak}, synced, then
 * renamed over the old file, as etcd does.
 *
 * <p>Thread-safety: stateless apart from the file; writes come from the proxy's timer thread
 * only.
 */
final class ClusterFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  /** @param proxyDir {@code <data-dir>/proxy} */
  ClusterFile(Path proxyDir) {
    this.file = proxyDir.resolve("cluster");
  }

  Path path() {
    return file;
  }

  /** The peer URLs stored by an earlier run, if any. */
  Optional<List<String>> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode json = JSON.readTree(Files.readAllBytes(file));
    List<String> urls = new ArrayList<>();
    json.path("PeerURLs").forEach(u -> urls.add(u.asText()));
    return Optional.of(urls);
  }

  void write(List<String> peerUrls) throws IOException {
    byte[] body =
        ("{\"PeerURLs\":" + V2Json.quoteArray(peerUrls) + "}").getBytes(StandardCharsets.UTF_8);
    Path bak = file.resolveSibling("cluster.bak");
    try (FileChannel ch =
        FileChannel.open(
            bak,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(body));
      ch.force(true);
    }
    Files.move(bak, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
