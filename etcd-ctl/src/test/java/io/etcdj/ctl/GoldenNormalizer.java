package io.etcdj.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes outputs of two different members comparable: the member's URLs and ID become placeholders,
 * expiration times become {@code <time>}, and every etcd index (in {@code Created-Index}, {@code
 * modifiedIndex}, error {@code [N]}, compare causes, in-order key names) becomes {@code <idx+k>}
 * relative to the first index the scenario printed. The same patterns find the base in {@code
 * record-golden.py}.
 *
 * <p>Not thread-safe: one instance per scenario run (it remembers the base index).
 */
final class GoldenNormalizer {
  private static final List<Pattern> INDEX_PATTERNS =
      List.of(
          Pattern.compile("(?:Created-Index|Modified-Index|Index): (\\d+)"),
          Pattern.compile("\"(?:createdIndex|modifiedIndex|index)\":(\\d+)"),
          Pattern.compile("\\) \\[(\\d+)\\]$", Pattern.MULTILINE),
          Pattern.compile("/(\\d{20})\\b"));
  private static final List<Pattern> OTHER_INDEXES =
      List.of(Pattern.compile("\\[\\d+ != (\\d+)\\]"), Pattern.compile("waitIndex=(\\d+)"));

  /**
   * Where etcdctl 2.3 and the recorded 3.4 differ by design, the SPEC says to follow 2.3 (CTL-001,
   * CTL-009): the version in the help, the 1s default of {@code --timeout}, and the 3.4-only flags
   * {@code --insecure-discovery} and {@code backup --with-v3}. Their help columns are narrower than
   * the widest flag, so removing their lines does not move the others.
   */
  private static final Map<Pattern, String> ETCDCTL_23 =
      Map.of(
          Pattern.compile("VERSION:\\n   3\\.4\\.23\\n"), "VERSION:\n   2.3.8\n",
          Pattern.compile("connection timeout per request \\(default: 2s\\)"),
              "connection timeout per request (default: 1s)",
          Pattern.compile("^   --(insecure-discovery|with-v3) .*\\n", Pattern.MULTILINE), "");

  /** A new member's ID is derived from the clock (OTH-026). */
  private static final Pattern ADDED_ID = Pattern.compile("(with ID )[0-9a-f]+( to cluster)");

  /** Members are listed by ID, so the order of a new (time-derived) ID among them varies. */
  private static final Pattern INITIAL_CLUSTER =
      Pattern.compile("ETCD_INITIAL_CLUSTER=\"([^\"]*)\"");

  private static final Pattern EXPIRATION = Pattern.compile("\"expiration\":\"[^\"]*\"");
  private static final Pattern IDX = Pattern.compile("\\{idx\\+(\\d+)\\}");

  private final Map<String, String> literals = new LinkedHashMap<>();
  private final Map<String, String> commandValues = new LinkedHashMap<>();
  private Long base;

  GoldenNormalizer(String clientUrl, String peerUrl, String memberId) {
    literals.put(clientUrl, "<client>");
    literals.put(peerUrl, "<peer>");
    literals.put(memberId, "<member>");
    commandValues.put("{client}", clientUrl);
    commandValues.put("{peer}", peerUrl);
    commandValues.put("{member}", memberId);
  }

  /**
   * Replaces {@code {idx+N}} in a command by the real index (base + N), and {@code {member}},
   * {@code {peer}}, {@code {client}} by this member's ID and URLs.
   */
  String substitute(String command) {
    for (Map.Entry<String, String> e : commandValues.entrySet()) {
      command = command.replace(e.getKey(), e.getValue());
    }
    Matcher m = IDX.matcher(command);
    StringBuilder s = new StringBuilder();
    while (m.find()) {
      if (base == null) {
        throw new IllegalStateException("no index seen before " + command);
      }
      m.appendReplacement(s, Long.toString(base + Long.parseLong(m.group(1))));
    }
    return m.appendTail(s).toString();
  }

  /** Learns the base from the first output that shows an index. */
  void observe(String output) {
    if (base != null) {
      return;
    }
    int bestPos = Integer.MAX_VALUE;
    for (Pattern p : INDEX_PATTERNS) {
      Matcher m = p.matcher(output);
      if (m.find() && m.start(1) < bestPos) {
        bestPos = m.start(1);
        base = Long.parseLong(m.group(1));
      }
    }
  }

  /** For recorded output only: the 2.3 behaviour expected instead of 3.4's (see above). */
  String normalizeRecorded(String text) {
    for (Map.Entry<Pattern, String> e : ETCDCTL_23.entrySet()) {
      text = e.getKey().matcher(text).replaceAll(Matcher.quoteReplacement(e.getValue()));
    }
    return normalize(text);
  }

  String normalize(String text) {
    for (Map.Entry<String, String> e : literals.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    text = ADDED_ID.matcher(text).replaceAll("$1<new-member>$2");
    text =
        INITIAL_CLUSTER
            .matcher(text)
            .replaceAll(
                m -> {
                  List<String> parts = new java.util.ArrayList<>(List.of(m.group(1).split(",")));
                  java.util.Collections.sort(parts);
                  return Matcher.quoteReplacement(
                      "ETCD_INITIAL_CLUSTER=\"" + String.join(",", parts) + "\"");
                });
    text = EXPIRATION.matcher(text).replaceAll("\"expiration\":\"<time>\"");
    if (base == null) {
      return text;
    }
    for (Pattern p : INDEX_PATTERNS) {
      text = relative(p, text);
    }
    for (Pattern p : OTHER_INDEXES) {
      text = relative(p, text);
    }
    return text;
  }

  private String relative(Pattern p, String text) {
    Matcher m = p.matcher(text);
    StringBuilder s = new StringBuilder();
    while (m.find()) {
      long value = Long.parseLong(m.group(1));
      long k = value - base;
      // Index 0 is no index at all (parse and auth errors, KEY-036): keep it literally.
      String rel = value == 0 ? "0" : "<idx" + (k >= 0 ? "+" : "") + k + ">";
      String whole = m.group();
      int from = m.start(1) - m.start();
      int to = m.end(1) - m.start();
      m.appendReplacement(
          s, Matcher.quoteReplacement(whole.substring(0, from) + rel + whole.substring(to)));
    }
    return m.appendTail(s).toString();
  }
}
