// The diagnostic of a layer that failed: which object, what the API server said, what to do.
import { KubeApiError, type KubeObject } from '../kube';
import { DiagnosticError } from '../protocol/diagnostics';
import { labelOf, refOf } from './inventory';
import type { InventoryObject } from './record';

export function layerFailure(layer: string, object: KubeObject | InventoryObject, error: unknown): DiagnosticError {
  const label = labelOf(refOf(object));
  const message = error instanceof KubeApiError ? error.apiMessage : error instanceof Error ? error.message : String(error);
  return new DiagnosticError(
    `Layer "${layer}" failed`,
    `${label}: ${message}\n\nApply stopped at this layer. Objects applied before it stay in the cluster and in the record ` +
    '(see the `layers` attribute); fix the layer in the profile and apply again.',
  );
}
