package io.etcdj.server.http.client;

import io.etcdj.server.Request;

/**
 * A parsed {@code /v2/keys} request: what goes through the server, plus the one option that only
 * shapes the response.
 *
 * <p>Thread-safety: immutable.
 *
 * @param request the request for the server
 * @param noValueOnSuccess answer writes with {@code {"action":..}} only (SPEC KEY-098)
 */
record KeysRequest(Request request, boolean noValueOnSuccess) {}
