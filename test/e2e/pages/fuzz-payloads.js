// The hostile payloads of the fuzz tests, generated from a fixed seed (every run sends the same).
// A classic script: fuzz.html loads it with <script src>, the popup fuzz test evaluates it in
// node:vm. It defines one global function and touches nothing else.
// eslint-disable-next-line no-unused-vars -- a global for the page and the test
function fuzzPayloads() {
  let seed = 20261126;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const HOSTILE = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=1</scr' + 'ipt>',
    '</scr' + 'ipt><svg onload="window.__pwned=1">',
    '{"url":"javascript:window.__pwned=1","html":"<b onmouseover=alert(1)>x</b>"}',
    '\u202Eevil.exe\u202Dtxt',
    'zero\u200Bwidth\u200D\uFEFFjoin',
    Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''),
    'lone \uD800 surrogate \uDFFF',
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
    '42["chat:message","<img src=x onerror=window.__pwned=1>"]',
    '{"type":"next","id":"1","payload":{"data":"<script>window.__pwned=1</scr' + 'ipt>"}}',
    '\n\n\r\r\t\t',
    '%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E',
  ];
  const payloads = [];
  for (let i = 0; i < 2000; i++) {
    const parts = [pick(HOSTILE), pick(HOSTILE), String(i)];
    payloads.push(rand() < 0.5 ? parts.join('') : JSON.stringify({ i, parts }));
  }
  payloads.push('['.repeat(10000) + ']'.repeat(10000)); // nested JSON, 10,000 levels
  payloads.push('{"a":'.repeat(5000) + '1' + '}'.repeat(5000));
  payloads.push('A'.repeat(1024 * 1024)); // one huge single line
  payloads.push(new Uint8Array([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80])); // invalid UTF-8
  const huge = new Uint8Array(16 * 1024 * 1024);
  huge.fill(0x3c); // 16 MiB of "<"
  payloads.push(huge);
  return payloads;
}
