/**
 * Logging in etcd's capnslog format ({@code 2026-11-20 23:11:21.123456 I | etcdmain: ...}; SPEC
 * 5.3): logback configuration support. Logger names are etcd's package names ({@code etcdmain},
 * {@code etcdserver}, {@code raft}, {@code etcdhttp}, {@code flags}).
 */
package io.etcdj.server.log;
