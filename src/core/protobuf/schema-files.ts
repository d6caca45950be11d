import { common, parse, Root } from 'protobufjs';
import { locateError, messageOf } from './error-location';
import { resolveTypes } from './schema-resolve';

/** A .proto file as the user imported it: its name (a path is allowed) and its text. */
export interface ProtoFile {
  readonly name: string;
  readonly text: string;
}

export interface SchemaDiagnostic {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** .proto files are untrusted input: bounded in number and size. */
export const SCHEMA_LIMITS = { maxFiles: 256, maxFileChars: 1024 * 1024, maxTotalChars: 8 * 1024 * 1024 };

export interface LoadedSchema {
  readonly root: Root;
  readonly files: readonly string[];
  readonly diagnostics: readonly SchemaDiagnostic[];
}

/** protobufjs names the file in its errors and on every object it parses from this. */
const parseState = parse as unknown as { filename: string | null };
const PARSE_OPTIONS = { keepCase: true };

/**
 * Only custom options import descriptor.proto; protobufjs does not bundle it. Enough of it for
 * `extend google.protobuf.FieldOptions { … }` to resolve.
 */
const DESCRIPTOR_STUB = `syntax = "proto2"; package google.protobuf;
${['File', 'Message', 'Field', 'Oneof', 'Enum', 'EnumValue', 'Service', 'Method', 'ExtensionRange']
  .map((kind) => `message ${kind}Options { extensions 1000 to max; }`)
  .join('\n')}`;

export const normalizeName = (name: string) => name.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');

/** Parses the files into one registry of types. Never throws: problems become diagnostics. */
export function loadSchema(input: readonly ProtoFile[]): LoadedSchema {
  const diagnostics: SchemaDiagnostic[] = [];
  const root = new Root();
  const files = acceptedFiles(input, diagnostics);
  const byName = new Map(files.map((file) => [file.name, file]));
  const byBaseName = new Map(files.map((file) => [baseName(file.name), file]));
  const bundled = new Set<string>();
  for (const file of files) {
    const parsed = parseInto(root, file, diagnostics);
    for (const imported of parsed) {
      const path = normalizeName(imported);
      if (byName.has(path) || byBaseName.has(baseName(path))) continue;
      if (bundled.has(path)) continue;
      const json = common.get(path);
      if (json?.nested) root.addJSON(json.nested);
      else if (path === 'google/protobuf/descriptor.proto') parseInto(root, { name: path, text: DESCRIPTOR_STUB }, []);
      else {
        const at = locateImport(file.text, imported);
        diagnostics.push({ file: file.name, ...at, message: `imports "${imported}", which was not imported: add it` });
      }
      bundled.add(path);
    }
  }
  resolveTypes(root, byName, diagnostics);
  return { root, files: files.map((file) => file.name), diagnostics };
}

function acceptedFiles(input: readonly ProtoFile[], diagnostics: SchemaDiagnostic[]): ProtoFile[] {
  const files: ProtoFile[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const { name, text } of input.slice(0, SCHEMA_LIMITS.maxFiles)) {
    const file = { name: normalizeName(name), text };
    const problem = seen.has(file.name)
      ? 'imported twice: the first one is used'
      : text.length > SCHEMA_LIMITS.maxFileChars
        ? `larger than ${SCHEMA_LIMITS.maxFileChars} characters`
        : total + text.length > SCHEMA_LIMITS.maxTotalChars
          ? `over ${SCHEMA_LIMITS.maxTotalChars} characters in all`
          : null;
    if (problem) {
      diagnostics.push({ file: file.name, line: 1, column: 1, message: `not read: ${problem}` });
      continue;
    }
    seen.add(file.name);
    total += text.length;
    files.push(file);
  }
  if (input.length > SCHEMA_LIMITS.maxFiles)
    diagnostics.push({
      file: '',
      line: 1,
      column: 1,
      message: `only the first ${SCHEMA_LIMITS.maxFiles} files are read`,
    });
  return files;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Parses one file into `root`; returns what it imports. */
function parseInto(root: Root, file: ProtoFile, diagnostics: SchemaDiagnostic[]): readonly string[] {
  // Check the syntax alone first, so that a broken file adds nothing to the shared registry.
  const syntaxError = parseError(file.text, file.name);
  if (syntaxError !== null) {
    const reparse = (prefix: string) => parseError(prefix, file.name);
    diagnostics.push({ file: file.name, ...locateError(syntaxError, file.text, reparse), message: syntaxError });
    return [];
  }
  try {
    parseState.filename = file.name;
    const result = parse(file.text, root, PARSE_OPTIONS);
    return [...(result.imports ?? []), ...(result.weakImports ?? [])];
  } catch (error) {
    const message = messageOf(error);
    diagnostics.push({ file: file.name, ...locateError(message, file.text, () => null), message });
    return [];
  } finally {
    parseState.filename = null;
  }
}

function parseError(text: string, name: string): string | null {
  try {
    parseState.filename = name;
    const alone = new Root();
    parse(text, alone, PARSE_OPTIONS);
    resolveEdition(alone);
    return null;
  } catch (error) {
    return messageOf(error);
  } finally {
    parseState.filename = null;
  }
}

/** protobufjs checks `syntax`/`edition` only when resolving: do that part here, for this file alone. */
function resolveEdition(alone: Root): void {
  try {
    alone.resolveAll();
  } catch (error) {
    // Types from other files do not resolve yet; only an unknown edition is this file's error.
    if (messageOf(error).startsWith('Unknown edition')) throw error;
  }
}

function locateImport(text: string, imported: string): { line: number; column: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(`"${imported}"`) || line.includes(`'${imported}'`));
  return index === -1
    ? { line: 1, column: 1 }
    : { line: index + 1, column: (lines[index] ?? '').indexOf('import') + 1 };
}
