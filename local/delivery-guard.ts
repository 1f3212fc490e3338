/** Ids of messages handled and deleted that are remembered, at most. */
const REMEMBERED = 1000;

/** What to do with a received message: handle it, or delete this copy (its message is done). */
export type Claim = 'handle' | 'copy-of-done' | 'copy-in-hand';

/**
 * Keeps one process from handling a message twice at once or again after handling it: moto's
 * ReceiveMessage is not atomic, so two receive loops polling together can both get the same
 * message (a FIFO group's too), which SQS and Lambda's event source mapping never do. The
 * copy's receipt is the one moto now holds, so it is deleted once the message is done; a
 * message whose handling failed comes back and is handled again, as in SQS.
 */
export class DeliveryGuard {
  /** Messages being handled here, with the receipts of copies received meanwhile. */
  private readonly inHand = new Map<string, string[]>();
  private readonly done = new Set<string>();

  claim(messageId: string, receipt: string): Claim {
    if (this.done.has(messageId)) return 'copy-of-done';
    const copies = this.inHand.get(messageId);
    if (copies) {
      copies.push(receipt);
      return 'copy-in-hand';
    }
    this.inHand.set(messageId, []);
    return 'handle';
  }

  /**
   * The claimed message is finished: `done` when it was handled and deleted. Returns the
   * receipts of copies to delete too (none when it failed: it is to come back).
   */
  release(messageId: string, done: boolean): string[] {
    const copies = this.inHand.get(messageId) ?? [];
    this.inHand.delete(messageId);
    if (!done) return [];
    this.done.add(messageId);
    // A Set iterates in insertion order: the oldest go first.
    if (this.done.size > REMEMBERED) this.done.delete(this.done.values().next().value!);
    return copies;
  }
}
