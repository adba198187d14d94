package io.etcdj.ctl.client;

import java.util.List;

/**
 * A node of the keys API as the Go client decodes it (CTL-032): fields it does not know are dropped
 * and absent ones take their zero value.
 *
 * @param key the key, {@code ""} for the root
 * @param dir whether the node is a directory
 * @param value the value, {@code ""} for directories
 * @param nodes children, or null when the answer had none
 * @param createdIndex creation index
 * @param modifiedIndex last modification index
 * @param expiration RFC 3339 expiration time as the server sent it, or null
 * @param ttl seconds left to live, 0 when none
 */
public record KeyNode(
    String key,
    boolean dir,
    String value,
    List<KeyNode> nodes,
    long createdIndex,
    long modifiedIndex,
    String expiration,
    long ttl) {}
