// A cluster shared with other teams and tools: Strata deletes only what is provably its own, takes
// nothing over unless asked, and catches refusals at plan time. Real tofu, a real kube-apiserver
// with kwok nodes and an audit log; every result checked with kubectl.
import { readFileSync, statSync } from 'node:fs';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { manifestLayer as layer, recordText } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(900_000);

/** tofu wraps diagnostics at 80 columns: compare text with its white space folded. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const configMap = (name: string, namespace: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${namespace}${extra}
data:
  owner: strata`;

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}`;

function configuration(kubeconfig: string, cluster: string, layers: string[], options = ''): string {
  return `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}

resource "strata_profile_version" "v" {
  profile_id = "${cluster}"
  version    = "1.0.0"
${layers.join('\n')}
}

resource "strata_cluster" "c" {
  name       = "${cluster}"
  kubernetes = { config_path = "${kubeconfig}" }
  profile    = strata_profile_version.v.snapshot
${options.includes('timeout') ? '' : '  timeout    = "60s"'}
${options}
}
`;
}

describe('a cluster shared with others', () => {
  let plane: ControlPlane;

  beforeAll(async () => {
    await ensureTools(['kubectl']);
    plane = await startControlPlane({ audit: true });
  });

  afterAll(async () => {
    await plane?.stop();
  });

  async function kubectl(args: string[], input?: string): Promise<string> {
    const result = await plane.kubectl(args, input === undefined ? undefined : { input });
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }
  const exists = async (args: string[]) => (await plane.kubectl(['get', ...args])).code === 0;
  const uid = (args: string[]) => kubectl(['get', ...args, '-o', 'jsonpath={.metadata.uid}']);

  async function workspace(cluster: string, layers: string[], options = ''): Promise<TofuWorkspace & { set(layers: string[], options?: string): void }> {
    const ws = await TofuWorkspace.create({ files: { 'main.tf': configuration(plane.kubeconfigPath, cluster, layers, options) } });
    await ws.expect(['init', '-input=false']);
    return Object.assign(ws, { set: (next: string[], nextOptions = '') => ws.write('main.tf', configuration(plane.kubeconfigPath, cluster, next, nextOptions)) });
  }

  test('a CRD whose custom resources others still use is kept, and goes only with the opt-in', async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true`;
    const base = layer('base', namespace('crd-app'));
    const ws = await workspace('crd-1', [base, layer('crds', crd)]);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    await kubectl(['create', 'namespace', 'team-b']);
    await kubectl(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: theirs\n  namespace: team-b\n');

    ws.set([base]);
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('crds: keep apiextensions.k8s.io/v1 CustomResourceDefinition widgets.example.com (1 Widget custom resource still exist (namespaces team-b)');
    expect(flat(plan.stdout)).toContain('delete_crds_with_resources = true');
    expect(plan.stdout).toContain('Warning: Strata leaves 1 object(s) in place');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await exists(['crd', 'widgets.example.com'])).toBe(true);
    expect(await exists(['widget', '-n', 'team-b', 'theirs'])).toBe(true);

    // Still marked as this cluster's, the CRD comes back to the profile as Strata's, and with the opt-in it goes.
    ws.set([base, layer('crds', crd)]);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    ws.set([base], 'delete_crds_with_resources = true');
    const optIn = await ws.expect(['plan', '-input=false']);
    expect(optIn.stdout).toContain('crds: - apiextensions.k8s.io/v1 CustomResourceDefinition widgets.example.com');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await exists(['crd', 'widgets.example.com'])).toBe(false);
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
  });

  test('a Namespace holding others\' objects and an object marked keep are kept', async () => {
    const team = layer('team', [namespace('shared-ns'), configMap('ours', 'shared-ns'), configMap('precious', 'shared-ns', '\n  annotations:\n    helm.sh/resource-policy: keep')].join('\n---\n'));
    const base = layer('base', configMap('anchor', 'default'));
    const ws = await workspace('ns-1', [base, team]);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    await kubectl(['-n', 'shared-ns', 'create', 'configmap', 'theirs', '--from-literal=owner=team-b']);

    ws.set([base]);
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('team: - v1 ConfigMap shared-ns/ours');
    expect(plan.stdout).toContain('team: keep v1 ConfigMap shared-ns/precious (annotation helm.sh/resource-policy: keep');
    expect(plan.stdout).toMatch(/team: keep v1 Namespace shared-ns \(holds 2 objects that this move does not delete \(2 ConfigMap\)/);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await exists(['namespace', 'shared-ns'])).toBe(true);
    expect(await exists(['-n', 'shared-ns', 'configmap', 'theirs'])).toBe(true);
    expect(await exists(['-n', 'shared-ns', 'configmap', 'precious'])).toBe(true);
    expect(await exists(['-n', 'shared-ns', 'configmap', 'ours'])).toBe(false);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
  });

  test('an existing object is adopted only when asked; an unmarked one is let go of', async () => {
    await kubectl(['create', 'namespace', 'adopt']);
    await kubectl(['-n', 'adopt', 'create', 'configmap', 'legacy', '--from-literal=owner=strata']);
    const base = layer('base', [configMap('kept-by-strata', 'adopt'), configMap('unmarked-later', 'adopt')].join('\n---\n'));
    const withLegacy = layer('legacy', configMap('legacy', 'adopt'));
    const ws = await workspace('adopt-1', [base, withLegacy]);

    const refused = await ws.run(['plan', '-input=false']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error: Object exists and is not Strata\'s');
    expect(flat(refused.stderr)).toContain('v1 ConfigMap adopt/legacy');
    expect(flat(refused.stderr)).toContain('adopt_existing = true');
    expect(refused.stderr).toMatch(/with strata_cluster\.c,\n\s+on main\.tf line \d+, in resource "strata_cluster" "c":\n\s+\d+:\s+profile\s+= strata_profile_version\.v\.snapshot/);

    ws.set([base, withLegacy], 'adopt_existing = true');
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('legacy: + v1 ConfigMap adopt/legacy (adopt: exists, created outside Strata by kubectl-create)');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl(['-n', 'adopt', 'get', 'configmap', 'legacy', '-o', 'jsonpath={.metadata.labels.strata\\.dev/cluster}'])).toBe('adopt-1');

    // Adopted, it is Strata's: leaving the profile deletes it. The one unmarked by hand is only let go of.
    await kubectl(['-n', 'adopt', 'label', 'configmap', 'unmarked-later', 'strata.dev/cluster-']);
    ws.set([layer('base', configMap('kept-by-strata', 'adopt'))], 'adopt_existing = true');
    const removal = await ws.expect(['plan', '-input=false']);
    expect(removal.stdout).toContain('legacy: - v1 ConfigMap adopt/legacy');
    expect(removal.stdout).toContain('base: forget v1 ConfigMap adopt/unmarked-later (no longer carries this cluster\'s mark');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await exists(['-n', 'adopt', 'configmap', 'legacy'])).toBe(false);
    expect(await exists(['-n', 'adopt', 'configmap', 'unmarked-later'])).toBe(true);
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
    expect(await exists(['-n', 'adopt', 'configmap', 'unmarked-later'])).toBe(true);
  });

  test('a second cluster resource naming an object the first one owns fails plan, naming both', async () => {
    const first = await workspace('owner-a', [layer('base', [namespace('claimed'), configMap('shared', 'claimed')].join('\n---\n'))]);
    await first.expect(['apply', '-input=false', '-auto-approve']);
    const second = await workspace('owner-b', [layer('base', configMap('shared', 'claimed'))], 'adopt_existing = true');
    const plan = await second.run(['plan', '-input=false']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Error: Object claimed by another cluster');
    expect(flat(plan.stderr)).toMatch(/v1 ConfigMap claimed\/shared is managed by Strata cluster "owner-a" .* the profile of cluster "owner-b" names it too/);
    await first.expect(['destroy', '-input=false', '-auto-approve']);
  });

  test('an immutable change fails plan naming the field, and with the opt-in is a replacement; StatefulSet pods survive', async () => {
    const deployment = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: immutable
spec:
  replicas: 1
  selector: { matchLabels: { app: ${app} } }
  template:
    metadata: { labels: { app: ${app} } }
    spec: { containers: [{ name: api, image: "registry.example/api:1" }] }`;
    const statefulSet = (size: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: immutable
spec:
  replicas: 1
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: "registry.example/db:1" }] }
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: ${size} } } }`;
    const layers = (app: string, size: string) => [layer('base', namespace('immutable')), layer('app', [deployment(app), statefulSet(size)].join('\n---\n'))];
    // Without a storage provisioner the StatefulSet's pod never becomes ready, but it exists.
    const ws = await workspace('immutable-1', layers('api', '1Gi'), 'wait = false');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    const deploymentUid = await uid(['-n', 'immutable', 'deployment', 'api']);
    const podUid = await uid(['-n', 'immutable', 'pod', 'db-0']);

    ws.set(layers('api-v2', '2Gi'), 'wait = false');
    const refused = await ws.run(['plan', '-input=false']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error: Immutable field would change');
    expect(flat(refused.stderr)).toContain('apps/v1 Deployment immutable/api: field spec.selector cannot be changed in place');
    expect(flat(refused.stderr)).toContain('recreate_on_immutable = true');

    ws.set(layers('api-v2', '2Gi'), 'wait = false\n  recreate_on_immutable = true');
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('app: -/+ apps/v1 Deployment immutable/api (replace: spec.selector is immutable)');
    expect(plan.stdout).toContain('app: -/+ apps/v1 StatefulSet immutable/db (replace: spec is immutable)');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await uid(['-n', 'immutable', 'deployment', 'api'])).not.toBe(deploymentUid);
    expect(await kubectl(['-n', 'immutable', 'get', 'statefulset', 'db', '-o', 'jsonpath={.spec.volumeClaimTemplates[0].spec.resources.requests.storage}'])).toBe('2Gi');
    expect(await uid(['-n', 'immutable', 'pod', 'db-0'])).toBe(podUid);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
  });

  test('a field left to another controller is never drift, and apply leaves it', async () => {
    const deployment = (tier: string) => layer('app', [namespace('scaled'), `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: scaled
  labels: { tier: ${tier} }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "registry.example/web:1" }] }`].join('\n---\n'));
    // Readiness of the scaled pods is not the point here, and kwok takes its time under load.
    const ignore = `wait = false\n  ignore_fields = [{ api_version = "apps", kind = "Deployment", name = "web", namespace = "scaled", paths = ["spec.replicas"] }]`;
    const ws = await workspace('scaled-1', [deployment('a')], ignore);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    await kubectl(['-n', 'scaled', 'scale', 'deployment', 'web', '--replicas=3']);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    ws.set([deployment('b')], ignore);
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('app: ~ apps/v1 Deployment scaled/web');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl(['-n', 'scaled', 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.labels.tier}'])).toBe('3 b');
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
  });

  test('an admission policy\'s refusal fails the plan, and nothing of the profile is written', async () => {
    await kubectl(['apply', '-f', '-'], `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: no-forbidden-tier
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: [""]
        apiVersions: ["v1"]
        operations: ["CREATE", "UPDATE"]
        resources: ["configmaps"]
  validations:
    - expression: "!has(object.metadata.labels) || !('tier' in object.metadata.labels) || object.metadata.labels['tier'] != 'forbidden'"
      message: "tier=forbidden is not allowed on this cluster"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: no-forbidden-tier
spec:
  policyName: no-forbidden-tier
  validationActions: [Deny]
`);
    await kubectl(['create', 'namespace', 'policed']);
    const ws = await workspace('policy-1', [layer('base', [configMap('fine', 'policed'), configMap('refused', 'policed', '\n  labels:\n    tier: forbidden')].join('\n---\n'))]);
    const before = statSync(plane.auditLogPath!).size;
    // The policy takes a moment to be loaded by the API server.
    let plan = await ws.run(['plan', '-input=false']);
    for (let i = 0; i < 20 && plan.code === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      plan = await ws.run(['plan', '-input=false']);
    }
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Error: The API server would refuse an object');
    expect(plan.stderr).toContain('Layer "base", v1 ConfigMap policed/refused');
    expect(flat(plan.stderr)).toContain('tier=forbidden is not allowed on this cluster');
    const events = readFileSync(plane.auditLogPath!).subarray(before).toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const writes = events.filter((e) => (e.userAgent ?? '').startsWith('strata') && ['create', 'update', 'patch', 'delete'].includes(e.verb));
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((e) => !String(e.requestURI).includes('dryRun=All'))).toEqual([]);
    expect(await exists(['-n', 'policed', 'configmap', 'fine'])).toBe(false);
    await kubectl(['delete', 'validatingadmissionpolicybinding,validatingadmissionpolicy', 'no-forbidden-tier']);
  });

  test('deletion goes in reverse layer order, so an operator clears its finalizers; a finalizer nobody clears fails destroy', async () => {
    const operator = layer('operator', [namespace('finalizing'), `apiVersion: apps/v1
kind: Deployment
metadata:
  name: operator
  namespace: finalizing
spec:
  replicas: 1
  selector: { matchLabels: { app: operator } }
  template:
    metadata: { labels: { app: operator } }
    spec: { containers: [{ name: operator, image: "registry.example/operator:1" }] }`].join('\n---\n'));
    const guarded = (finalizer: string) => layer('app', configMap('guarded', 'finalizing', `\n  finalizers:\n    - ${finalizer}`));
    // The operator's job, done by the test while the operator's Deployment exists: clear its
    // finalizer from objects being deleted. Deleted before them, it would leave them stuck.
    let running = true;
    const operatorLoop = (async () => {
      while (running) {
        const alive = await exists(['-n', 'finalizing', 'deployment', 'operator']);
        const cm = await plane.kubectl(['-n', 'finalizing', 'get', 'configmap', 'guarded', '-o', 'json']);
        if (alive && cm.code === 0) {
          const object = JSON.parse(cm.stdout);
          if (object.metadata.deletionTimestamp && (object.metadata.finalizers ?? []).includes('example.com/operator')) {
            await plane.kubectl(['-n', 'finalizing', 'patch', 'configmap', 'guarded', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    try {
      const ws = await workspace('final-1', [operator, guarded('example.com/operator')]);
      await ws.expect(['apply', '-input=false', '-auto-approve']);
      await ws.expect(['destroy', '-input=false', '-auto-approve']);
      expect(await exists(['namespace', 'finalizing'])).toBe(false);
    } finally {
      running = false;
      await operatorLoop;
    }

    const stuckLayers = [layer('base', namespace('stuck-ns')), layer('app', configMap('guarded', 'stuck-ns', '\n  finalizers:\n    - example.com/nobody'))];
    const stuck = await workspace('final-2', stuckLayers, 'timeout = "5s"');
    await stuck.expect(['apply', '-input=false', '-auto-approve']);
    const failed = await stuck.run(['destroy', '-input=false', '-auto-approve']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Error: Objects did not go away');
    expect(flat(failed.stderr)).toContain('v1 ConfigMap stuck-ns/guarded (finalizer example.com/nobody)');
    // The record keeps it, and the earlier layer's Namespace was not deleted under it.
    const inventory = JSON.parse(await recordText(plane, 'final-2')).inventory;
    expect(inventory.flatMap((l: any) => l.objects.map((o: any) => o.key))).toEqual(['core/Namespace//stuck-ns', 'core/ConfigMap/stuck-ns/guarded']);
    expect(await exists(['namespace', 'stuck-ns'])).toBe(true);
    await kubectl(['-n', 'stuck-ns', 'patch', 'configmap', 'guarded', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    // A Namespace takes longer than 5 s to go: destroy again with the usual timeout (and the
    // ConfigMap, deleted now, back without its finalizer).
    stuck.set([layer('base', namespace('stuck-ns')), layer('app', configMap('guarded', 'stuck-ns'))]);
    await stuck.expect(['apply', '-input=false', '-auto-approve']);
    await stuck.expect(['destroy', '-input=false', '-auto-approve']);
    expect(await exists(['namespace', 'stuck-ns'])).toBe(false);
  });
});
