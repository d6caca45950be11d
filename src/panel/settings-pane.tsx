import { useEffect, useState } from 'preact/hooks';
import { SETTINGS_KEY, sanitizeSettings, type Settings } from '../core/settings';
import { browser } from '../extension/browser';

/**
 * Capture settings, stored in storage.local; the background applies them as they change.
 * The fields appear once the stored settings are read: a value typed before that would be
 * overwritten on screen by the stored one, and saving would write defaults over the other
 * settings. Changes made in another panel show here too.
 */
export function SettingsPane() {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    const apply = (value: unknown) => setSettings(sanitizeSettings(value));
    void browser.storage.local.get(SETTINGS_KEY).then((stored) => apply(stored[SETTINGS_KEY]));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes[SETTINGS_KEY]) apply(changes[SETTINGS_KEY].newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  if (!settings) {
    return (
      <section class="settings" aria-labelledby="settings-title" aria-busy="true">
        <h3 id="settings-title">Capture settings</h3>
        <p class="notice">Reading the saved settings…</p>
      </section>
    );
  }
  const save = (patch: Partial<Settings>) => {
    const next = sanitizeSettings({ ...settings, ...patch });
    setSettings(next);
    void browser.storage.local.set({ [SETTINGS_KEY]: next });
  };

  return (
    <section class="settings" aria-labelledby="settings-title">
      <h3 id="settings-title">Capture settings</h3>
      <label>
        <input
          type="checkbox"
          checked={settings.preserveLog}
          onChange={(e) => save({ preserveLog: e.currentTarget.checked })}
        />{' '}
        Preserve log across navigation
      </label>
      <label class="field">
        <span>Frame limit per tab</span>
        <input
          type="number"
          min={100}
          step={1000}
          value={settings.captureMaxFrames}
          onChange={(e) => save({ captureMaxFrames: Number(e.currentTarget.value) })}
        />
      </label>
      <label class="field">
        <span>Size limit per tab (MiB)</span>
        <input
          type="number"
          min={1}
          value={settings.captureMaxMegabytes}
          onChange={(e) => save({ captureMaxMegabytes: Number(e.currentTarget.value) })}
        />
      </label>
      <p class="notice">
        Older frames beyond a limit are dropped; the count of dropped frames is shown above the table.
      </p>
    </section>
  );
}
