/**
 * The one thing the interactive widget needs of signals' Preact integration: that a component
 * re-renders when a signal it read while rendering changes.
 * @preact/signals does that and more (signals as text nodes and props, its hooks) for 1.4 KB gzip
 * more; this does it in a few lines, through the same two Preact option hooks.
 *
 * Each render runs inside an effect: the signals read there are its dependencies; when one
 * changes, the effect asks Preact for a new render (which tracks afresh) instead of running again.
 */
import { effect } from '@preact/signals-core';
import { type Component, Fragment, options, type VNode } from 'preact';

/** Preact's (mangled, stable within Preact 10) names: the render hook and a vnode's component. */
type Options = typeof options & { __r?: (vnode: VNode) => void };
type Tracked = Component & {
  render: Component['render'];
  __pikirStop?: () => void;
  __pikirTracked?: true;
};

const hooks = options as Options;
const beforeRender = hooks.__r;
hooks.__r = (vnode) => {
  beforeRender?.(vnode);
  const component = (vnode as VNode & { __c?: Tracked }).__c;
  // A fragment (every list of children is one) reads no signal: no effect for it. A first render
  // of a hundred comments has hundreds of them.
  if (!component || component.__pikirTracked || vnode.type === Fragment) return;
  component.__pikirTracked = true;
  const render = component.render;
  component.render = function (this: Tracked, ...args: Parameters<Component['render']>) {
    this.__pikirStop?.();
    let output: ReturnType<Component['render']> = null;
    let first = true;
    this.__pikirStop = effect(() => {
      if (first) {
        first = false;
        output = render.apply(this, args);
      } else {
        this.__pikirStop?.();
        this.__pikirStop = undefined;
        this.setState({});
      }
    });
    return output;
  };
};

const beforeUnmount = options.unmount;
options.unmount = (vnode) => {
  (vnode as VNode & { __c?: Tracked }).__c?.__pikirStop?.();
  beforeUnmount?.(vnode);
};
