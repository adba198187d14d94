package io.etcdj.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalisation the golden files were recorded with: every etcd index relative to the index
 * seen before the scenario ({@code b+N}), the per-run key prefix as {@code {p}}, expirations
 * only checked for RFC 3339 form; and the comparison: values with ttl ±1, then key order.
 *
 * <p>Thread-safety: stateless.
 */
final class GoldenNormaliser {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern RFC3339 =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$");
  private static final Pattern TWENTY_DIGITS = Pattern.compile("\\b(\\d{20})\\b");
  private static final Pattern NUMBER = Pattern.compile("\\b(\\d+)\\b");

  private GoldenNormaliser() {}

  /** 0 stays 0; any other index n becomes "b+(n-base)". */
  static JsonNode index(String v, long base) {
    if (v.isEmpty() || !v.chars().allMatch(Character::isDigit)) {
      return TextNode.valueOf(v);
    }
    long n = Long.parseLong(v);
    return n == 0 ? IntNode.valueOf(0) : TextNode.valueOf("b+" + (n - base));
  }

  static JsonNode normalise(JsonNode node, long base, String prefix) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode out = F.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        JsonNode v = e.getValue();
        if (List.of("createdIndex", "modifiedIndex", "index").contains(k) && v.isIntegralNumber()) {
          out.set(k, index(v.asText(), base));
        } else if (k.equals("expiration") && v.isTextual()) {
          out.put(k, RFC3339.matcher(v.asText()).matches() ? "<rfc3339>" : "<bad>" + v.asText());
        } else if (k.equals("ttl") && v.isIntegralNumber()) {
          out.set(k, v);
        } else if (k.equals("cause") && v.isTextual()) {
          out.put(k, text(v.asText(), base, prefix, true));
        } else if (k.equals("key") && v.isTextual()) {
          out.put(k, text(v.asText(), base, prefix, false));
        } else if (v.isTextual()) {
          out.put(k, v.asText().replace(prefix, "{p}"));
        } else {
          out.set(k, normalise(v, base, prefix));
        }
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = F.arrayNode();
      node.forEach(x -> out.add(normalise(x, base, prefix)));
      return out;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(node.asText().replace(prefix, "{p}"));
    }
    return node;
  }

  /** Keys: 20-digit in-order names become index-relative; causes: large numbers too. */
  private static String text(String s, long base, String prefix, boolean numbers) {
    s = s.replace(prefix, "{p}");
    s = replace(TWENTY_DIGITS, s, m -> "{" + index(m.group(1), base).asText() + "}");
    if (numbers && base > 0) {
      s = replace(NUMBER, s, m -> {
        long n = Long.parseLong(m.group(1));
        return n >= base ? index(m.group(1), base).asText() : m.group(1);
      });
    }
    return s;
  }

  private static String replace(
      Pattern p, String s, java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Equal values, with integer ttl fields allowed to differ by one. */
  static boolean closeTtl(JsonNode a, JsonNode b) {
    if (a == null || b == null || a.isNull() || b.isNull()) {
      return (a == null || a.isNull()) && (b == null || b.isNull());
    }
    if (a.isObject() && b.isObject()) {
      List<String> ka = fieldNames(a);
      List<String> kb = fieldNames(b);
      if (!new java.util.HashSet<>(ka).equals(new java.util.HashSet<>(kb))) {
        return false;
      }
      for (String k : ka) {
        JsonNode x = a.get(k);
        JsonNode y = b.get(k);
        boolean ok =
            k.equals("ttl") && x.isIntegralNumber() && y.isIntegralNumber()
                ? Math.abs(x.asLong() - y.asLong()) <= 1
                : closeTtl(x, y);
        if (!ok) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!closeTtl(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Every object's key list, depth first: equal lists mean equal key order. */
  static List<List<String>> order(JsonNode n) {
    List<List<String>> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (n.isObject()) {
      out.add(fieldNames(n));
      n.forEach(v -> out.addAll(order(v)));
    } else if (n.isArray()) {
      n.forEach(v -> out.addAll(order(v)));
    }
    return out;
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
