import { useEffect, useState } from 'preact/hooks';
import type { DetailPane as DetailPaneType } from './detail-pane';

type DetailModule = { DetailPane: typeof DetailPaneType };
let loaded: DetailModule | null = null;
let loading: Promise<DetailModule> | null = null;

/**
 * The details pane, loaded when a row is first selected: its views, copy formats and JSON tree
 * are a fifth of a UI's code and nothing of its first render (the popup's budget is 80 KB).
 */
export function LazyDetailPane(props: Parameters<typeof DetailPaneType>[0]) {
  const [module, setModule] = useState<DetailModule | null>(loaded);
  useEffect(() => {
    if (module) return;
    loading ??= import('./detail-pane').then((m) => (loaded = m));
    void loading.then(setModule);
  }, [module]);
  if (!module) {
    return (
      <section class="pdetail" role="region" aria-label="Details" aria-busy="true">
        <p class="notice">Loading…</p>
      </section>
    );
  }
  return <module.DetailPane {...props} />;
}
