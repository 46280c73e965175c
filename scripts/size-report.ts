/** `npm run size`: prints every bundle's gzip size against its budget; exits 1 when one is over. */
import { fileURLToPath } from 'node:url';
import { formatSizes, measureBundles } from './bundle-size.ts';
import { buildWidget, isWidgetBuildStale } from './widget-build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
if (isWidgetBuildStale(root)) buildWidget(root);
const lines = measureBundles(`${root}dist`);
console.log(formatSizes(lines));
if (lines.some((l) => l.gzip > l.budget)) process.exit(1);
