// The provider's reference documentation, rendered from its schemas and function declarations.
import { dataSourceDoc, functionDoc, resourceDoc } from './framework/docs';
import { strataProvider } from './provider';

export function renderReference(): string {
  return [
    '# Strata resources, data sources and functions',
    '',
    '<!-- Generated from the provider schemas by `npm run docs`; do not edit by hand. -->',
    '',
    ...strataProvider.resources.map((r) => resourceDoc(r.typeName, r.schema)),
    ...strataProvider.dataSources.map((d) => dataSourceDoc(d.typeName, d.schema)),
    ...strataProvider.functions.map((f) => functionDoc(strataProvider.name, f)),
  ].join('\n');
}
