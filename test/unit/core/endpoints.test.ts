import { describe, expect, it } from 'vitest';
import { readEndpointLists, rememberUrl, saveEndpoint } from '../../../src/core/endpoints';

describe('recent URLs and saved endpoints', () => {
  it('keeps recent URLs newest first, unique, bounded', () => {
    let list: string[] = [];
    for (let i = 0; i < 12; i++) list = rememberUrl(list, `ws://h/${i}`);
    list = rememberUrl(list, 'ws://h/5');
    expect(list).toHaveLength(10);
    expect(list.slice(0, 3)).toEqual(['ws://h/5', 'ws://h/11', 'ws://h/10']);
  });
  it('saves endpoints without duplicates', () => {
    const a = { url: 'ws://a/', protocols: 'chat' };
    expect(saveEndpoint(saveEndpoint([], a), a)).toEqual([a]);
  });
  it('reads back only well-formed data', () => {
    expect(
      readEndpointLists({
        recentUrls: ['ws://a/', 3],
        endpoints: [{ url: 'ws://b/', protocols: '' }, { url: 1 }, null],
      }),
    ).toEqual({
      recentUrls: ['ws://a/'],
      endpoints: [{ url: 'ws://b/', protocols: '' }],
    });
    expect(readEndpointLists(undefined)).toEqual({ recentUrls: [], endpoints: [] });
  });
});
