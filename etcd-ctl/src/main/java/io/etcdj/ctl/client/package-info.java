/**
 * The etcd v2 HTTP client behind etcdctl: endpoint failover and cluster sync ({@link
 * io.etcdj.ctl.client.ClusterClient}), the keys, members and auth APIs, and the Go texts etcdctl
 * prints for their failures. It knows only the HTTP API, never the server's code.
 */
package io.etcdj.ctl.client;
