/** The one WebExtension API namespace of the project (promise-based in both browsers). */
import browser from 'webextension-polyfill';

export type { Manifest, Runtime } from 'webextension-polyfill';
export { browser };
