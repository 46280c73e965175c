/** Browser tests and size budgets need the built widget: build it when dist/ is missing or stale. */
import { fileURLToPath } from 'node:url';
import { buildWidget, isWidgetBuildStale } from '../../scripts/widget-build.ts';

export default function setup() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  if (isWidgetBuildStale(root)) buildWidget(root);
}
