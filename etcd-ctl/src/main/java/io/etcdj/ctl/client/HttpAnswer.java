package io.etcdj.ctl.client;

/**
 * The part of an HTTP response the etcd client uses.
 *
 * @param status HTTP status code
 * @param etcdIndex value of {@code X-Etcd-Index}, or null when absent
 * @param body response body as UTF-8 text
 * @param location value of {@code Location}, or null when absent (redirects)
 */
public record HttpAnswer(int status, String etcdIndex, String body, String location) {}
