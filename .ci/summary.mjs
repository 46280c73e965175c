// Prints the counts CI needs to see: how many tests ran on PostgreSQL and in Chromium, and a
// closing "N passed, N failed, N skipped" line.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
if (!existsSync(file)) {
  console.log('Tests: 0 passed, 1 failed (no vitest report: the suite did not run)');
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const tests = report.testResults.flatMap((f) => f.assertionResults.map((t) => ({ ...t, file: f.name })));
const count = (list, status) => list.filter((t) => t.status === status).length;
const line = (label, list) =>
  console.log(
    `${label}: ${count(list, 'passed')} passed, ${count(list, 'failed')} failed, ${list.length - count(list, 'passed') - count(list, 'failed')} skipped`,
  );
line(
  'sqlite',
  tests.filter((t) => / on '?sqlite\b/.test(t.fullName)),
);
line(
  'postgres',
  tests.filter((t) => / on '?postgres\b/.test(t.fullName)),
);
line(
  'chromium',
  tests.filter((t) => t.file.includes('/test/e2e/') && !t.file.endsWith('bundle-size.test.ts')),
);
line('Tests', tests);
