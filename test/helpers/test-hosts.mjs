// Preloaded into a CLI run (NODE_OPTIONS=--import ...): resolves every name under
// checksecure.test (a reserved TLD, never on the network) to 127.0.0.1, as a line in /etc/hosts
// would. The CLI then treats the target as a remote site (not this machine) while every request
// stays on loopback. Everything else resolves as usual.
import dns from 'node:dns';
import process from 'node:process';

const resolve = dns.lookup;

dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'object' && options !== null ? options : {};
  if (!/(^|\.)checksecure\.test$/i.test(hostname)) return resolve.call(this, hostname, options, callback);
  process.nextTick(() =>
    opts.all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4),
  );
  return {};
};
