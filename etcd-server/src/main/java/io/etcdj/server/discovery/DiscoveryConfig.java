package io.etcdj.server.discovery;

/**
 * The discovery flags (SPEC FLG-036, CLU-050..062).
 *
 * <p>Thread-safety: immutable.
 *
 * @param url {@code --discovery}: the token URL on a discovery etcd; empty when not used
 * @param proxy {@code --discovery-proxy}: an HTTP proxy for reaching it; empty for none
 * @param fallbackToProxy {@code --discovery-fallback}: {@code proxy} (true) or {@code exit}
 * @param srvDomain {@code --discovery-srv}: the DNS domain whose SRV records name the peers
 */
public record DiscoveryConfig(String url, String proxy, boolean fallbackToProxy, String srvDomain) {

  /** No discovery: the cluster comes from {@code --initial-cluster}. */
  public static DiscoveryConfig none() {
    return new DiscoveryConfig("", "", true, "");
  }

  /** Whether a discovery URL was given. */
  public boolean enabled() {
    return !url.isEmpty();
  }
}
