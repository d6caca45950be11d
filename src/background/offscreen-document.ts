/**
 * Chrome's offscreen API, where it exists (Chrome with the "offscreen" permission; not Firefox,
 * whose header rules apply to the background's own sockets).
 */
export function offscreenApi(): typeof chrome.offscreen | undefined {
  return (globalThis as { chrome?: typeof chrome }).chrome?.offscreen;
}

/** Opens offscreen.html, which connects back on its port (src/offscreen/offscreen.ts). */
export async function startOffscreenDocument(api: typeof chrome.offscreen): Promise<void> {
  // A document left by an earlier run of this worker lost its port and closes itself; if it is
  // still there, replace it, since only one may exist.
  if (await api.hasDocument()) await api.closeDocument();
  await api.createDocument({
    url: 'offscreen.html',
    // No reason names WebSockets; WEB_RTC (real-time network APIs) is the nearest.
    reasons: [api.Reason.WEB_RTC],
    justification:
      'Opens the WebSocket connections the user gives handshake headers: Chrome applies header rules to extension documents, not to the service worker.',
  });
}
