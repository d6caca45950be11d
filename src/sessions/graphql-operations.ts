import type { GraphqlOperation, GraphqlResult } from './graphql-messages';

const OPERATIONS_CAP = 50;
const RESULTS_CAP = 100;

type Mutable = { -readonly [K in keyof GraphqlOperation]: GraphqlOperation[K] } & { results: GraphqlResult[] };

/** Operations by id, newest last: at most 50 (finished ones make room first), 100 results each. */
export function createOperationBook() {
  const operations = new Map<string, Mutable>();
  let dropped = 0;
  return {
    get(id: string): GraphqlOperation | undefined {
      return operations.get(id);
    },
    isActive: (id: string) => operations.get(id)?.state === 'active',
    /** False when every kept operation is still active: a new one would have no room. */
    hasRoom(): boolean {
      if (operations.size < OPERATIONS_CAP) return true;
      return [...operations.values()].some((o) => o.state !== 'active');
    },
    start(operation: Omit<GraphqlOperation, 'state' | 'results' | 'resultsDropped'>) {
      operations.delete(operation.id); // an id may be reused once its operation is done
      operations.set(operation.id, { ...operation, state: 'active', results: [], resultsDropped: 0 });
      if (operations.size <= OPERATIONS_CAP) return;
      for (const [id, o] of operations) {
        if (o.state === 'active') continue;
        operations.delete(id);
        dropped++;
        return;
      }
    },
    result(id: string, result: GraphqlResult): boolean {
      const operation = operations.get(id);
      if (operation?.state !== 'active') return false;
      operation.results.push(result);
      if (operation.results.length > RESULTS_CAP) {
        operation.results.shift();
        operation.resultsDropped++;
        dropped++;
      }
      return true;
    },
    end(id: string, state: 'complete' | 'error' | 'closed', errors?: string[]): boolean {
      const operation = operations.get(id);
      if (operation?.state !== 'active') return false;
      operation.state = state;
      if (errors) operation.errors = errors;
      return true;
    },
    endAll() {
      for (const o of operations.values()) if (o.state === 'active') o.state = 'closed';
    },
    list: (): GraphqlOperation[] => [...operations.values()].map((o) => ({ ...o, results: [...o.results] })),
    get dropped() {
      return dropped;
    },
  };
}
