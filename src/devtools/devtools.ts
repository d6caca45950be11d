/** DevTools page: only creates the "WebSockets" panel. */
import { browser } from '../extension/browser';

// Outside DevTools (e.g. the page opened as a tab by a test harness) there is nothing to create.
if (browser.devtools) void browser.devtools.panels.create('WebSockets', 'icons/icon-32.png', 'panel.html');
