/** Elements built with the DOM's own calls: the first paint's whole toolkit. */
export type Child = Node | string | number | false | null | undefined;

/**
 * `<tag attributes…>children</tag>`. An attribute that is `false` or undefined is left out, `true`
 * is present and empty, as HTML's boolean attributes are; falsy children (but 0) draw nothing.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value !== false && value !== undefined) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child || child === 0 || child === '') node.append(typeof child === 'number' ? String(child) : child);
  }
  return node;
}
