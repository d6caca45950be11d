import { utf8ByteLength } from '../core/bytes';

/** Topic names and filters (MQTT 5.0 § 4.7, the same rules as 3.1.1 § 4.7). Returns why not, or null. */

function checkString(text: string, what: string): string | null {
  if (text === '') return `A ${what} cannot be empty`;
  if (utf8ByteLength(text) > 65535) return `A ${what} is at most 65535 bytes`;
  // § 1.5.4: no U+0000 in any UTF-8 string.
  if (text.includes('\u0000')) return `A ${what} cannot contain U+0000`;
  return null;
}

export function topicNameProblem(topic: string): string | null {
  const problem = checkString(topic, 'topic name');
  if (problem) return problem;
  // § 4.7.1: wildcards are for filters only.
  if (/[#+]/.test(topic)) return `Topic name "${topic}" cannot contain the wildcards + or #`;
  return null;
}

export function topicFilterProblem(filter: string): string | null {
  const problem = checkString(filter, 'topic filter');
  if (problem) return problem;
  const levels = filter.split('/');
  for (const [i, level] of levels.entries()) {
    // § 4.7.1.2: '#' alone in the last level; § 4.7.1.3: '+' alone in its level.
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1))
      return `Bad topic filter "${filter}": # must be the last level, alone`;
    if (level.includes('+') && level !== '+') return `Bad topic filter "${filter}": + must fill a whole level`;
  }
  if (filter.startsWith('$share/')) {
    // § 4.8.2: $share/{ShareName}/{filter}, ShareName without wildcards.
    const [, share, ...rest] = levels;
    if (!share || /[#+]/.test(share) || rest.length === 0) return `Bad shared subscription "${filter}"`;
  }
  return null;
}
