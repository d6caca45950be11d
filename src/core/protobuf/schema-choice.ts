import type { Direction } from '../../protocol';
import type { DecoderId } from '../decoders/types';

/**
 * Which message type the frames of a socket are, remembered per URL pattern and direction (the
 * UI keeps this in storage.local). Pure and serialisable, and free of the schema code, so a UI can
 * read it at start-up and load the schema chunk only when a choice applies.
 */
export type ChoiceDirection = Direction | 'both';
export type ChoiceFraming = 'none' | 'varint' | 'uint32' | 'grpc-web';

export interface SchemaChoice {
  /** The socket URL, where `*` stands for any run of characters (`wss://api.example.com/feed*`). */
  readonly urlPattern: string;
  readonly direction: ChoiceDirection;
  /** Fully qualified message type: `shop.v1.Order`. */
  readonly typeName: string;
  /** How messages sit in a frame: one per frame, or several behind lengths. */
  readonly framing: ChoiceFraming;
}

export interface SchemaChoices {
  readonly version: 1;
  readonly choices: readonly SchemaChoice[];
}

export const EMPTY_SCHEMA_CHOICES: SchemaChoices = { version: 1, choices: [] };
/** Stored data is untrusted: at most this many choices, patterns and names this long. */
export const MAX_CHOICES = 500;
const MAX_TEXT = 2048;

const DECODERS: Readonly<Record<ChoiceFraming, DecoderId>> = {
  none: 'protobuf',
  varint: 'protobuf-delimited',
  uint32: 'protobuf-prefixed',
  'grpc-web': 'grpc-web',
};

/** The "Decode as" decoder a choice stands for (its type goes in DecodeContext.protobufType). */
export const decoderIdFor = (choice: SchemaChoice): DecoderId => DECODERS[choice.framing];

/** Adds a choice, replacing the one for the same pattern and direction. */
export function setSchemaChoice(state: SchemaChoices, choice: SchemaChoice): SchemaChoices {
  const others = state.choices.filter((c) => c.urlPattern !== choice.urlPattern || c.direction !== choice.direction);
  return { version: 1, choices: [...others, choice].slice(-MAX_CHOICES) };
}

export function removeSchemaChoice(
  state: SchemaChoices,
  urlPattern: string,
  direction: ChoiceDirection,
): SchemaChoices {
  return { version: 1, choices: state.choices.filter((c) => c.urlPattern !== urlPattern || c.direction !== direction) };
}

/**
 * The choice for a socket's frames in one direction. Several may match: the pattern with the
 * most literal characters wins (an exact URL over `wss://host/*`), then one for this direction
 * over one for both, then the latest.
 */
export function findSchemaChoice(state: SchemaChoices, url: string, direction: Direction): SchemaChoice | null {
  let best: SchemaChoice | null = null;
  let bestScore = -1;
  for (const choice of state.choices) {
    if (choice.direction !== direction && choice.direction !== 'both') continue;
    if (!matchesPattern(choice.urlPattern, url)) continue;
    const score = choice.urlPattern.replace(/\*/g, '').length * 2 + (choice.direction === direction ? 1 : 0);
    if (score >= bestScore) [best, bestScore] = [choice, score];
  }
  return best;
}

/** `*` matches any run of characters (none included); everything else matches itself. */
export function matchesPattern(pattern: string, url: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (parts.length === 1) return pattern === url;
  if (!url.startsWith(first) || !url.endsWith(last) || url.length < first.length + last.length) return false;
  let at = first.length;
  const end = url.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = url.indexOf(middle, at);
    if (found === -1 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

/** Reads stored choices, keeping only well-formed ones. Never throws. */
export function parseSchemaChoices(stored: unknown): SchemaChoices {
  if (typeof stored !== 'object' || stored === null) return EMPTY_SCHEMA_CHOICES;
  const list = (stored as { choices?: unknown }).choices;
  if (!Array.isArray(list)) return EMPTY_SCHEMA_CHOICES;
  const choices = list.slice(-MAX_CHOICES).flatMap((item: unknown) => {
    const choice = validChoice(item);
    return choice ? [choice] : [];
  });
  return { version: 1, choices };
}

const isText = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= MAX_TEXT;

function validChoice(item: unknown): SchemaChoice | null {
  if (typeof item !== 'object' || item === null) return null;
  const { urlPattern, direction, typeName, framing = 'none' } = item as Record<string, unknown>;
  if (!isText(urlPattern) || !isText(typeName)) return null;
  if (direction !== 'in' && direction !== 'out' && direction !== 'both') return null;
  if (typeof framing !== 'string' || !Object.hasOwn(DECODERS, framing)) return null;
  return { urlPattern, direction, typeName, framing: framing as ChoiceFraming };
}
