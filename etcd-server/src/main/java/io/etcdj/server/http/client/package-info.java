/**
 * The client port (2379): Netty pipeline, the route table and one handler per resource (keys,
 * members, machines, stats, version, health, log level, debug vars), plus the Go request-parsing
 * rules etcd's behaviour depends on (path cleaning, form decoding, ParseBool/ParseUint). Handlers
 * parse with pure functions, call {@link io.etcdj.server.EtcdServer} and answer in callbacks; they
 * never block an event loop (STYLE 8).
 */
package io.etcdj.server.http.client;
