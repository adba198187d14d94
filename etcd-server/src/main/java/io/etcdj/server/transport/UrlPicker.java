package io.etcdj.server.transport;

import java.net.URI;
import java.util.List;

/**
 * Chooses which of a peer's URLs to use: stick with one until it fails, then move to the next (SPEC
 * PTR-027).
 *
 * <p>Thread-safety: thread-safe; all methods synchronize on the picker.
 */
final class UrlPicker {
  private List<URI> urls;
  private int current;

  UrlPicker(List<URI> urls) {
    update(urls);
  }

  synchronized URI pick() {
    return urls.get(current);
  }

  /** Moves on from {@code url} if it is still the one in use. */
  synchronized void unreachable(URI url) {
    if (urls.get(current).equals(url)) {
      current = (current + 1) % urls.size();
    }
  }

  synchronized void update(List<URI> newUrls) {
    if (newUrls.isEmpty()) {
      throw new IllegalArgumentException("a peer needs at least one URL");
    }
    urls = List.copyOf(newUrls);
    current = 0;
  }
}
