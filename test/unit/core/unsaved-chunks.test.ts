import { describe, expect, it } from 'vitest';
import { createSaveAcks } from '../../../src/core/save-acks';
import { createUnsavedChunks } from '../../../src/core/unsaved-chunks';

describe('unsaved chunks (what a relay keeps until the background has saved it)', () => {
  const seqs = (unsaved: { entries(): readonly { seq: number }[] }) => unsaved.entries().map((e) => e.seq);

  it('numbers chunks in order and forgets them once a cumulative confirmation covers them', () => {
    const unsaved = createUnsavedChunks<string>();
    expect(['a', 'b', 'c', 'd'].map((c) => unsaved.add(c, 1))).toEqual([0, 1, 2, 3]);
    unsaved.saved(1);
    expect(unsaved.entries()).toEqual([
      { seq: 2, chunk: 'c', size: 1 },
      { seq: 3, chunk: 'd', size: 1 },
    ]);
    unsaved.saved(1); // a repeated or late confirmation changes nothing
    unsaved.saved(0);
    expect(seqs(unsaved)).toEqual([2, 3]);
    unsaved.saved(3);
    expect(seqs(unsaved)).toEqual([]);
    expect(unsaved.add('e', 1)).toBe(4); // numbers are never reused
  });

  it('is bounded in chunks and in size: the oldest are forgotten, never the newest', () => {
    const unsaved = createUnsavedChunks<number>({ maxChunks: 3, maxSize: 100 });
    for (let i = 0; i < 5; i++) unsaved.add(i, 10);
    expect(seqs(unsaved)).toEqual([2, 3, 4]);
    unsaved.add(5, 85); // 10 + 85 fit; 10 + 10 + 85 do not
    expect(seqs(unsaved)).toEqual([4, 5]);
    unsaved.add(6, 1_000); // larger than the bound alone: kept, it has not been sent yet
    expect(seqs(unsaved)).toEqual([6]);
    unsaved.saved(6);
    unsaved.add(7, 100);
    expect(seqs(unsaved)).toEqual([7]); // the size of what was confirmed no longer counts
  });

  it('keeps order through many adds and confirmations', () => {
    const unsaved = createUnsavedChunks<number>({ maxChunks: 50, maxSize: Infinity });
    let confirmed = -1;
    for (let i = 0; i < 1_000; i++) {
      unsaved.add(i, 1);
      if (i % 7 === 0) unsaved.saved((confirmed = i - 3));
    }
    const kept = seqs(unsaved);
    expect(kept[0]).toBe(Math.max(confirmed + 1, 1_000 - 50));
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => kept[0]! + i));
    expect(kept.at(-1)).toBe(999);
  });

  it('clear forgets everything', () => {
    const unsaved = createUnsavedChunks<number>();
    unsaved.add(1, 1);
    unsaved.clear();
    expect(unsaved.entries()).toEqual([]);
  });
});

describe("save acks (the background confirming a relay's messages)", () => {
  function setup() {
    const waits: (() => void)[] = [];
    const confirmed: number[] = [];
    const recorded = createSaveAcks(
      () => new Promise<void>((resolve) => waits.push(resolve)),
      (seq) => confirmed.push(seq),
    );
    const saveLands = async () => {
      waits.shift()!();
      await Promise.resolve();
      await Promise.resolve();
    };
    return { waits, confirmed, recorded, saveLands };
  }

  it('waits for one save at a time; each confirms what was recorded when its wait began', async () => {
    const { waits, confirmed, recorded, saveLands } = setup();
    recorded(0);
    recorded(1);
    recorded(2);
    expect(waits).toHaveLength(1); // one wait, however many messages
    await saveLands();
    // 1 and 2 came after the wait began: another wait covers them (it resolves at once when
    // they went into the same write).
    expect(confirmed).toEqual([0]);
    expect(waits).toHaveLength(1);
    await saveLands();
    expect(confirmed).toEqual([0, 2]);
    expect(waits).toHaveLength(0);
    recorded(3);
    await saveLands();
    expect(confirmed).toEqual([0, 2, 3]);
  });

  it('never confirms a number lower than one it confirmed (Blob batches may be recorded late)', async () => {
    const { confirmed, recorded, saveLands } = setup();
    recorded(5);
    recorded(4);
    await saveLands();
    expect(confirmed).toEqual([5]);
  });
});
