import { describe, expect, it } from 'vitest';
import { DeliveryGuard } from '../../../local/delivery-guard';

describe('DeliveryGuard', () => {
  it('hands a message out once, and the receipts of copies received meanwhile once it is done', () => {
    // Prepare
    const guard = new DeliveryGuard();

    // Act
    const first = guard.claim('m1', 'r1');
    const copy = guard.claim('m1', 'r2');
    const copies = guard.release('m1', true);
    const late = guard.claim('m1', 'r3');

    // Assess
    expect([first, copy, late]).toEqual(['handle', 'copy-in-hand', 'copy-of-done']);
    expect(copies).toEqual(['r2']);
  });

  it('lets a message whose handling failed be handled again, keeping its copies', () => {
    // Prepare
    const guard = new DeliveryGuard();
    guard.claim('m1', 'r1');
    guard.claim('m1', 'r2');

    // Act
    const copies = guard.release('m1', false);
    const again = guard.claim('m1', 'r3');

    // Assess
    expect(copies).toEqual([]);
    expect(again).toBe('handle');
  });

  it('keeps apart messages with other ids', () => {
    // Prepare
    const guard = new DeliveryGuard();
    guard.claim('m1', 'r1');

    // Act
    const other = guard.claim('m2', 'r2');

    // Assess
    expect(other).toBe('handle');
  });

  it('forgets the oldest done messages past a thousand', () => {
    // Prepare
    const guard = new DeliveryGuard();
    for (let i = 0; i <= 1000; i++) {
      guard.claim(`m${i}`, `r${i}`);
      guard.release(`m${i}`, true);
    }

    // Act
    const oldest = guard.claim('m0', 'again');
    const newest = guard.claim('m1000', 'again');

    // Assess
    expect(oldest).toBe('handle');
    expect(newest).toBe('copy-of-done');
  });
});
