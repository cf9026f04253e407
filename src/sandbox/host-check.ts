/**
 * Which `Host` headers the sandbox answers. A page on any site can point its own domain at 127.0.0.1 (DNS
 * rebinding) and then drive the sandbox's control routes with the well-known default credentials, as if it were
 * the same origin. A rebound request still carries that domain in `Host`; so only names that cannot be rebound
 * are answered: IP literals, `localhost` and `*.localhost` (which browsers resolve to loopback themselves), the
 * host the sandbox was bound to, and the names the caller lists.
 */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function hostChecker(
  boundHost: string,
  hostNames: readonly string[] = [],
): (host: string | undefined) => boolean {
  const allowed = new Set([boundHost, ...hostNames].map((name) => name.toLowerCase()));
  return (host) => {
    if (host === undefined) return true; // HTTP/1.0 without Host: no browser sends that
    const name = hostName(host.toLowerCase());
    if (name === undefined) return false;
    return (
      allowed.has(name) ||
      IPV4.test(name) ||
      name.startsWith('[') ||
      name === 'localhost' ||
      name.endsWith('.localhost')
    );
  };
}

/** The name of `name[:port]` or `[v6][:port]`; undefined when malformed. */
function hostName(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.exec(host);
  return match?.[1]?.replace(/\.$/, '');
}
