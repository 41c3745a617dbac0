// Writes docs/resources.md from the provider's schemas (`npm run docs`); a unit test fails when the
// committed file is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReference } from '../provider/reference-docs';

writeFileSync(join(__dirname, '..', '..', 'docs', 'resources.md'), renderReference());
