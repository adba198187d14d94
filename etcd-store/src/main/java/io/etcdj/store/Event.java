package io.etcdj.store;

/**
 * One store event: the result of a read or write, and what watchers receive.
 *
 * @param action get, set, create, update, delete, compareAndSwap, compareAndDelete or expire
 * @param node the node after the operation (for deletes: key and indexes only)
 * @param prevNode the node before the operation, or null (SPEC KEY-110)
 * @param etcdIndex the store index this event carries (X-Etcd-Index)
 * @param refresh true for a TTL refresh, which watchers never see (SPEC KEY-127)
 */
public record Event(
    String action, NodeExtern node, NodeExtern prevNode, long etcdIndex, boolean refresh) {}
