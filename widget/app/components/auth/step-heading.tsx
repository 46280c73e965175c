import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Each step's title. Focus moves here when the step appears, so keyboard and screen-reader users
 * land at the start of the new step instead of on the page's body. In the commit that shows the
 * step: a passive effect runs a frame later, and a key pressed meanwhile (Esc) would go to the body.
 */
export function StepHeading({ id, children }: { id: string; children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => ref.current?.focus(), []);
  return (
    <h3 id={id} class="step-title" tabIndex={-1} ref={ref}>
      {children}
    </h3>
  );
}
