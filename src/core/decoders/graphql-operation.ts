export interface GraphQLOperation {
  readonly kind: 'query' | 'mutation' | 'subscription';
  /** Absent for an anonymous operation. */
  readonly name?: string;
}

const NAME = /[_A-Za-z][_0-9A-Za-z]*/y;

/**
 * The first operation of a GraphQL document, read at the top level only (names inside selection
 * sets, strings and comments do not count). Cheap: one pass, no GraphQL parser in the bundle.
 */
export function findOperation(query: string): GraphQLOperation | undefined {
  let depth = 0;
  let i = 0;
  let pending: string | undefined;
  let inFragment = false;
  while (i < query.length) {
    const c = query[i] as string;
    if (c === '#') {
      const eol = query.indexOf('\n', i);
      i = eol === -1 ? query.length : eol + 1;
    } else if (c === '"') {
      i = skipString(query, i);
    } else if (c === '{') {
      if (depth === 0 && pending === undefined && !inFragment) return { kind: 'query' };
      depth++;
      i++;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) inFragment = false;
      i++;
    } else if (depth === 0 && /[_A-Za-z]/.test(c)) {
      NAME.lastIndex = i;
      const word = NAME.exec(query)?.[0] ?? c;
      i += word.length;
      if (pending !== undefined) return { kind: pending as GraphQLOperation['kind'], name: word };
      if (word === 'query' || word === 'mutation' || word === 'subscription') pending = word;
      else if (word === 'fragment') inFragment = true;
    } else {
      if (depth === 0 && pending !== undefined && (c === '(' || c === '@'))
        return { kind: pending as GraphQLOperation['kind'] };
      i++;
    }
  }
  return pending === undefined ? undefined : { kind: pending as GraphQLOperation['kind'] };
}

function skipString(query: string, start: number): number {
  if (query.startsWith('"""', start)) {
    const end = query.indexOf('"""', start + 3);
    return end === -1 ? query.length : end + 3;
  }
  for (let i = start + 1; i < query.length; i++) {
    if (query[i] === '\\') i++;
    else if (query[i] === '"' || query[i] === '\n') return i + 1;
  }
  return query.length;
}
