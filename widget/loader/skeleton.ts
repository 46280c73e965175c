/**
 * The grey outline of a thread that embed.js draws in the shadow root the moment it runs, before
 * the widget's code and the first page arrive (seconds, on a slow phone network); the widget's
 * first render replaces it. Styled through element.style, which a page's CSP style-src does not
 * govern (a <style> element it does), and hidden from screen readers: it says nothing.
 */
export function drawSkeleton(root: ShadowRoot) {
  const outline = document.createElement('div');
  outline.className = 'skeleton';
  outline.setAttribute('aria-hidden', 'true');
  for (let i = 0; i < 6; i++) {
    const bar = outline.appendChild(document.createElement('i'));
    Object.assign(bar.style, {
      display: 'block',
      height: i ? '12px' : '20px',
      width: i % 3 ? '90%' : '45%',
      margin: '16px 0',
      borderRadius: '6px',
      background: '#8883',
    });
  }
  root.replaceChildren(outline);
}

/** Nothing of ours could be shown: the site owner's own fallback inside the target shows again. */
export function showFallback(root: ShadowRoot) {
  root.replaceChildren(document.createElement('slot'));
}
