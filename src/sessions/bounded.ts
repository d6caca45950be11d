/** A list that keeps its newest `capacity` items and counts what it dropped. */
export interface BoundedList<T> {
  push(item: T): void;
  items(): readonly T[];
  readonly dropped: number;
}

export function createBoundedList<T>(capacity: number): BoundedList<T> {
  const list: T[] = [];
  let dropped = 0;
  return {
    push(item) {
      list.push(item);
      if (list.length > capacity) {
        list.splice(0, list.length - capacity);
        dropped++;
      }
    },
    items: () => list.slice(),
    get dropped() {
      return dropped;
    },
  };
}

/** Keeps the UI's copies small: long texts end with an ellipsis and their full length. */
export function clip(text: string, max = 4096): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
