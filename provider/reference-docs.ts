// The provider's reference documentation, rendered from its schemas.
import { resourceDoc } from './framework/docs';
import { strataProvider } from './provider';

export function renderReference(): string {
  return [
    '# Strata resources',
    '',
    '<!-- Generated from the provider schemas by `npm run docs`; do not edit by hand. -->',
    '',
    ...strataProvider.resources.map((r) => resourceDoc(r.typeName, r.schema)),
  ].join('\n');
}
