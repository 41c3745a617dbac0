// Writes the registry-style reference under docs/ from the provider's schemas (`npm run docs`); a
// unit test fails when the committed pages are out of date.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GENERATED_FOLDERS, renderReference } from '../provider/reference-docs';

const root = join(__dirname, '..', '..');
for (const folder of GENERATED_FOLDERS) rmSync(join(root, 'docs', folder), { recursive: true, force: true });
for (const [path, content] of renderReference(root)) {
  mkdirSync(dirname(join(root, 'docs', path)), { recursive: true });
  writeFileSync(join(root, 'docs', path), content);
}
