package io.etcdj.ctl.client;

/**
 * A successful keys API answer.
 *
 * @param action the event action ({@code get}, {@code set}, ...)
 * @param node the node, never null (an empty node when the body had none)
 * @param prevNode the previous node, or null
 * @param index the {@code X-Etcd-Index} header, 0 when absent
 */
public record KeyResponse(String action, KeyNode node, KeyNode prevNode, long index) {}
