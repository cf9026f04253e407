/**
 * One-at-a-time per lock name, within this process. The name is the store's `scope` plus the connection key,
 * never the store object: a host that builds a store per request still gets one queue per connection (two store
 * objects over one database share a scope).
 */
const tails = new Map<string, Promise<unknown>>();

export function withKeyLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(name) ?? Promise.resolve();
  const result = previous.then(task, task); // a failed predecessor must not block the queue
  const tail = result.then(
    () => {},
    () => {},
  );
  tails.set(name, tail);
  void tail.then(() => {
    if (tails.get(name) === tail) tails.delete(name); // nothing queued behind: forget the name
  });
  return result;
}

/**
 * Waits for the lock and answers the function that lets it go (a second call does nothing): for a hold that
 * spans calls (`TokenStore.hold` … `write`/`release`), where `withKeyLock`'s one task cannot.
 */
export function lockKey(name: string): Promise<() => void> {
  return new Promise((entered) => {
    void withKeyLock(name, () => new Promise<void>((letGo) => entered(letGo)));
  });
}
