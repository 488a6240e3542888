import { GroupCommitQueue } from './group-commit-queue.js';

describe('GroupCommitQueue', () => {
  it('commits what arrives while a batch commits as the next batch, in order, never two batches at once', async () => {
    const batches: number[][] = [];
    let committing = 0;
    let overlapped = false;
    const queue = new GroupCommitQueue<number>(async (batch) => {
      overlapped ||= committing > 0;
      committing++;
      batches.push(batch);
      await new Promise((resolve) => setTimeout(resolve, 5));
      committing--;
    }, { maxBatch: 3 });
    queue.push(1);
    await Promise.resolve();
    for (const n of [2, 3, 4, 5]) queue.push(n);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    expect(overlapped).toBe(false);
  });

  it('gathers what is handed over within a few microtasks into the first batch when asked to', async () => {
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<number>(async (batch) => void batches.push(batch), { maxBatch: 10, gatherFirst: true });
    for (const n of [1, 2, 3]) void Promise.resolve().then(() => queue.push(n));
    queue.push(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches).toEqual([[0, 1, 2, 3]]);
  });
});
