/**
 * Runs at most `concurrency` tasks at once, in arrival order: the probe's bound on requests in
 * flight, for targets (in-process apps, fetch handlers) that have no connection pool to do it.
 * The queue is read by index, not shift(): a scan queues thousands of probes at once, and
 * shifting a long array moves every element each time.
 */
export function createLimit(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  let queue: (() => void)[] = [];
  let head = 0;
  const next = () => {
    active--;
    if (head < queue.length) {
      const start = queue[head]!;
      queue[head++] = undefined as unknown as () => void;
      if (head === queue.length) {
        queue = [];
        head = 0;
      }
      start();
    }
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        active++;
        // Two callbacks, not then().finally(): a scan runs thousands of tasks, and each
        // finally() costs two more promises.
        let started: Promise<T>;
        try {
          started = task();
        } catch (error) {
          next();
          reject(error);
          return;
        }
        started.then(
          (value) => {
            next();
            resolve(value);
          },
          (error: unknown) => {
            next();
            reject(error);
          },
        );
      };
      if (active < concurrency) start();
      else queue.push(start);
    });
}
