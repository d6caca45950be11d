import { Namespace, Type, type ReflectionObject, type Root } from 'protobufjs';
import { messageOf } from './error-location';
import type { ProtoFile, SchemaDiagnostic } from './schema-files';

/** Resolves every field's type; one that does not resolve is a diagnostic where it is declared. */
export function resolveTypes(root: Root, files: ReadonlyMap<string, ProtoFile>, diagnostics: SchemaDiagnostic[]): void {
  try {
    root.resolveAll();
  } catch {
    // The walk below names each field that does not resolve.
  }
  for (const type of allTypes(root)) {
    for (const field of type.fieldsArray) {
      try {
        field.resolve();
      } catch (error) {
        const file = files.get(field.filename ?? type.filename ?? '');
        const at = file ? locateField(file.text, field.name) : { line: 1, column: 1 };
        diagnostics.push({
          file: file?.name ?? '',
          ...at,
          message: `${type.fullName.slice(1)}.${field.name}: ${messageOf(error)}`,
        });
      }
    }
  }
}

function locateField(text: string, fieldName: string): { line: number; column: number } {
  const lines = text.split('\n');
  const pattern = new RegExp(`\\b${fieldName}\\s*=`);
  const index = lines.findIndex((line) => pattern.test(line));
  return index === -1 ? { line: 1, column: 1 } : { line: index + 1, column: (lines[index] ?? '').search(pattern) + 1 };
}

/** Every message type, nested ones included, depth-first. */
export function allTypes(namespace: Namespace | Type): Type[] {
  const types: Type[] = [];
  const walk = (objects: readonly ReflectionObject[]) => {
    for (const object of objects) {
      if (object instanceof Type) types.push(object);
      if (object instanceof Namespace || object instanceof Type) walk(object.nestedArray);
    }
  };
  walk(namespace.nestedArray);
  return types;
}
