/**
 * Copies text. DevTools panels run in an iframe whose permissions policy may deny the async
 * Clipboard API, so a failed writeText falls back to a selected textarea and execCommand('copy').
 */
export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (error) {
    if (copyWithSelection(text)) return;
    throw error instanceof Error ? error : new Error(String(error));
  }
}

function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}
