/** `npm start` runs this first: build the widget when dist/ is missing or older than its sources. */
import { fileURLToPath } from 'node:url';
import { buildWidget, isWidgetBuildStale } from './widget-build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
if (isWidgetBuildStale(root)) {
  console.log('Building the widget…');
  buildWidget(root);
}
