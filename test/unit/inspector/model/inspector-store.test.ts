import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../../../src/inspector/model/filter';
import { createInspectorStore } from '../../../../src/inspector/model/inspector-store';
import { closed, created, opened, text } from '../../fixtures/events';

const rowTimes = (store: ReturnType<typeof createInspectorStore>) => {
  const { rows, events } = store.getState();
  return Array.from({ length: rows.count }, (_, r) => events.at(rows.at(r)).time);
};

/** Resolves at the store's next notification (new events show on a throttled render). */
const changed = (store: ReturnType<typeof createInspectorStore>) =>
  new Promise<void>((resolve) => {
    const off = store.subscribe(() => (off(), resolve()));
  });

describe('inspector store', () => {
  it('folds sockets, filters, counts matches per socket, and narrows to a selected socket', () => {
    const store = createInspectorStore();
    store.replace([
      created('a', 1),
      opened('a', 2),
      text('a', 3, 'out', 'ping'),
      created('b', 4),
      text('b', 5, 'in', 'ping pong'),
      closed('a', 6, 4001, 'bye'),
    ]);
    expect(store.getState().sockets.get('a')).toMatchObject({ state: 'closed', framesOut: 1, closeCode: 4001 });
    store.setFilter({ ...EMPTY_FILTER, text: 'ping' });
    expect(rowTimes(store)).toEqual([3, 5]);
    expect(Object.fromEntries(store.getState().matchCounts)).toEqual({ a: 1, b: 1 });
    store.selectSocket('b');
    expect(rowTimes(store)).toEqual([5]);
    expect(store.getState().filterActive).toBe(true);
  });

  it('reports an invalid regular expression and shows nothing rather than throwing', () => {
    const store = createInspectorStore();
    store.replace([text('a', 1, 'in', 'x')]);
    store.setFilter({ ...EMPTY_FILTER, text: '(', regex: true });
    expect(store.getState().filterError).toMatch(/^Invalid regular expression/);
    expect(store.getState().rows.count).toBe(0);
  });

  it('stays within its bounds: evicted rows, matches and a selection on them go', async () => {
    const store = createInspectorStore({ bounds: { maxFrames: 3, maxEvents: 10 } });
    store.replace([text('a', 1, 'in', 'hit'), text('a', 2, 'in', 'miss'), text('a', 3, 'in', 'hit')]);
    store.setFilter({ ...EMPTY_FILTER, text: 'hit' });
    store.selectEvent(0);
    expect(store.selected()?.time).toBe(1);
    const rendered = changed(store);
    store.append([text('a', 4, 'in', 'hit'), text('a', 5, 'in', 'miss')]);
    await rendered;
    expect(rowTimes(store)).toEqual([3, 4]);
    expect(store.getState().matchCounts.get('a')).toBe(2);
    expect(store.getState().evicted).toBe(2);
    expect(store.selected()).toBeNull();
    expect(store.getState().sockets.get('a')?.framesIn).toBe(5); // totals outlive eviction
  });

  it('pause keeps the rows where they were while events arrive; resume shows them', async () => {
    const store = createInspectorStore();
    store.replace([text('a', 1, 'in', 'x')]);
    store.setPaused(true);
    const rendered = changed(store);
    store.append([text('a', 2, 'in', 'y')]);
    await rendered;
    expect(rowTimes(store)).toEqual([1]);
    store.setPaused(false);
    expect(rowTimes(store)).toEqual([1, 2]);
  });
});
