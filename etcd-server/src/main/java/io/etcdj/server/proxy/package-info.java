/**
 * etcd 2.3's v2 proxy ({@code --proxy on|readonly}, SPEC section 4.7): a process that holds no
 * data and forwards client requests to the cluster's members.
 *
 * <h2>Finding the cluster (CLU-070, CLU-072)</h2>
 *
 * The peer URLs come from {@code <data-dir>/proxy/cluster} if it exists, else from {@code
 * --discovery} (the full registered cluster), else from every URL of {@code --initial-cluster}.
 * They are asked in turn for {@code GET <peer>/members}; the first answer with an {@code
 * X-Etcd-Cluster-ID} header gives the members' client URLs (the endpoints, shuffled) and replaces
 * the known peer URLs. This repeats every {@code --proxy-refresh-interval}, or every second while
 * no endpoint is known and the interval is the default 30 s or longer.
 *
 * <h2>{@code proxy/cluster}</h2>
 *
 * JSON {@code {"PeerURLs":["http://10.0.0.1:2380",...]}}, sorted, no trailing newline; written as
 * {@code cluster.bak}, synced, then renamed over {@code cluster} after each successful refresh.
 *
 * <h2>Forwarding (CLU-073..075)</h2>
 *
 * <ul>
 *   <li>{@code --proxy readonly}: any method but GET gets 501 with an empty body.
 *   <li>{@code GET /v2/config/local/proxy}: 200 {@code text/plain; charset=utf-8} body {@code
 *       {"endpoints":[...]}\n}; other methods 405 {@code Allow: GET}, body {@code Method Not
 *       Allowed\n}.
 *   <li>Anything else is forwarded as is (path and query; an absolute-form target keeps only its
 *       path) to the first available endpoint, the buffered body replayed to the next endpoint
 *       whenever one gives no response; that endpoint is then skipped for {@code
 *       --proxy-failure-wait}. Hop-by-hop headers are dropped both ways and the client address is
 *       appended to {@code X-Forwarded-For}. The response is relayed as it arrives (watches).
 *   <li>No endpoint: 503 {@code {"message":"httpproxy: zero endpoints currently available"}};
 *       none answered: 502 {@code {"message":"httpproxy: unable to get response from <n>
 *       endpoint(s)"}}, both {@code application/json}.
 * </ul>
 */
package io.etcdj.server.proxy;
