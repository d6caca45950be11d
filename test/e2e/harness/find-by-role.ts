/**
 * Finds an element by ARIA role and accessible name, inside the page. Runs in both browsers
 * (passed to page.evaluate), so it must be self-contained. A simplified accessible-name
 * computation that covers what our UI uses: aria-label, aria-labelledby, <label>, text content.
 */
export function findByRole(role: string, name: string | null, nameIsRegex: boolean, index: number): Element | null {
  const implicitRole = (el: Element): string | null => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit;
    const tag = el.tagName.toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'select') return 'combobox';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'table') return 'table';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'input') {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'checkbox') return 'checkbox';
      if (type === 'button' || type === 'submit') return 'button';
      if (type === 'number') return 'spinbutton';
      if (['text', 'search', 'url', 'email', 'tel', ''].includes(type)) return 'textbox';
    }
    return null;
  };
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const accessibleName = (el: Element): string => {
    const label = el.getAttribute('aria-label');
    if (label) return clean(label);
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      return clean(
        labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    }
    const id = el.getAttribute('id');
    const forLabel = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
    const wrapping = el.closest('label');
    const labelEl = forLabel ?? wrapping;
    if (labelEl && labelEl !== el) {
      let text = '';
      const walker = document.createTreeWalker(labelEl, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.parentElement?.closest('input,textarea,select')) text += n.textContent;
      }
      return clean(text);
    }
    if (el.getAttribute('title') && !['button', 'tab', 'option', 'link'].includes(implicitRole(el) ?? '')) {
      return clean(el.getAttribute('title')!);
    }
    return clean(el.textContent ?? '');
  };
  const matches: Element[] = [];
  for (const el of document.querySelectorAll('*')) {
    if (implicitRole(el) !== role) continue;
    if (name !== null) {
      const n = accessibleName(el);
      if (nameIsRegex ? !new RegExp(name).test(n) : n !== name) continue;
    }
    matches.push(el);
  }
  return matches[index] ?? null;
}
