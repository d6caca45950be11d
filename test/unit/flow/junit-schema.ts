/** Validates XML against the vendored JUnit schema (test/fixtures/junit), offline, with libxml2. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync(path.resolve(__dirname, '../../fixtures/junit/JUnit.xsd'), 'utf8');

/** The schema's complaints ([] when the XML is valid). */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'JUnit.xsd', contents: XSD }],
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
