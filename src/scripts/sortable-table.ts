/**
 * Progressive enhancement: column headers of `table[data-sortable]` become sort buttons.
 * Without JavaScript the table keeps its server order (newest year first).
 */
export function enhanceSortableTables(root: ParentNode = document): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
    const hint = table.closest('div')?.previousElementSibling;
    if (hint instanceof HTMLElement && hint.hasAttribute('data-sort-hint')) hint.hidden = false;
    const headers = [...table.tHead!.rows[0].cells];
    headers.forEach((th, col) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'font-bold underline decoration-dotted underline-offset-4';
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener('click', () => {
        const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        headers.forEach((h) => h.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', dir);
        const numeric = th.dataset.sortType === 'number';
        const body = table.tBodies[0];
        const key = (row: HTMLTableRowElement) => row.cells[col].dataset.sort ?? row.cells[col].textContent ?? '';
        const rows = [...body.rows].sort((a, b) => {
          const c = numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b), 'zh-CN');
          return dir === 'ascending' ? c : -c;
        });
        body.append(...rows);
      });
    });
  }
}
