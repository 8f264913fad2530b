import { mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localLanguageDirectory } from './tesseract-engine.ts';

const root = mkdtempSync(join(tmpdir(), 'saeq-tessdata-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('OCR language directory', () => {
  it('replaces a dangling link left by a removed installation with one to this installation', () => {
    const dir = join(root, 'langs');
    const first = localLanguageDirectory(['fra'], dir);
    const link = join(first, 'fra.traineddata.gz');
    const ours = readlinkSync(link);
    rmSync(link);
    symlinkSync(join(root, 'removed-install', 'fra.traineddata.gz'), link);
    expect(localLanguageDirectory(['fra'], dir)).toBe(first);
    expect(readlinkSync(link)).toBe(ours);
  });
});
