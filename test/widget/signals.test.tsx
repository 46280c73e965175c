// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { batch, computed, signal } from '../../widget/app/signals.ts';
import { type Rendered, renderInShadow } from '../helpers/widget.tsx';

let ui: Rendered | undefined;
afterEach(async () => {
  await ui?.unmount();
  ui = undefined;
});

describe("the widget's signals in Preact", () => {
  it('re-renders a component when a signal it read changes, and tracks only what the last render read', async () => {
    const useName = signal(true);
    const name = signal('Айгерим');
    const count = signal(1);
    const doubled = computed(() => count.value * 2);
    let renders = 0;
    function Label() {
      renders++;
      return (
        <p>
          {useName.value ? name.value : 'аноним'} {doubled.value}
        </p>
      );
    }
    ui = await renderInShadow(<Label />);
    expect(ui.text()).toBe('Айгерим 2');

    await act(() => {
      batch(() => {
        name.value = 'Ерлан';
        count.value = 2;
      });
    });
    expect(ui.text()).toBe('Ерлан 4');
    expect(renders).toBe(2);

    await act(() => {
      useName.value = false;
    });
    expect(ui.text()).toBe('аноним 4');
    // Not read by the last render: no new one.
    await act(() => {
      name.value = 'Дана';
    });
    expect(renders).toBe(3);
  });

  it('lets a child re-render alone, and stops tracking once a component is gone', async () => {
    const shown = signal(true);
    const text = signal('a');
    const renders = { parent: 0, child: 0 };
    function Child() {
      renders.child++;
      return <span>{text.value}</span>;
    }
    function Parent() {
      renders.parent++;
      return <div>{shown.value && <Child />}</div>;
    }
    ui = await renderInShadow(<Parent />);
    await act(() => {
      text.value = 'b';
    });
    expect(ui.text()).toBe('b');
    expect(renders).toEqual({ parent: 1, child: 2 });

    await act(() => {
      shown.value = false;
    });
    await act(() => {
      text.value = 'c';
    });
    expect(ui.text()).toBe('');
    expect(renders).toEqual({ parent: 2, child: 2 });
  });
});
