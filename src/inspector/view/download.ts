/**
 * Saves text as a file through a blob: URL and a download link (Firefox refuses data: URLs for
 * downloads). The URL is revoked once the click has been handled.
 */
export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** session-2026-11-26T07-00-00.har: sortable and valid on every file system. */
export const exportFileName = (ext: 'har' | 'json', now = new Date()) =>
  `socket-scope-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.${ext}`;

/** The import/export module, loaded on the first export or import (not needed to open a UI). */
export const sessionFiles = () => import('../model/session-file');
