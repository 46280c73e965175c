import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { adoptStyles } from '../../styles.ts';
import css from './on-click.css?inline';

/**
 * The on-click forms' styles, put into the widget's root while one of them is shown: they ride in
 * this chunk, not in the reading path's stylesheet. A layout effect, so the form is never painted
 * without them.
 */
export function useOnClickStyles(element: RefObject<Element>): void {
  useLayoutEffect(() => {
    const root = element.current?.getRootNode();
    if (root instanceof ShadowRoot || root instanceof Document) return adoptStyles(root, css);
  }, []);
}
