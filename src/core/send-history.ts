/**
 * ↑/↓ recall of sent messages, like a shell: ↑ walks back, ↓ walks forward and finally returns
 * to the draft the user was typing before they started walking.
 */
export function createSendHistory(max = 100) {
  const items: string[] = [];
  let cursor = -1; // -1: not walking; else index into items
  let draft = '';
  return {
    push(text: string) {
      if (items.at(-1) !== text) items.push(text);
      if (items.length > max) items.shift();
      cursor = -1;
    },
    /** The previous entry, or null when there is none (the caller keeps its text). */
    previous(current: string): string | null {
      if (items.length === 0) return null;
      if (cursor === -1) {
        draft = current;
        cursor = items.length;
      }
      if (cursor === 0) return null;
      return items[--cursor]!;
    },
    next(): string | null {
      if (cursor === -1) return null;
      if (++cursor >= items.length) {
        cursor = -1;
        return draft;
      }
      return items[cursor]!;
    },
    get size() {
      return items.length;
    },
  };
}
export type SendHistory = ReturnType<typeof createSendHistory>;
