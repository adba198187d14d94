package io.etcdj.raft;

/**
 * The volatile part of a node's state that the application may want to observe: the current
 * leader (0 when none) and this node's role. It is not persisted.
 */
public record SoftState(long lead, StateType raftState) {}
