/**
 * The variables etcd 2.3 publishes through Go's {@code expvar} and serves on {@code /debug/vars}
 * (SPEC OTH-014): the command line, the file descriptor limit, the runtime's memory statistics
 * (here the JVM's figures under Go's names) and raft's status, in Go's layout.
 */
package io.etcdj.server.expvar;
