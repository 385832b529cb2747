/**
 * Runs task(0), task(1), ... task(count - 1), at most `concurrency` at a time, starting them in
 * index order: the one worker pool of the load tools. Kept here rather than p-limit: workers over
 * one shared counter are all it takes, and p-limit is ESM-only, which jest here would have to
 * transform.
 */
export async function forEachConcurrently(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(concurrency, count)) }, worker));
}
