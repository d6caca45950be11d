// Socket Scope demo page: one WebSocket to the echo server that served this page, buttons to
// send each kind of frame, and a log. Everything is rendered with textContent (no innerHTML).
const wsUrl = `ws://${location.host}/`;
const $ = (id) => document.getElementById(id);

$('target').textContent = wsUrl;
$('popup-url').textContent = wsUrl;

let socket;
let sent = 0;

function log(kind, label, text) {
  const li = document.createElement('li');
  li.className = kind;
  const dir = document.createElement('span');
  dir.className = 'dir';
  dir.textContent = label;
  li.append(dir, document.createTextNode(text));
  const list = $('log');
  list.append(li);
  while (list.children.length > 200) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function setState(state, label) {
  $('status').dataset.state = state;
  $('status').textContent = label;
  const open = state === 'open';
  for (const id of ['send-text', 'send-json', 'send-binary', 'close']) $(id).disabled = !open;
  $('reconnect').disabled = state === 'open' || state === 'connecting';
}

function connect() {
  setState('connecting', 'connecting…');
  socket = new WebSocket(wsUrl);
  socket.binaryType = 'arraybuffer';
  socket.addEventListener('open', () => {
    setState('open', 'open');
    log('info', 'open', wsUrl);
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') log('received', '← text', event.data);
    else {
      const bytes = new Uint8Array(event.data);
      log('received', '← bin', `${bytes.length} bytes: ${hex(bytes)}`);
    }
  });
  socket.addEventListener('error', () => log('error', 'error', 'WebSocket error (is the echo server running?)'));
  socket.addEventListener('close', (event) => {
    setState('closed', 'closed');
    log('info', 'close', `code ${event.code}${event.reason ? `, reason "${event.reason}"` : ''}`);
  });
}

$('send-text').addEventListener('click', () => {
  const text = `hello from the demo #${++sent}`;
  socket.send(text);
  log('sent', '→ text', text);
});

$('send-json').addEventListener('click', () => {
  const json = JSON.stringify({ type: 'demo', n: ++sent, at: new Date().toISOString(), tags: ['socket', 'scope'] });
  socket.send(json);
  log('sent', '→ json', json);
});

$('send-binary').addEventListener('click', () => {
  const bytes = crypto.getRandomValues(new Uint8Array(8 + Math.floor(Math.random() * 9)));
  sent++;
  socket.send(bytes);
  log('sent', '→ bin', `${bytes.length} bytes: ${hex(bytes)}`);
});

$('close').addEventListener('click', () => socket.close(1000, 'closed from the demo page'));
$('reconnect').addEventListener('click', connect);

connect();
