package io.etcdj.ctl.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Checks peer URLs before a member add or update, with the messages etcd's client gives, and sorts
 * them as it does (OTH-025).
 *
 * <p>Stateless; thread-safe.
 */
final class PeerUrls {
  private PeerUrls() {}

  static List<String> validate(List<String> urls) throws ApiError {
    if (urls.isEmpty()) {
      throw new ApiError("no valid URLs given");
    }
    List<String> out = new ArrayList<>();
    for (String raw : urls) {
      String in = raw.strip();
      URI u;
      try {
        u = new URI(in);
      } catch (URISyntaxException e) {
        throw new ApiError("parse " + GoText.quote(in) + ": invalid URI");
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme();
      if (!List.of("http", "https", "unix", "unixs").contains(scheme)) {
        throw new ApiError("URL scheme must be http, https, unix, or unixs: " + in);
      }
      if (u.getRawAuthority() == null || !u.getRawAuthority().matches(".*:[0-9]*$")) {
        throw new ApiError("URL address does not have the form \"host:port\": " + in);
      }
      if (u.getRawPath() != null && !u.getRawPath().isEmpty()) {
        throw new ApiError("URL must not contain a path: " + in);
      }
      out.add(in);
    }
    Collections.sort(out);
    return out;
  }
}
