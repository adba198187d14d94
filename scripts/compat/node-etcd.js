// node-etcd (the npm v2 client library, unchanged) against one member: each call's answer as one
// JSON line, times and the cluster ID masked, so that two members' outputs can be diffed.
// Usage: node node-etcd.js 127.0.0.1:2379   (scripts/compat-node runs it against etcd and us)
const Etcd = require('node-etcd');
const etcd = new Etcd([process.argv[2]]);
const out = [];
function scrub(x) {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'expiration' || k === 'date' || k === 'x-etcd-cluster-id' ? '<' + k + '>' : v)));
}
function step(name, fn) {
  return new Promise((resolve) => {
    fn((err, res, headers) => {
      const h = headers ? { index: headers['x-etcd-index'] } : null;
      out.push(JSON.stringify({ name, err: err ? scrub({ errorCode: err.errorCode, message: err.message, error: err.error }) : null, res: res ? scrub(res) : null, h }));
      resolve();
    });
  });
}
(async () => {
  await step('set', (cb) => etcd.set('/compat/a', '1', cb));
  await step('get', (cb) => etcd.get('/compat/a', cb));
  await step('set-prevExist', (cb) => etcd.set('/compat/a', '2', { prevExist: true }, cb));
  await step('cas-ok', (cb) => etcd.compareAndSwap('/compat/a', '3', '2', cb));
  await step('cas-fail', (cb) => etcd.compareAndSwap('/compat/a', '4', 'nope', cb));
  await step('mkdir', (cb) => etcd.mkdir('/compat/dir', cb));
  await step('mkdir-again', (cb) => etcd.mkdir('/compat/dir', cb));
  await step('create-inorder', (cb) => etcd.create('/compat/queue', 'job1', cb));
  await step('ttl', (cb) => etcd.set('/compat/ttl', 'x', { ttl: 100 }, cb));
  await step('ls', (cb) => etcd.get('/compat', { recursive: true, sorted: true }, cb));
  await step('get-missing', (cb) => etcd.get('/compat/missing', cb));
  await step('del', (cb) => etcd.del('/compat/a', cb));
  await step('rmdir', (cb) => etcd.rmdir('/compat/dir', cb));
  await step('del-dir-norecursive', (cb) => etcd.del('/compat', cb));
  await step('cad', (cb) => etcd.compareAndDelete('/compat/ttl', 'x', cb));
  await step('set-for-watch', (cb) => etcd.set('/compat/w', 'v1', cb));
  await step('watchIndex', (cb) => etcd.watchIndex('/compat/w', 1, { recursive: false }, cb));
  const w = etcd.watcher('/compat/w2');
  const changed = new Promise((resolve) => w.on('change', (v) => { w.stop(); resolve(v); }));
  await new Promise((r) => setTimeout(r, 300));
  await step('set-w2', (cb) => etcd.set('/compat/w2', 'hello', cb));
  out.push(JSON.stringify({ name: 'watcher-change', res: scrub(await changed) }));
  await step('raw-version', (cb) => etcd.raw('GET', 'version', null, {}, cb));
  await step('stats-self-keys', (cb) => etcd.selfStats((e, r) => cb(e, r ? Object.keys(r).sort() : r)));
  await step('leader-stats-keys', (cb) => etcd.leaderStats((e, r) => cb(e, r ? Object.keys(r).sort() : r)));
  await step('machines', (cb) => etcd.machines(cb));
  await step('leader', (cb) => etcd.leader(cb));
  console.log(out.join('\n'));
  process.exit(0); // node-etcd keeps sockets and timers that would hold the process open
})();
