import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('docs/operations.md', () => {
  it('shows the nginx configuration exactly as test/e2e/nginx.test.ts runs it', () => {
    const doc = read('docs/operations.md');
    const conf = read('docs/nginx/pikir.conf');
    expect(doc).toContain(`\`\`\`nginx\n${conf}\`\`\``);
  });

  it('names every header the webhook sends', async () => {
    const doc = read('docs/operations.md');
    const signing = await import('../../server/delivery/webhook-signing.ts');
    for (const header of [
      signing.ID_HEADER,
      signing.EVENT_HEADER,
      signing.TIMESTAMP_HEADER,
      signing.SIGNATURE_HEADER,
    ])
      expect(doc).toContain(`| \`${header}\``);
  });
});
