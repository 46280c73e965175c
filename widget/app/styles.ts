/**
 * Puts a stylesheet into the widget's shadow root and returns how to take it out again. A
 * constructed stylesheet is not subject to the host page's CSP style-src, so the widget keeps its
 * look on pages that forbid inline styles; older browsers get a <style> element.
 */
export function adoptStyles(root: ShadowRoot | Document, css: string): () => void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }
  const style = document.createElement('style');
  style.textContent = css;
  ('head' in root ? root.head : root).prepend(style);
  return () => style.remove();
}
