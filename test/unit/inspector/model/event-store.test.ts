import { describe, expect, it } from 'vitest';
import { createEventStore } from '../../../../src/inspector/model/event-store';
import { closed, created, text } from '../../fixtures/events';

describe('event store', () => {
  it('keeps indices for life and evicts the oldest events beyond its frame bound', () => {
    const store = createEventStore({ maxFrames: 3, maxEvents: 100 });
    expect(store.append([created('a', 0), text('a', 1, 'in', 'one'), text('a', 2, 'in', 'two')])).toEqual([]);
    const evicted = store.append([text('a', 3, 'in', 'three'), text('a', 4, 'in', 'four')]);
    // Two frames too many: the created event before them goes with the first.
    expect(evicted.map((e) => e.time)).toEqual([0, 1]);
    expect([store.head, store.end, store.frameCount]).toEqual([2, 5, 3]);
    expect(store.at(2).time).toBe(2);
    expect(store.all().map((e) => e.time)).toEqual([2, 3, 4]);
  });

  it('bounds lifecycle events too, and tightening the bounds evicts at once', () => {
    const store = createEventStore({ maxFrames: 10, maxEvents: 3 });
    store.append([created('a', 0), closed('a', 1), created('b', 2), closed('b', 3)]);
    expect(store.all().map((e) => e.time)).toEqual([1, 2, 3]);
    expect(store.setBounds({ maxFrames: 10, maxEvents: 1 }).map((e) => e.time)).toEqual([1, 2]);
    expect(store.head).toBe(3);
  });

  it('stays O(1) per event at its bound: 200,000 appends keep the last 1,000 with the right indices', () => {
    const store = createEventStore({ maxFrames: 1_000, maxEvents: 2_000 });
    for (let i = 0; i < 200_000; i++) store.append([text('a', i, 'in', `${i}`)]);
    expect([store.head, store.end]).toEqual([199_000, 200_000]);
    expect(store.at(199_000).time).toBe(199_000);
    expect(store.at(199_999).time).toBe(199_999);
  });

  it('clear() empties it; indices go on, so an old selection points at nothing new', () => {
    const store = createEventStore();
    store.append([text('a', 0, 'in', 'x'), text('a', 1, 'in', 'y')]);
    store.clear();
    expect([store.head, store.end, store.frameCount]).toEqual([2, 2, 0]);
    store.append([text('a', 5, 'in', 'z')]);
    expect(store.at(2).time).toBe(5);
  });
});
