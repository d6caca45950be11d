/**
 * A flow report as JUnit XML, in the shape of Apache Ant's JUnit schema (what CI servers read):
 * <testsuites><testsuite …><properties/><testcase …/>…<system-out/><system-err/></testsuite>.
 * One testcase per step that is not a repeat (a repeat's steps stand for it). Every string is
 * escaped, and characters XML 1.0 cannot hold at all are replaced: frames are untrusted text.
 */
import { flattenSteps, formatReport, type FlowReport } from './report';

export interface JUnitOptions {
  /** The machine that ran the flow ("localhost" when unknown). */
  readonly hostname?: string;
  /** Names the suite's package (e.g. the flow file); the flow's name by default. */
  readonly packageName?: string;
}

export function toJUnitXml(report: FlowReport, options: JUnitOptions = {}): string {
  const steps = flattenSteps(report.steps).filter(({ step }) => !step.steps);
  const count = (status: string) => steps.filter(({ step }) => step.status === status).length;
  const name = report.name.trim() || 'flow';
  const suite = attributes({
    name,
    package: options.packageName?.trim() || name,
    id: '0',
    timestamp: new Date(report.startedAt).toISOString().slice(0, 19),
    hostname: options.hostname?.trim() || 'localhost',
    tests: String(steps.length),
    failures: String(count('failed')),
    errors: '0',
    skipped: String(count('skipped')),
    time: seconds(report.ms),
  });
  const cases = steps.map(({ step }) => {
    const head = `    <testcase${attributes({ name: `${step.number} ${step.label}`, classname: name, time: seconds(step.ms) })}`;
    if (step.status === 'skipped')
      return `${head}>\n      <skipped message="not run: an earlier step failed"/>\n    </testcase>`;
    if (!step.failure) return `${head}/>`;
    const iterations = step.failure.iterations.length > 0 ? ` (iteration ${step.failure.iterations.join('.')})` : '';
    const failure = attributes({ message: step.failure.message + iterations, type: step.kind });
    return `${head}>\n      <failure${failure}>${escapeText(step.failure.details.join('\n'))}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    `  <testsuite${suite}>`,
    '    <properties/>',
    ...cases,
    `    <system-out>${escapeText(formatReport(report).join('\n'))}</system-out>`,
    '    <system-err/>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function attributes(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
}

/**
 * Characters XML 1.0 cannot carry even as references: C0 controls other than tab, newline and
 * carriage return, U+FFFE, U+FFFF and unpaired surrogates. They become U+FFFD.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeText(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and keep tabs and line breaks (which parsers would fold into spaces). */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
