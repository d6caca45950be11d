import { describe, expect, it } from 'vitest';
import type { EndpointLists } from '../../../src/core/endpoints';
import { createEndpointStore } from '../../../src/popup/endpoint-store';

function deferredStorage() {
  let resolveLoad: (value: unknown) => void = () => {};
  const saved: EndpointLists[] = [];
  const storage = {
    load: () => new Promise<unknown>((resolve) => (resolveLoad = resolve)),
    save: async (lists: EndpointLists) => void saved.push(lists),
  };
  return { storage, saved, resolveLoad: (value: unknown) => resolveLoad(value) };
}

describe('endpoint store', () => {
  it('keeps edits made before the stored lists loaded, on top of them, and saves the merge', async () => {
    const { storage, saved, resolveLoad } = deferredStorage();
    const store = createEndpointStore(storage);
    store.remember('ws://new/');
    store.save({ url: 'ws://saved-now/', protocols: '' });
    expect(saved).toEqual([]); // nothing written over the stored lists before they are known

    resolveLoad({ recentUrls: ['ws://old/'], endpoints: [{ url: 'ws://saved-before/', protocols: 'chat' }] });
    await new Promise((r) => setTimeout(r, 0));
    const expected = {
      recentUrls: ['ws://new/', 'ws://old/'],
      endpoints: [
        { url: 'ws://saved-before/', protocols: 'chat' },
        { url: 'ws://saved-now/', protocols: '' },
      ],
    };
    expect(store.getState().recentUrls).toEqual(expected.recentUrls);
    expect(new Set(store.getState().endpoints.map((e) => e.url))).toEqual(
      new Set(expected.endpoints.map((e) => e.url)),
    );
    expect(saved.at(-1)).toEqual(store.getState());

    store.forget({ url: 'ws://saved-before/', protocols: 'chat' });
    expect(store.getState().endpoints.map((e) => e.url)).toEqual(['ws://saved-now/']);
    expect(saved.at(-1)).toEqual(store.getState());
  });
});
