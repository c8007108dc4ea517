/**
 * Reading modes (src/components/ReadingModes.astro) remembered where JavaScript runs. The switches
 * are checkboxes that work without script (global.css styles `html:has(#mode-…:checked)`); this
 * keeps each choice in localStorage and shows it on every page:
 * - headScript(), inline in <head>, sets `data-mode-<mode>` on <html> from storage before the first
 *   paint (global.css styles the attribute as the checked box), so a remembered mode never flashes;
 * - startReadingModes, the header's module script, checks the boxes from storage and from then on
 *   keeps the attribute equal to its box and storage to the reader's choice.
 * The attribute stays, mirroring its box, so browsers without `:has()` still follow the switches.
 */

export const MODES = ['large', 'contrast'] as const;
export type Mode = (typeof MODES)[number];

/** The checkbox of a mode, and the attribute of <html> that stands for it until the box is checked. */
export const modeInputId = (mode: Mode) => `mode-${mode}`;
const ATTRIBUTE = 'data-mode-';
const attribute = (mode: Mode) => `${ATTRIBUTE}${mode}`;
/** Shared by every site on the origin (a portal's sections): a reader's need is the same on each. */
const STORAGE_KEY = 'reading-mode-';
const storageKey = (mode: Mode) => `${STORAGE_KEY}${mode}`;
const ON = 'on';

/** The inline script of <head>: constant text (no configuration in it), ES5 for old browsers. A function, so the module script leaves it out. */
export const headScript = (): string =>
  `try{${JSON.stringify(MODES)}.forEach(function(m){if(localStorage.getItem('${STORAGE_KEY}'+m)==='${ON}')document.documentElement.setAttribute('${ATTRIBUTE}'+m,'')})}catch(e){}`;

/** The stored choice; false when storage is unavailable (private windows may refuse it). */
function stored(mode: Mode): boolean {
  try {
    return localStorage.getItem(storageKey(mode)) === ON;
  } catch {
    return false;
  }
}

function store(mode: Mode, on: boolean): void {
  try {
    if (on) localStorage.setItem(storageKey(mode), ON);
    else localStorage.removeItem(storageKey(mode));
  } catch {
    // Not remembered, but the switch still works on this page.
  }
}

/** Checks the header's switches from storage and keeps <html>'s attributes and storage in step with them. */
export function startReadingModes(): void {
  const root = document.documentElement;
  const boxes = MODES.flatMap((mode) => {
    const box = document.getElementById(modeInputId(mode));
    return box instanceof HTMLInputElement ? [{ mode, box }] : [];
  });
  const show = () => {
    for (const { mode, box } of boxes) {
      box.checked = stored(mode);
      root.toggleAttribute(attribute(mode), box.checked);
    }
  };
  show();
  for (const { mode, box } of boxes) {
    box.addEventListener('change', () => {
      store(mode, box.checked);
      root.toggleAttribute(attribute(mode), box.checked);
    });
  }
  // A page from the back-forward cache, or another tab, may hold an older choice.
  window.addEventListener('pageshow', (e) => e.persisted && show());
  window.addEventListener('storage', (e) => (e.key === null || MODES.some((m) => e.key === storageKey(m))) && show());
}
