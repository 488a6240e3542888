/** A partition's position: what has been handed to a handler, and which of those have not finished. */
interface PartitionProgress {
  topic: string;
  partition: number;
  /** Offsets (as bigint) whose handling has started and not ended. */
  inFlight: Set<bigint>;
  /** The offset after the last message started: the commit point once nothing is in flight. */
  next: bigint;
  /** The offset last handed to `commit` for this partition. */
  committed: bigint;
}

export interface PartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to read, as Kafka commits it. */
  offset: string;
}

/**
 * Which offsets of each partition may be committed when messages are handled concurrently: a partition's
 * commit point never passes a message still being handled, so that a process that dies mid-request has
 * everything it had not finished delivered again (at least once, as when messages were handled in turn).
 */
export class InFlightOffsets {
  private readonly partitions = new Map<string, PartitionProgress>();

  started(topic: string, partition: number, offset: string): void {
    const progress = this.progress(topic, partition, BigInt(offset));
    progress.inFlight.add(BigInt(offset));
    if (BigInt(offset) >= progress.next) progress.next = BigInt(offset) + 1n;
  }

  finished(topic: string, partition: number, offset: string): void {
    this.partitions.get(key(topic, partition))?.inFlight.delete(BigInt(offset));
  }

  /** How many messages are being handled now, over all partitions. */
  get size(): number {
    let size = 0;
    for (const progress of this.partitions.values()) size += progress.inFlight.size;
    return size;
  }

  /** The commit points that moved since the last call, marked as committed. */
  takeCommittable(): PartitionOffset[] {
    const moved: PartitionOffset[] = [];
    for (const progress of this.partitions.values()) {
      let point = progress.next;
      for (const offset of progress.inFlight) if (offset < point) point = offset;
      if (point <= progress.committed) continue;
      progress.committed = point;
      moved.push({ topic: progress.topic, partition: progress.partition, offset: point.toString() });
    }
    return moved;
  }

  /**
   * After a rebalance the group reads again from the committed offsets, which never pass a message that was
   * in flight: start over, so that a handler finishing late cannot move a partition this member owns again.
   */
  clear(): void {
    this.partitions.clear();
  }

  private progress(topic: string, partition: number, first: bigint): PartitionProgress {
    const name = key(topic, partition);
    let progress = this.partitions.get(name);
    if (!progress) {
      progress = { topic, partition, inFlight: new Set(), next: first, committed: first };
      this.partitions.set(name, progress);
    }
    return progress;
  }
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
